/**
 * The sample dataset's per-symbol CSV files, rebuilt from the parquet the repo ships
 * (public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet), in the form they
 * were published: header `Date,Open,High,Low,Close,Volume`, times like
 * `2020-01-01 00:00:00+00:00`, numbers as Python printed them (`7225.0`), `\n` line ends.
 * The result is byte for byte the published csv/BTCUSDT_1h.csv and csv/ETHUSDT_1h.csv (their
 * sha256 are in the sample's README; e2e/mock-hub/mock-hub.test.ts checks them).
 *
 * Decoded with parquet-wasm's Node build (synchronous) and apache-arrow, both dependencies of
 * the app; no file outside the repository is read.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';

const require = createRequire(import.meta.url);

export const SAMPLE_PARQUET_REL = 'data/train-00000-of-00001.parquet';
/** bump when the output format changes, so a cached folder from an older version is not reused */
const FORMAT_VERSION = 1;

/** A float as Python's repr() prints it: shortest round-trip digits, `.0` on whole numbers. */
export function pythonFloat(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -4 && exp < 16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** `2020-01-01 00:00:00+00:00` for a UTC time in ms. */
export function publishedTime(ms) {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/** The CSV file name of a symbol: `BTC/USDT` -> `BTCUSDT_1h.csv`. */
export function csvFileName(symbol) {
  return `${symbol.replace('/', '')}_1h.csv`;
}

/**
 * The published CSV text of every symbol in the sample parquet, keyed by file name
 * (`BTCUSDT_1h.csv`, `ETHUSDT_1h.csv`), rows in the parquet's order (symbol, then time).
 */
/** The sample parquet's columns, decoded in Node (timestamp, symbol, open, high, low, close, volume). */
export function sampleColumns(parquetPath) {
  const { readParquet } = require('parquet-wasm/node');
  const bytes = new Uint8Array(readFileSync(parquetPath));
  const table = tableFromIPC(readParquet(bytes, { batchSize: 1 << 20 }).intoIPCStream());
  const col = (name) => {
    const c = table.getChild(name);
    if (!c) throw new Error(`sample parquet ${parquetPath} has no column "${name}"`);
    return c.toArray();
  };
  const names = ['timestamp', 'symbol', 'open', 'high', 'low', 'close', 'volume'];
  const [time, symbol, open, high, low, close, volume] = names.map(col);
  return { rows: table.numRows, time, symbol, open, high, low, close, volume };
}

export function sampleCsvTexts(parquetPath) {
  const { rows, time, symbol, open, high, low, close, volume } = sampleColumns(parquetPath);
  const lines = new Map();
  for (let i = 0; i < rows; i++) {
    const file = csvFileName(symbol[i]);
    let out = lines.get(file);
    if (!out) lines.set(file, (out = ['Date,Open,High,Low,Close,Volume']));
    out.push(
      `${publishedTime(Number(time[i]))},${pythonFloat(open[i])},${pythonFloat(high[i])},` +
        `${pythonFloat(low[i])},${pythonFloat(close[i])},${pythonFloat(volume[i])}`,
    );
  }
  return Object.fromEntries([...lines].map(([file, l]) => [file, `${l.join('\n')}\n`]));
}

const madeDirs = new Map();

/**
 * A folder with the full published layout of the sample (README.md, the parquet under data/,
 * and the CSV files under csv/ rebuilt from the parquet), for the mock hub's CSV-only views.
 * Built once per parquet content in the system temp folder (written aside, then renamed into
 * place, so parallel test processes never see half a folder) and reused afterwards.
 */
export function sampleCsvDatasetDir(sampleDir) {
  const parquetPath = path.join(sampleDir, SAMPLE_PARQUET_REL);
  const parquetBytes = readFileSync(parquetPath);
  const readme = readFileSync(path.join(sampleDir, 'README.md'));
  const key = createHash('sha256')
    .update(`v${FORMAT_VERSION}\n`)
    .update(parquetBytes)
    .update(readme)
    .digest('hex')
    .slice(0, 16);
  const hit = madeDirs.get(key);
  if (hit) return hit;
  const dir = path.join(os.tmpdir(), `candle-lab-sample-csv-${key}`);
  // a folder at `dir` is always complete: it only ever appears by the rename below
  if (!existsSync(dir)) {
    const tmp = mkdtempSync(`${dir}.tmp-`);
    mkdirSync(path.join(tmp, 'csv'));
    mkdirSync(path.join(tmp, 'data'));
    copyFileSync(path.join(sampleDir, 'README.md'), path.join(tmp, 'README.md'));
    copyFileSync(parquetPath, path.join(tmp, SAMPLE_PARQUET_REL));
    for (const [file, text] of Object.entries(sampleCsvTexts(parquetPath))) {
      writeFileSync(path.join(tmp, 'csv', file), text);
    }
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // another process got there first: its folder has the same content
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) throw err;
    }
  }
  madeDirs.set(key, dir);
  return dir;
}
