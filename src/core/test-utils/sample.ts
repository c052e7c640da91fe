/**
 * Test-only access to the real sample dataset the repo ships in
 * public/sample/binance-ohlcv-1h-btc-eth (Binance hourly candles, BTC/USDT and ETH/USDT,
 * 2020-01 to 2024-04, 37,660 bars each): its parquet, decoded in Node with the project's own
 * loader (loadLocalFile with parquet-wasm's Node build), and the published per-symbol CSV files
 * rebuilt from that parquet (e2e/mock-hub/sample-csv.mjs; byte for byte the published files,
 * whose sha256 the sample's README lists). Nothing outside the repository is read.
 *
 * The data loader's own tests (src/core/data/load.test.ts) check the parquet and CSV paths
 * against each other and against those published checksums.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as parquetWasm from 'parquet-wasm/node';
import { csvFileName, sampleCsvTexts } from '../../../e2e/mock-hub/sample-csv.mjs';
import { loadLocalFile } from '../data/load';
import type { Bars } from '../data/bars';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../../..');
export const SAMPLE_DIR = path.resolve(REPO_ROOT, 'public/sample/binance-ohlcv-1h-btc-eth');
export const SAMPLE_PARQUET = path.join(SAMPLE_DIR, 'data/train-00000-of-00001.parquet');
export const SAMPLE_README = path.join(SAMPLE_DIR, 'README.md');
export const SAMPLE_SYMBOLS = ['BTC/USDT', 'ETH/USDT'] as const;
export type SampleSymbol = (typeof SAMPLE_SYMBOLS)[number];
/** the published CSV file of each symbol (`BTCUSDT_1h.csv`), as named in the README */
export const SAMPLE_CSV_NAME: Record<SampleSymbol, string> = {
  'BTC/USDT': csvFileName('BTC/USDT'),
  'ETH/USDT': csvFileName('ETH/USDT'),
};

const cache = new Map<string, Bars>();
let csvCache: Record<string, string> | null = null;

/** The real hourly bars of one symbol of the sample, decoded from the shipped parquet. */
export function loadSampleBars(symbol: SampleSymbol = 'BTC/USDT'): Bars {
  const hit = cache.get(symbol);
  if (hit) return hit;
  const bytes = new Uint8Array(readFileSync(SAMPLE_PARQUET));
  const loaded = loadLocalFile(path.basename(SAMPLE_PARQUET), bytes, { parquet: parquetWasm });
  for (const [s, bars] of loaded.bars) cache.set(s, bars);
  const bars = cache.get(symbol);
  if (!bars) throw new Error(`the sample has no ${symbol}: found ${[...loaded.bars.keys()].join(', ')}`);
  return bars;
}

/** The published CSV file of one symbol (header Date,Open,High,Low,Close,Volume), as text. */
export function sampleCsvText(symbol: SampleSymbol = 'BTC/USDT'): string {
  csvCache ??= sampleCsvTexts(SAMPLE_PARQUET);
  const text = csvCache[SAMPLE_CSV_NAME[symbol]];
  if (text === undefined) throw new Error(`the sample has no ${symbol}`);
  return text;
}

/** The sha256 the sample's README lists for one of its files (e.g. `csv/BTCUSDT_1h.csv`). */
export function publishedSha256(file: string): string {
  const readme = readFileSync(SAMPLE_README, 'utf8');
  const line = readme.split('\n').find((l) => l.trim().startsWith(`- ${file} `));
  const sha = line?.trim().split(' ')[2];
  if (!sha || !/^[0-9a-f]{64}$/.test(sha)) throw new Error(`no sha256 for ${file} in ${SAMPLE_README}`);
  return sha;
}
