/**
 * Test-only access to the real sample dataset in ../shared/datasets (Binance hourly
 * candles, BTC/USDT and ETH/USDT, 2020-01 to 2024-04). A deliberately plain CSV reader
 * so that tests of features, models and backtests do not depend on the data loader
 * they are not testing. The data loader has its own tests against the same files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Bars } from '../data/bars';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../../..');
export const SAMPLE_DIR = path.resolve(REPO_ROOT, '../shared/datasets/binance-ohlcv-1h-btc-eth');
export const SAMPLE_PARQUET = path.join(SAMPLE_DIR, 'data/train-00000-of-00001.parquet');
export const SAMPLE_CSV = {
  'BTC/USDT': path.join(SAMPLE_DIR, 'csv/BTCUSDT_1h.csv'),
  'ETH/USDT': path.join(SAMPLE_DIR, 'csv/ETHUSDT_1h.csv'),
} as const;

const cache = new Map<string, Bars>();

/** The real hourly bars of one symbol of the sample, read from its CSV. */
export function loadSampleBars(symbol: keyof typeof SAMPLE_CSV = 'BTC/USDT'): Bars {
  const hit = cache.get(symbol);
  if (hit) return hit;
  const text = readFileSync(SAMPLE_CSV[symbol], 'utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const n = lines.length - 1;
  const bars: Bars = {
    symbol,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const [d, o, h, l, c, v] = lines[i + 1].split(',');
    bars.time[i] = Date.parse(d.replace(' ', 'T'));
    bars.open[i] = Number(o);
    bars.high[i] = Number(h);
    bars.low[i] = Number(l);
    bars.close[i] = Number(c);
    bars.volume[i] = Number(v);
  }
  cache.set(symbol, bars);
  return bars;
}
