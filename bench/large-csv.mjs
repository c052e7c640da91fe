#!/usr/bin/env node
/**
 * Large local CSV benchmark: time and peak memory of loading a ~300 MB CSV through the streaming
 * local loader (`loadLocalSource`, src/core/data/load.ts) in Node, beside the whole-text path
 * (decodeCsv + assembleColumns + validateBars) on the same file.
 *
 *   node bench/large-csv.mjs [--mb=300] [--symbols=138] [--paths=stream,old,chromium] [--keep] [--dir=/tmp]
 *
 * The file is built from the repo's real sample (public/sample/.../train-00000-of-00001.parquet,
 * decoded with parquet-wasm/node): its BTC/USDT and ETH/USDT hourly bars are repeated under
 * `--symbols` symbol names (BTC1/USDT, ETH1/USDT, BTC2/USDT, ...) and as many hours as reach
 * `--mb`, rows ordered by time then symbol. The copies are the same real candles under other
 * names, for size only. The file is written under --dir (default the OS temp folder) and deleted
 * at the end unless --keep.
 *
 * Paths: `stream` and `old` each run in their own Node process, so one's garbage does not count
 * against the other; `chromium` loads the file as the app does, a File handed to a worker, in
 * headless Chromium (large-csv-chromium.mjs).
 * Peak memory is the process's resident set high-water mark from the kernel
 * (`process.resourceUsage().maxRSS`), beside the V8 heap high-water sampled every 20 ms (the
 * streaming path yields between chunks, so its samples are fine-grained; the whole-text path is
 * one synchronous call, so for it only the kernel figure is exact). The TypeScript sources are
 * bundled for Node with rolldown into node_modules/.cache/ first.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet');
const BUNDLE_DIR = path.join(ROOT, 'node_modules/.cache/candle-lab-bench');
const BUNDLE = path.join(BUNDLE_DIR, 'large-csv-core.mjs');

const args = process.argv.slice(2);
const opt = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const flag = (name) => args.includes(`--${name}`);
const log = (...m) => console.error('[large-csv]', ...m);
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

// ------------------------------------------------------------------ child: one measured load

async function child(mode, file) {
  const core = await import(pathToFileURL(BUNDLE).href);
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  let heapPeak = 0;
  let rssPeak = 0;
  const sample = () => {
    heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  const name = path.basename(file);
  const t0 = performance.now();
  let bars;
  let progress = 0;
  if (mode === 'stream') {
    const blob = await openAsBlob(file);
    const r = await core.loadLocalSource(name, blob, {}, () => progress++);
    bars = r.bars;
  } else {
    const bytes = new Uint8Array(readFileSync(file));
    const table = core.decodeCsv(bytes, { source: name });
    const assembled = core.assembleColumns([{ table, fileSymbol: core.symbolFromFileName(name) }], {});
    bars = new Map(assembled.columns.map((c) => [c.symbol, core.validateBars(c).bars]));
  }
  const ms = performance.now() - t0;
  sample();
  clearInterval(timer);
  let kept = 0;
  for (const b of bars.values()) kept += b.time.length;
  const out = {
    mode,
    ms,
    symbols: bars.size,
    bars: kept,
    baseRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    sampledRss: rssPeak,
    heapPeak,
    progressCalls: progress,
  };
  process.stdout.write(JSON.stringify(out));
}

// ------------------------------------------------------------------ parent

async function bundle() {
  const { build } = await import('rolldown');
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const entry = path.join(BUNDLE_DIR, 'entry.ts');
  const src = (p) => JSON.stringify(path.join(ROOT, 'src/core/data', p));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    entry,
    [
      `export { loadLocalSource } from ${src('load.ts')};`,
      `export { decodeCsv } from ${src('csv.ts')};`,
      `export { assembleColumns } from ${src('assemble.ts')};`,
      `export { validateBars } from ${src('validate.ts')};`,
      `export { symbolFromFileName } from ${src('symbols.ts')};`,
    ].join('\n'),
  );
  await build({
    input: entry,
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { file: BUNDLE, format: 'esm' },
    logLevel: 'silent',
  });
}

/** The real sample's bars: { time, open, high, low, close, volume } per symbol. */
async function sampleBars() {
  const { readParquet } = await import('parquet-wasm/node');
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(readParquet(new Uint8Array(readFileSync(SAMPLE))).intoIPCStream());
  const col = (n) => table.getChild(n).toArray();
  const [time, symbol, open, high, low, close, volume] = [
    'timestamp',
    'symbol',
    'open',
    'high',
    'low',
    'close',
    'volume',
  ].map(col);
  const out = new Map();
  for (let i = 0; i < symbol.length; i++) {
    const s = symbol[i];
    if (!out.has(s)) out.set(s, { time: [], open: [], high: [], low: [], close: [], volume: [] });
    const b = out.get(s);
    b.time.push(Number(time[i]));
    b.open.push(open[i]);
    b.high.push(high[i]);
    b.low.push(low[i]);
    b.close.push(close[i]);
    b.volume.push(volume[i]);
  }
  return out;
}

