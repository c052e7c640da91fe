import { describe, expect, it } from 'vitest';
import { loadOutcome, stillUsingLine } from './load-outcome';

const previous = { summary: { dataset: 'sample/binance-ohlcv-1h-btc-eth' } };

describe('loadOutcome', () => {
  it('shows a cancelled load as cancelled, not as a failure', () => {
    expect(loadOutcome({ status: 'cancelled', loaded: previous })).toEqual({
      kind: 'cancelled',
      text: 'Loading cancelled.',
      stillUsing: 'sample/binance-ohlcv-1h-btc-eth',
    });
  });

  it('shows a failed load with its message and names the dataset still in use', () => {
    expect(loadOutcome({ status: 'error', error: 'No dataset lab/x.', loaded: previous })).toEqual({
      kind: 'error',
      text: 'The dataset could not be loaded. No dataset lab/x.',
      stillUsing: 'sample/binance-ohlcv-1h-btc-eth',
    });
    expect(loadOutcome({ status: 'error', error: 'No dataset lab/x.' })).toMatchObject({ stillUsing: null });
  });

  it('says nothing while loading or once loaded', () => {
    expect(loadOutcome({ status: 'loading', loaded: previous })).toEqual({ kind: 'none' });
    expect(loadOutcome({ status: 'ready', loaded: previous })).toEqual({ kind: 'none' });
  });
});

describe('stillUsingLine', () => {
  it('says plainly that the summary shown is the previous dataset', () => {
    expect(stillUsingLine('lab/a')).toBe(
      'Still using lab/a, loaded before: the summary below is that dataset.',
    );
    expect(stillUsingLine(null)).toBe('No dataset is loaded.');
  });
});
