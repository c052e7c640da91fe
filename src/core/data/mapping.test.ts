/** Column detection with aliases and overrides; symbols from columns and file names. */
import { describe, expect, it } from 'vitest';
import { detectColumns } from './columns';
import { normalizeSymbol, symbolFromFileName } from './symbols';
import { fileSymbolOf, loadLocalFile } from './load';

describe('detectColumns', () => {
  it('says which role took a column when a user mapping leaves a required role without one', () => {
    expect(() => detectColumns(['timestamp', 'open', 'high', 'low', 'close'], { close: 'open' })).toThrow(
      /Column "open" is mapped to close, so nothing is left for open/,
    );
  });

  it('finds aliases case-insensitively', () => {
    expect(detectColumns(['Date', 'Open', 'High', 'Low', 'Close', 'Volume'])).toEqual({
      time: 'Date',
      open: 'Open',
      high: 'High',
      low: 'Low',
      close: 'Close',
      volume: 'Volume',
      symbol: null,
    });
    expect(detectColumns(['open_time', 'o', 'h', 'l', 'c', 'v', 'Ticker'])).toMatchObject({
      time: 'open_time',
      open: 'o',
      close: 'c',
      volume: 'v',
      symbol: 'Ticker',
    });
    expect(detectColumns(['Open Time', 'OPEN', 'HIGH', 'LOW', 'CLOSE']).time).toBe('Open Time');
    expect(detectColumns(['col0', 'col1', 'col2', 'col3', 'col4', 'col5', 'col6'])).toMatchObject({
      time: 'col0',
      close: 'col4',
      volume: 'col5',
    });
  });

  it('lets the user override, and checks the override exists', () => {
    const m = detectColumns(['ts', 'open', 'high', 'low', 'close', 'adj_close', 'volume'], {
      close: 'adj_close',
      volume: null,
    });
    expect(m).toMatchObject({ time: 'ts', close: 'adj_close', volume: null });
    expect(() => detectColumns(['ts', 'open'], { close: 'nope' })).toThrow(
      /"nope" chosen for close is not in the data; found columns: "ts", "open"/,
    );
  });
});

describe('symbols', () => {
  it('reads the symbol from a file name', () => {
    expect(symbolFromFileName('csv/BTCUSDT_1h.csv')).toBe('BTCUSDT');
    expect(symbolFromFileName('ETH-USD.daily.parquet')).toBe('ETH-USD');
    expect(symbolFromFileName('SOLUSDT-1h-klines.csv')).toBe('SOLUSDT');
    expect(symbolFromFileName('data/train-00000-of-00001.parquet')).toBeNull();
  });
  it('normalises conservatively', () => {
    expect(normalizeSymbol('BTCUSDT')).toBe('BTC/USDT');
    expect(normalizeSymbol('ethfdusd')).toBe('ETH/FDUSD');
    expect(normalizeSymbol('BTC-USD')).toBe('BTC/USD');
    expect(normalizeSymbol('ETHBTC')).toBe('ETHBTC');
    expect(normalizeSymbol('USDT')).toBe('USDT');
    expect(normalizeSymbol('AAPL')).toBe('AAPL');
  });
  it('takes symbols from a column, several spellings merging into one', () => {
    const csv =
      'time,pair,open,high,low,close\n' +
      '2024-01-01T00:00:00Z,BTCUSDT,1,2,0.5,1.5\n2024-01-01T01:00:00Z,BTC/USDT,1,2,0.5,1.5\n2024-01-01T00:00:00Z,ETH-USDT,1,2,0.5,1.5\n2024-01-01T02:00:00Z,,1,2,0.5,1.5\n';
    const r = loadLocalFile('mixed.csv', new TextEncoder().encode(csv));
    expect(r.summary.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(r.bars.get('BTC/USDT')!.time.length).toBe(2);
    expect(r.summary.warnings).toContain('No volume column: volumes are set to 0.');
    expect(r.summary.warnings).toContain('1 row(s) without a symbol were dropped.');
  });
  it('takes the symbol of a file without a symbol column from its name, or from the user', () => {
    const csv =
      'time,open,high,low,close\n2024-01-01T00:00:00Z,1,2,0.5,1.5\n2024-01-01T01:00:00Z,1,2,0.5,1.5\n';
    const jsonl = csv
      .split('\n')
      .slice(1, -1)
      .map((l) => {
        const [time, open, high, low, close] = l.split(',');
        return JSON.stringify({ time, open: +open, high: +high, low: +low, close: +close });
      })
      .join('\n');
    const bytes = new TextEncoder().encode(csv);
    expect(loadLocalFile('nan_empty.csv', bytes).summary.symbols).toEqual(['NAN/EMPTY']);
    expect(loadLocalFile('nan_empty.csv', bytes, { fileSymbol: ' btcusdt ' }).summary.symbols).toEqual([
      'BTC/USDT',
    ]);
    // the non-streaming path (JSON Lines), and a name that says no symbol at all
    const jl = new TextEncoder().encode(jsonl);
    expect(loadLocalFile('nan_empty.jsonl', jl, { fileSymbol: 'ETH-USD' }).summary.symbols).toEqual([
      'ETH/USD',
    ]);
    expect(() => loadLocalFile('train-00000-of-00001.csv', bytes)).toThrow(/has no symbol column/);
    expect(
      loadLocalFile('train-00000-of-00001.csv', bytes, { fileSymbol: 'SOL/USDT' }).summary.symbols,
    ).toEqual(['SOL/USDT']);
    expect(fileSymbolOf('nan_empty.csv', {})).toBe('nan_empty');
    expect(fileSymbolOf('nan_empty.csv', { fileSymbol: '  ' })).toBe('nan_empty');
  });
});
