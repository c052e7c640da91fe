import { describe, expect, it } from 'vitest';
import { ensembleProblem } from './BuildEnsemble';

const item = (id: string, kind: string, task = 'classification') => ({ id, kind, task });

describe('which ticked models can form an ensemble', () => {
  it('needs two or more tree or linear models of one task', () => {
    expect(ensembleProblem([item('a', 'gbc')])).toMatch(/two or more/);
    expect(ensembleProblem([item('a', 'gbc'), item('b', 'mlp')])).toMatch(/mlp models cannot be members/);
    expect(ensembleProblem([item('a', 'gbc'), item('b', 'sgdr', 'regression')])).toMatch(
      /mix classification/,
    );
    expect(ensembleProblem([item('a', 'gbc'), item('b', 'rfc'), item('c', 'sgdc')])).toBeNull();
  });
});
