import { describe, expect, it } from 'vitest';
import { fileSymbolNote, hasFileSymbol } from './file-symbol';

const mapping = { time: 'time', open: 'open', high: 'high', low: 'low', close: 'close', volume: null };

describe('the symbol of a file without a symbol column', () => {
  it('is offered for confirmation only for a local file without a symbol column', () => {
    expect(
      hasFileSymbol({ origin: 'local', mapping: { ...mapping, symbol: null }, symbols: ['NAN/EMPTY'] }),
    ).toBe(true);
    expect(
      hasFileSymbol({ origin: 'local', mapping: { ...mapping, symbol: 'symbol' }, symbols: ['BTC/USDT'] }),
    ).toBe(false);
    expect(
      hasFileSymbol({ origin: 'hub', mapping: { ...mapping, symbol: null }, symbols: ['BTC/USDT'] }),
    ).toBe(false);
  });

  it('says where the symbol came from', () => {
    expect(fileSymbolNote('nan_empty.csv', 'NAN/EMPTY', undefined)).toBe(
      'nan_empty.csv has no symbol column: its candles are loaded as NAN/EMPTY, a symbol taken from the file name. Correct it below if it is wrong.',
    );
    expect(fileSymbolNote('nan_empty.csv', 'BTC/USDT', 'btcusdt')).toBe(
      'nan_empty.csv has no symbol column: its candles are loaded as BTC/USDT, the symbol you entered.',
    );
  });
});
