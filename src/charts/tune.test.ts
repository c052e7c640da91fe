import { describe, expect, it } from 'vitest';
import { importanceBarOption, paramScatterOption, trialHistoryOption, type TrialPoint } from './tune';

const T: TrialPoint[] = [
  { number: 0, state: 'complete', value: 0.7, params: { depth: 2, kind: 'a' } },
  { number: 1, state: 'pruned', value: 0.9, params: { depth: 5, kind: 'b' } },
  { number: 2, state: 'complete', value: 0.65, params: { depth: 3, kind: 'b' } },
  { number: 3, state: 'complete', value: -2e9, params: { depth: 4, kind: 'a' } },
];
type Series = { name?: string; data: unknown[] }[];

describe('study charts', () => {
  it('plots complete and pruned trials apart, with the best so far (minimised), and leaves out infeasible values', () => {
    const s = trialHistoryOption(T, 'log_loss', true).series as Series;
    expect(s[0].data).toEqual([
      [0, 0.7],
      [2, 0.65],
    ]);
    expect(s[1].data).toEqual([[1, 0.9]]);
    expect(s[2].data).toEqual([
      [0, 0.7],
      [2, 0.65],
    ]);
    expect((trialHistoryOption(T, 'auc', false).series as Series)[2].data).toEqual([
      [0, 0.7],
      [2, 0.7],
    ]);
  });
  it('scatters one parameter (numbers on a value axis, choices as categories) and sorts importance', () => {
    expect((paramScatterOption(T, 'depth', 'x').series as Series)[0].data).toEqual([
      [2, 0.7],
      [3, 0.65],
    ]);
    expect((paramScatterOption(T, 'kind', 'x').xAxis as { data: string[] }).data).toEqual(['a', 'b']);
    expect((importanceBarOption({ a: 0.2, b: 0.8 }).yAxis as { data: string[] }).data).toEqual(['a', 'b']);
  });
});
