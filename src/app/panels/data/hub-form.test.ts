import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors';
import { hubSourceFrom, type HubDraft } from './hub-form';

const draft: HubDraft = {
  hubUrl: 'http://127.0.0.1:5174/',
  dataset: ' lab/x ',
  revision: '',
  pattern: 'csv/*.csv',
  config: '',
  split: '',
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.field;
    throw err;
  }
  return 'no error';
}

describe('hubSourceFrom', () => {
  it('trims the draft into a hub source', () => {
    expect(hubSourceFrom(draft, '')).toEqual({
      kind: 'hub',
      hubUrl: 'http://127.0.0.1:5174',
      dataset: 'lab/x',
      revision: undefined,
      pattern: 'csv/*.csv',
      config: undefined,
      split: undefined,
    });
  });
  it('names the field of each mistake', () => {
    expect(fieldOf(() => hubSourceFrom({ ...draft, dataset: 'nope' }, ''))).toBe('dataset');
    expect(fieldOf(() => hubSourceFrom({ ...draft, hubUrl: 'ftp://x' }, ''))).toBe('hub');
    expect(fieldOf(() => hubSourceFrom(draft, 'not-a-token'))).toBe('token');
    expect(fieldOf(() => hubSourceFrom(draft, 'hf_ok'))).toBe('no error');
  });
});