const isoTime = (ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;

async function writeCsv(file, targetBytes, symbolCount) {
  const real = await sampleBars();
  const bases = [...real.keys()]; // e.g. BTCUSDT, ETHUSDT
  const names = [];
  for (let k = 1; names.length < symbolCount; k++)
    for (const b of bases)
      if (names.length < symbolCount) names.push([b, `${b.replace(/USDT$/, '')}${k}/USDT`]);
  const hoursAvail = Math.min(...bases.map((b) => real.get(b).time.length));
  const line = (b, name, i) =>
    `${isoTime(b.time[i])},${name},${b.open[i]},${b.high[i]},${b.low[i]},${b.close[i]},${b.volume[i]}\n`;
  // bytes per hour (all symbols) from the first hours, to pick how many hours reach the target
  let probe = 0;
  for (let i = 0; i < 100; i++)
    for (const [b, n] of names) probe += Buffer.byteLength(line(real.get(b), n, i));
  const hours = Math.min(hoursAvail, Math.ceil(targetBytes / (probe / 100)));
  const out = createWriteStream(file);
  let buf = 'timestamp,symbol,open,high,low,close,volume\n';
  let rows = 0;
  for (let i = 0; i < hours; i++) {
    for (const [b, n] of names) buf += line(real.get(b), n, i);
    rows += names.length;
    if (buf.length > 4_000_000) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return { rows, hours, hoursAvail, symbols: names.length, bases };
}

function measure(mode, file) {
  const heap = mode === 'old' ? ['--max-old-space-size=12288'] : [];
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', ...heap, fileURLToPath(import.meta.url), `--child=${mode}`, `--file=${file}`],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0)
    return {
      mode,
      failed: `exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`,
    };
  return JSON.parse(r.stdout);
}

async function main() {
  const dir = opt('dir', os.tmpdir());
  const file = path.join(dir, `candle-lab-large-${process.pid}.csv`);
  log('bundling src/core/data for Node');
  await bundle();
  log('writing', file);
  const t0 = performance.now();
  const made = await writeCsv(file, Number(opt('mb', 300)) * 1e6, Number(opt('symbols', 138)));
  const size = statSync(file).size;
  log(`wrote ${mb(size)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const results = [];
  const paths = opt('paths', 'stream,old,chromium').split(',');
  try {
    if (paths.includes('stream')) {
      log('streaming path (Node)');
      results.push(measure('stream', file));
    }
    if (paths.includes('old')) {
      log('whole-text path (Node)');
      results.push(measure('old', file));
    }
    if (paths.includes('chromium')) {
      log('streaming path (Chromium worker)');
      const { measureChromium } = await import('./large-csv-chromium.mjs');
      results.push({ mode: 'chromium', ...(await measureChromium(file, BUNDLE_DIR, ROOT)) });
    }
  } finally {
    if (!flag('keep')) rmSync(file, { force: true });
  }
  console.log(
    `# Large local CSV (${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs)\n`,
  );
  console.log(
    `File: ${mb(size)}, ${made.rows.toLocaleString('en-US')} rows, ${made.symbols} symbols x ${made.hours.toLocaleString('en-US')} hours. ` +
      `The real ${made.bases.join(' and ')} hourly bars of the sample (first ${made.hours.toLocaleString('en-US')} of ${made.hoursAvail.toLocaleString('en-US')} hours) ` +
      `repeated under ${made.symbols} symbol names to reach the size: the same real candles under other names, not new market data.\n`,
  );
  const node = results.filter((x) => x.mode !== 'chromium');
  if (node.length) printNode(node, size);
  const c = results.find((x) => x.mode === 'chromium');
  if (c) printChromium(c, size);
}

function printNode(node, size) {
  console.log(
    '| path | time | peak RSS (kernel) | peak RSS / file | RSS before load | V8 heap high-water (sampled) | bars kept |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of node) {
    const label =
      r.mode === 'stream'
        ? 'streaming (loadLocalSource, File read in 4 MiB chunks)'
        : 'whole text (decodeCsv + assembleColumns + validateBars)';
    if (r.failed) {
      console.log(`| ${label} | failed: ${r.failed} | | | | | |`);
      continue;
    }
    console.log(
      `| ${label} | ${(r.ms / 1000).toFixed(1)} s | ${mb(r.maxRss)} | ${(r.maxRss / size).toFixed(2)}x | ${mb(r.baseRss)} | ${mb(r.heapPeak)} | ${r.bars.toLocaleString('en-US')} (${r.symbols} symbols) |`,
    );
  }
  console.log(
    `\nPeak RSS is the whole Node process (about ${mb(node[0].baseRss ?? 0)} before the load starts). The whole-text path runs with --max-old-space-size=12288.`,
  );
}

function printChromium(c, size) {
  console.log('\n| Chromium (File -> dedicated worker -> loadLocalSource) | |');
  console.log('| --- | --- |');
  if (c.error) console.log(`| failed | ${c.error} |`);
  else {
    const growth = c.peakTotal - c.baseTotal;
    console.log(`| time | ${(c.ms / 1000).toFixed(1)} s (${c.progressSteps} progress messages) |`);
    console.log(`| bars kept | ${c.bars.toLocaleString('en-US')} (${c.symbols} symbols) |`);
    console.log(`| all Chromium processes, resident, before the load | ${mb(c.baseTotal)} |`);
    console.log(
      `| all Chromium processes, resident, peak (sampled every 50 ms) | ${mb(c.peakTotal)} (${(c.peakTotal / size).toFixed(2)}x the file; growth ${mb(growth)}, ${(growth / size).toFixed(2)}x) |`,
    );
    for (const [type, hwm] of Object.entries(c.hwmByType))
      console.log(
        `| ${type} process, resident high-water (VmHWM) | ${mb(hwm)} (${(hwm / size).toFixed(2)}x) |`,
      );
  }
}

const childMode = opt('child', null);
if (childMode) await child(childMode, opt('file'));
else await main();
