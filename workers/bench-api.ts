/**
 * The worker's `bench` namespace: the performance benchmarks of issues 3-6, 8 and 13, run inside
 * the pipeline worker of the built app in headless Chromium by bench/run.mjs (through the page
 * hook `window.__candleLab.client`, present only with ?bench=1). Each method returns figures
 * (what, on what data, repetitions, median and best, unit, target); the harness prints them
 * beside the Python anchors. Only real data: the built-in sample, repeated under other symbol
 * names for the 1,000,000-row memory case (said so in the figure).
 */
import { proxy } from 'comlink';
import { Table, tableFromIPC, tableToIPC, vectorFromArray, Utf8, type Vector } from 'apache-arrow';
import type { Bars } from '../src/core/data/bars';
import { loadDataset, loadLocalFile } from '../src/core/data/load';
import { selectorOf } from '../src/core/data/cache';
import type { DatasetRequest } from '../src/core/data/hub';
import { computeFeatures } from '../src/core/features/compute';
import { FeatureBuffers } from '../src/core/features/buffers';
import { SAMPLE_DATASET } from '../src/core/pipeline/datasets';
import { fitGbc, fitRfc } from '../src/core/models/trees';
import {
  buildSequences,
  fitLstm,
  fitMlp,
  fitSgd,
  fitTransformer,
  TRANSFORMER_DEFAULTS,
} from '../src/core/models/tf';
import {
  buildDataset,
  fitScaler,
  seedFold,
  splitDataset,
  takeRows,
  takeValues,
  transform,
} from '../src/core/split';
import type { Matrix, Model, SerializedModel } from '../src/core/models/types';
import { disposeModel } from '../src/core/models/registry';
import { simulate } from '../src/core/backtest/simulate';
import { optimizeStrategyWeights } from '../src/core/optimize/ga';
import { buildSignals } from '../src/core/optimize/signals';
import { BACKEND_ORDER, type BackendName } from '../src/core/compute/backend-types';
import { ensureCompute, initCompute } from './env/compute';
import { parquetModule } from './env/parquet';
import { fileCache } from './env/store';
import { selectBackend } from './env/tf-backend';
import { forestPool } from './forest-pool';
import { resolveTuneRequest } from '../src/core/tune/request';
import { bestTrial, runTrials, setupStudy } from '../src/core/tune/study';
import { unitPoolExecutor } from './unit-pool';

export interface BenchFigure {
  id: string;
  /** what was measured */
  what: string;
  /** on what data */
  data: string;
  /** timed runs (warm-up runs not counted) */
  reps: number;
  unit: string;
  median: number;
  /** the best run (min for times, max for throughputs) */
  best: number;
  min: number;
  max: number;
  /**
   * 95% interval of the median from order statistics (ranks n/2 -+ 0.98 sqrt(n), distribution-free);
   * [min, max] with fewer than 5 runs. Two runs' figures differ beyond their noise when these
   * intervals do not overlap (bench/figures.mjs compare()).
   */
  ci95: [number, number];
  /**
   * median ms of a fixed reference workload (referenceMs) timed in the same worker just before and
   * after this figure's group: how fast the machine was then. Runs on a shared machine compare on
   * median / refMs (bench/figures.mjs), so a change of load is not read as a change of code.
   */
  refMs?: number;
  /** e.g. '< 100 ms' */
  target?: string;
  /** whether the median meets the target (absent without a target) */
  pass?: boolean;
  notes?: string[];
  extra?: Record<string, number | string | boolean>;
}

// ---------------------------------------------------------------- timing helpers

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** 95% interval of the median of xs (see BenchFigure.ci95). */
function medianInterval(xs: number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n < 5) return [s[0], s[n - 1]];
  const half = 0.98 * Math.sqrt(n);
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  return [s[lo], s[hi]];
}

/** The median's interval is within this fraction of it on either side: the figure holds still. */
const SETTLED = 0.03;

export interface RepeatOptions {
  /** at most this many timed runs (default 4 x minReps) */
  maxReps?: number;
  /** stop adding runs past this much timed wall time (default 8 s) */
  budgetMs?: number;
}

/**
 * Runs fn `warmup` times untimed, then at least `minReps` times, and on until the median's 95%
 * interval is within 3% of the median either side, `maxReps` runs or `budgetMs` of timing;
 * returns the times in ms. The machine is shared, so a figure is repeated until its spread is
 * known rather than a fixed number of times.
 */
async function timeMs(
  fn: () => unknown,
  minReps: number,
  warmup = 1,
  o: RepeatOptions = {},
): Promise<number[]> {
  const maxReps = Math.max(minReps, o.maxReps ?? minReps * 4);
  const budgetMs = o.budgetMs ?? 8000;
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  let spent = 0;
  for (;;) {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    out.push(ms);
    spent += ms;
    if (out.length >= maxReps) break;
    if (out.length < minReps) continue;
    if (spent >= budgetMs) break;
    const [lo, hi] = medianInterval(out);
    const m = median(out);
    if (out.length >= 5 && m - lo <= SETTLED * m && hi - m <= SETTLED * m) break;
  }
  return out;
}

function figure(
  f: Omit<BenchFigure, 'median' | 'best' | 'min' | 'max' | 'ci95' | 'reps' | 'pass'> & {
    samples: number[];
    lowerIsBetter?: boolean;
    limit?: number;
  },
): BenchFigure {
  const { samples, lowerIsBetter = true, limit, ...rest } = f;
  const med = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  const best = lowerIsBetter ? min : max;
  const pass = limit === undefined ? undefined : lowerIsBetter ? med <= limit : med >= limit;
  return {
    ...rest,
    reps: samples.length,
    median: med,
    best,
    min,
    max,
    ci95: medianInterval(samples),
    ...(pass === undefined ? {} : { pass }),
  };
}

/**
 * A fixed typed-array workload (about 10 ms: an LCG fill and 256-bin histograms, the shape of the
 * hot loops measured here), timed 5 times; returns the median ms. Its code never changes, so its
 * time tracks only the machine's speed and load at that moment.
 */
async function referenceMs(): Promise<number> {
  const n = 1 << 17;
  const x = new Float64Array(n);
  const hist = new Float64Array(512);
  const times = await timeMs(
    () => {
      let s = 12345;
      for (let i = 0; i < n; i++) {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        x[i] = (s >>> 8) / 16777216;
      }
      hist.fill(0);
      for (let pass = 0; pass < 12; pass++)
        for (let i = 0; i < n; i++) {
          const b = (x[i] * 256) | 0;
          hist[2 * b] += x[i];
          hist[2 * b + 1] += 1;
        }
      return hist[0];
    },
    5,
    1,
    { maxReps: 5 },
  );
  return median(times);
}

/** Runs a figure group between two reference timings and stamps each figure with their mean. */
function withReference<A extends unknown[]>(
  fn: (...a: A) => Promise<BenchFigure[]>,
): (...a: A) => Promise<BenchFigure[]> {
  return async (...a: A) => {
    const before = await referenceMs();
    const figures = await fn(...a);
    const refMs = (before + (await referenceMs())) / 2;
    return figures.map((f) => ({ ...f, refMs }));
  };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

// ---------------------------------------------------------------- the real sample

let sampleBytes: Uint8Array | null = null;
let sampleBars: Map<string, Bars> | null = null;

async function sample(): Promise<{ bytes: Uint8Array; bars: Map<string, Bars> }> {
  if (!sampleBytes || !sampleBars) {
    const url = new URL(`${import.meta.env.BASE_URL}${SAMPLE_DATASET.path}`, self.location.origin);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`sample not readable (${res.status})`);
    sampleBytes = new Uint8Array(await res.arrayBuffer());
    sampleBars = loadLocalFile('sample.parquet', sampleBytes, { parquet: await parquetModule() }).bars;
  }
  return { bytes: sampleBytes, bars: sampleBars };
}

const SAMPLE_NOTE = 'sample parquet (Binance 1h BTC/USDT + ETH/USDT, 2 x 37,660 = 75,320 rows)';

// ---------------------------------------------------------------- data (issue 3)

async function dataBench(reps = 15): Promise<BenchFigure[]> {
  const { bytes } = await sample();
  const parquet = await parquetModule();
  const rows = 75_320;
  const stages = { decodeMs: [] as number[], validateMs: [] as number[] };
  const fromMemory = await timeMs(
    () => {
      const r = loadLocalFile('sample.parquet', bytes, { parquet });
      stages.decodeMs.push(r.summary.timings.decodeMs);
      stages.validateMs.push(r.summary.timings.validateMs);
    },
    reps,
    2,
  );
  // the parquet-wasm part alone (file -> Arrow table in JS), to show where decode time goes
  const wasmOnly = await timeMs(
    () => tableFromIPC(parquet.readParquet(bytes).intoIPCStream()).numRows,
    reps,
    1,
  );
  const decode = figure({
    id: 'data.decode',
    what: 'decode (parquet-wasm) + map + validate, from bytes in memory, wasm already initialised',
    data: `${SAMPLE_NOTE}, ${(bytes.length / 1e6).toFixed(2)} MB`,
    unit: 'ms',
    samples: fromMemory,
    target: '< 50 ms',
    limit: 50,
    extra: {
      rows_per_s: Math.round(rows / (median(fromMemory) / 1000)),
      decode_map_ms_median: +median(stages.decodeMs).toFixed(2),
      validate_ms_median: +median(stages.validateMs).toFixed(2),
      parquet_wasm_to_arrow_ms_median: +median(wasmOnly).toFixed(2),
    },
  });

  // the real cached-load path: loadDataset with cache-first reads the resolution and the file
  // from IndexedDB (Dexie), then decodes; no network. Stored under a made-up endpoint, removed after.
  const hubUrl = 'http://bench.invalid';
  const request: DatasetRequest = { dataset: 'bench/sample', revision: 'main' };
  const path = 'data/train-00000-of-00001.parquet';
  const cache = fileCache();
  const etag = 'bench-etag';
  await cache.putFile({ hubUrl, dataset: request.dataset, commit: 'bench', path, etag }, bytes);
  await cache.putResolution(
    { hubUrl, dataset: request.dataset, revision: 'main', selector: selectorOf(request) },
    {
      hubUrl,
      dataset: request.dataset,
      revision: 'main',
      commit: 'bench',
      filesCommit: 'bench',
      source: 'parquet',
      files: [{ path, size: bytes.length, format: 'parquet' }],
      found: [path],
      etags: { [path]: etag },
    },
  );
  let fromCacheFlag = true;
  const cached = await timeMs(
    async () => {
      const r = await loadDataset(request, { hubUrl, parquet, cache, cachePolicy: 'cache-first' });
      fromCacheFlag &&= r.summary.files.every((f) => f.fromCache);
    },
    reps,
    2,
  );
  await cache.deleteDataset(hubUrl, request.dataset);
  const ratio = median(cached) / median(fromMemory);
  const cacheFig = figure({
    id: 'data.cached',
    what: 'load from the IndexedDB cache (resolution + file read via Dexie, then decode/map/validate)',
    data: SAMPLE_NOTE,
    unit: 'ms',
    samples: cached,
    target: '<= 2x decode from memory',
    notes: [
      `ratio of medians cached / in-memory = ${ratio.toFixed(2)}x`,
      `every file from cache: ${fromCacheFlag}`,
    ],
    extra: { ratio_to_memory: +ratio.toFixed(3) },
  });
  cacheFig.pass = ratio <= 2 && fromCacheFlag;
  return [decode, cacheFig];
}

// ---------------------------------------------------------------- memory (issue 3)

let bigParquet: Uint8Array | null = null;
let bigRows = 0;
let bigLoaded: unknown = null;

/** Step 1: the 1M-row file, made by repeating the sample under other symbol names (kept as bytes). */
async function memoryPrepare(
  copies = 14,
): Promise<{ rows: number; fileBytes: number; rawColumnarBytes: number; symbols: number }> {
  const { bytes } = await sample();
  const parquet = await parquetModule();
  const src = tableFromIPC(parquet.readParquet(bytes).intoIPCStream());
  const symbolCol = src.getChild('symbol') as Vector<Utf8>;
  const names = Array.from({ length: src.numRows }, (_, i) => symbolCol.get(i) ?? '');
  const tables: Table[] = [];
  for (let k = 0; k < copies; k++) {
    const sym =
      k === 0
        ? symbolCol
        : vectorFromArray(
            names.map((s) => s.replace('/', `${k}/`)),
            new Utf8(),
          );
    const cols: Record<string, Vector> = {};
    for (const f of src.schema.fields)
      cols[f.name] = f.name === 'symbol' ? sym : (src.getChild(f.name) as Vector);
    tables.push(new Table(cols));
  }
  const big = tables[0].concat(...tables.slice(1));
  bigParquet = parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(big, 'stream')));
  bigRows = big.numRows;
  gc();
  return {
    rows: bigRows,
    fileBytes: bigParquet.length,
    rawColumnarBytes: bigRows * 6 * 8,
    symbols: copies * 2,
  };
}

/** Step 2: load it (the harness reads the renderer's RSS and peak RSS around this call). */
async function memoryLoad(): Promise<Record<string, number>> {
  if (!bigParquet) throw new Error('call memoryPrepare first');
  const parquet = await parquetModule();
  const wasmBefore = parquet.wasmMemory().buffer.byteLength;
  const t = performance.now();
  const r = loadLocalFile('bench-1m.parquet', bigParquet, { parquet });
  const ms = performance.now() - t;
  bigLoaded = r;
  let barBytes = 0;
  let rows = 0;
  for (const b of r.bars.values()) {
    rows += b.time.length;
    for (const c of [b.time, b.open, b.high, b.low, b.close, b.volume]) barBytes += c.byteLength;
  }
  gc();
  return {
    rows,
    symbols: r.bars.size,
    ms: +ms.toFixed(1),
    barBytes,
    wasmBefore,
    wasmAfter: parquet.wasmMemory().buffer.byteLength,
  };
}

function memoryRelease(): void {
  bigLoaded = null;
  bigParquet = null;
  gc();
}

// ---------------------------------------------------------------- features + trees (issue 4)

async function featuresBench(reps = 30): Promise<BenchFigure[]> {
  const btc = (await sample()).bars.get('BTC/USDT')!;
  const rows = btc.time.length;
  const data = `BTC/USDT, ${rows.toLocaleString('en-US')} bars`;
  let names = 0;
  const samples = await timeMs(() => (names = computeFeatures(btc).names.length), reps, 3);
  // what a fresh frame's memory alone costs here: as many fresh columns (and validity flags),
  // allocated and written once
  const freshFill = await timeMs(
    () => {
      const cols = Array.from({ length: names }, () => new Float64Array(rows).fill(1));
      return new Uint8Array(rows).fill(1)[0] + cols.length;
    },
    reps,
    3,
    { maxReps: reps },
  );
  const buffers = new FeatureBuffers();
  const reused = await timeMs(() => computeFeatures(btc, { out: buffers }), reps, 3);
  return [
    figure({
      id: 'features.one-symbol',
      what: `computeFeatures, all ${names} features of the default set, into fresh output columns`,
      data,
      unit: 'ms',
      samples,
      target: '< 10 ms',
      limit: 10,
      extra: { fresh_columns_alloc_fill_ms_median: +median(freshFill).toFixed(2) },
      notes: [
        `allocating and filling ${names} fresh columns of ${rows.toLocaleString('en-US')} numbers (no arithmetic) takes ${median(freshFill).toFixed(1)} ms median here`,
      ],
    }),
    figure({
      id: 'features.one-symbol.reused',
      what: `computeFeatures, all ${names} features of the default set, into reused output buffers (FeatureBuffers, as the live engine recomputes them on every bar)`,
      data,
      unit: 'ms',
      samples: reused,
    }),
  ];
}

const sameModel = (a: SerializedModel, b: SerializedModel) =>
  Object.keys(a.payload).length === Object.keys(b.payload).length &&
  Object.entries(a.payload).every(([k, v]) => {
    const w = b.payload[k];
    return !!w && w.length === v.length && v.every((x, i) => x === w[i]);
  });

async function treesBench(
  o: { gbcReps?: number; rfcReps?: number; singleReps?: number } = {},
): Promise<BenchFigure[]> {
  const btc = (await sample()).bars.get('BTC/USDT')!;
  const fold = seedFold({ bars: btc });
  const X = fold.Xtrain;
  const y = fold.ytrain;
  const data = `seed fold 1, BTC/USDT: ${X.rows.toLocaleString('en-US')} x ${X.cols} (scaled), binary h=12`;
  const gbc = await timeMs(() => fitGbc({ X, y }), o.gbcReps ?? 7, 2);
  const pool = forestPool();
  const tSpawn = performance.now();
  const first = await pool.fit({ X, y }); // spawns the workers (the first fit also warms their JIT)
  const firstMs = performance.now() - tSpawn;
  let poolModel = first;
  const rfcPool = await timeMs(async () => (poolModel = await pool.fit({ X, y })), o.rfcReps ?? 4, 0);
  let single = poolModel;
  const rfcSingle = await timeMs(async () => (single = await fitRfc({ X, y })), o.singleReps ?? 2, 1);
  const identical = sameModel(poolModel.model.serialize(), single.model.serialize());
  let sgdEpochs = 0;
  const sgdc = await timeMs(
    async () => {
      const r = await fitSgd({ kind: 'sgdc', X, y, nClasses: 2 });
      sgdEpochs = r.report.iterations;
    },
    o.gbcReps ?? 5,
    1,
  );
  const poolFig = figure({
    id: 'trees.rfc.pool',
    what: `rfc fit, 100 trees, on the forest worker pool (${pool.size} workers; binning in the pipeline worker)`,
    data,
    unit: 's',
    samples: rfcPool.map((ms) => ms / 1000),
    target: '< 1.5 s',
    limit: 1.5,
    notes: [
      `first pool fit incl. spawning ${pool.size} workers: ${(firstMs / 1000).toFixed(2)} s (not counted)`,
      `bit-identical to the single-thread fit: ${identical}`,
      `report.backend: ${poolModel.report.backend}`,
    ],
    extra: { workers: pool.size, identical_to_single_thread: identical },
  });
  if (!identical) poolFig.pass = false;
  return [
    figure({
      id: 'trees.gbc',
      what: 'gbc fit, 100 trees, depth 3, lr 0.1 (histogram boosting, one thread)',
      data,
      unit: 's',
      samples: gbc.map((ms) => ms / 1000),
      target: '<= 0.07 s',
      limit: 0.07,
    }),
    poolFig,
    figure({
      id: 'linear.sgdc.fold1',
      what: `sgdc fit with scikit-learn's SGDClassifier defaults (log loss, optimal schedule, tol 1e-3; ${sgdEpochs} epochs ran)`,
      data,
      unit: 's',
      samples: sgdc.map((ms) => ms / 1000),
    }),
    figure({
      id: 'trees.rfc.single',
      what: 'rfc fit, 100 trees, one thread (fitRfc in the pipeline worker), for comparison',
      data,
      unit: 's',
      samples: rfcSingle.map((ms) => ms / 1000),
      notes: [`pool speed-up (medians): ${(median(rfcSingle) / median(rfcPool)).toFixed(2)}x`],
    }),
  ];
}

// ---------------------------------------------------------------- TensorFlow.js models (issue 5)

interface TfSet {
  X: Matrix;
  y: Float64Array;
  groups: Int32Array;
  time: Float64Array;
  barMs: number;
  describe: string;
}

let tfSet: TfSet | null = null;

/** The training rows of the 1-symbol 365d/30d request (as runTraining builds them). */
async function oneSymbolTrainingSet(): Promise<TfSet> {
  if (tfSet) return tfSet;
  const btc = (await sample()).bars.get('BTC/USDT')!;
  const ds = buildDataset({ barsBySymbol: [btc], label: { kind: 'binary', horizon: 12 } });
  const split = splitDataset(ds, { trainWindow: '365d', validWindow: '30d' });
  const scaler = fitScaler(ds.X, split.train, ds.featureNames);
  tfSet = {
    X: transform(takeRows(ds.X, split.train), scaler),
    y: takeValues(ds.y, split.train),
    groups: takeValues(ds.symbolIndex, split.train),
    time: takeValues(ds.time, split.train),
    barMs: ds.barMs,
    describe: `BTC/USDT 365d/30d training rows: ${split.train.length.toLocaleString('en-US')} x ${ds.featureNames.length}, binary h=12`,
  };
  return tfSet;
}

function subset(s: TfSet, n: number): TfSet {
  const idx = Int32Array.from({ length: Math.min(n, s.X.rows) }, (_, i) => i);
  return {
    ...s,
    X: takeRows(s.X, idx),
    y: takeValues(s.y, idx),
    groups: takeValues(s.groups, idx),
    time: takeValues(s.time, idx),
  };
}

export interface TfBenchOptions {
  backends?: BackendName[];
  /** training rows fed to mlp per backend (default: all on wasm; fewer where a backend is slow here) */
  mlpRows?: Partial<Record<BackendName, number>>;
  /** only these models (default all: 'sgdc-js', 'sgdc-tf', 'mlp', 'lstm', 'transformer') */
  models?: string[];
  /** lstm sequences per backend (each needs SEQ_LEN - 1 rows of history before it) */
  lstmSequences?: Partial<Record<BackendName, number>>;
  /** transformer sequences per backend */
  transformerSequences?: Partial<Record<BackendName, number>>;
}

export interface TfBenchRow {
  backend: BackendName;
  available: boolean;
  adapter: string;
  reason?: string;
  /** model -> steady rows per second (epochs after the first) */
  rowsPerSecond: Record<string, number>;
  /** model -> seconds of the whole fit call (model build and upload included) */
  seconds: Record<string, number>;
  /** model -> rows (lstm, transformer: sequences) per epoch */
  rows: Record<string, number>;
  /**
   * sequence models -> epochs per second over the whole training set (its 8,717 sequences at
   * L = 32): the steady sequences/s divided by that count
   */
  epochsPerSecond?: Record<string, number>;
  errors: Record<string, string>;
}

// sized so the whole tf step stays within a couple of minutes on the shared 2-core machine
const MLP_ROWS: Record<BackendName, number> = { webgpu: 1024, webgl: 2048, wasm: Infinity, cpu: 1024 };
const LSTM_SEQUENCES: Record<BackendName, number> = { webgpu: 64, webgl: 64, wasm: 512, cpu: 64 };
// whole batches of the transformer's default batch size, so a short run has no partial batch
const TRANSFORMER_SEQUENCES: Record<BackendName, number> = { webgpu: 256, webgl: 256, wasm: 2048, cpu: 256 };
/** both sequence models: L = 32, the transformer's default window */
const SEQ_LEN = 32;
const EPOCHS = 2;
const SGD_EPOCHS = 5;

function transformerWidths(): string {
  const d = TRANSFORMER_DEFAULTS;
  return `model_dim ${d.modelDim}, ${d.heads} heads, ff ${d.ffUnits}, ${d.blocks} block, batch ${d.batchSize}`;
}

async function tfBench(
  o: TfBenchOptions = {},
): Promise<{ rows: TfBenchRow[]; data: string; notes: string[]; partialFit: BenchFigure }> {
  const set = await oneSymbolTrainingSet();
  // sequences of SEQ_LEN unbroken bars in the whole training set: one epoch of a full fit
  const fullSequences = buildSequences({
    X: set.X,
    length: SEQ_LEN,
    groups: set.groups,
    time: set.time,
    barMs: set.barMs,
  }).ends.length;
  const previous = await ensureCompute();
  const rows: TfBenchRow[] = [];
  // webgpu (the app's start-up backend) first: this order gave complete figures here; see the notes
  for (const backend of o.backends ?? [...BACKEND_ORDER]) {
    const info = await selectBackend(backend).catch((e: unknown) => ({
      backend: null,
      adapter: '',
      fallbacks: [String(e)],
    }));
    if (info.backend !== backend) {
      const reason = info.fallbacks[0] ?? 'not available';
      rows.push({
        backend,
        available: false,
        adapter: '',
        reason,
        rowsPerSecond: {},
        seconds: {},
        rows: {},
        errors: {},
      });
      continue;
    }
    const row: TfBenchRow = {
      backend,
      available: true,
      adapter: info.adapter,
      rowsPerSecond: {},
      seconds: {},
      rows: {},
      errors: {},
    };
    /** Times one fit; the figure is the steady rate between the first and the last epoch's progress report. */
    const run = async (
      key: string,
      name: string,
      fit: (onEpoch: () => void) => Promise<{ model: Model; report: { trainRows: number } }>,
      fullEpochRows?: number,
    ) => {
      if (o.models && !o.models.includes(key)) return;
      const marks: number[] = [];
      const t = performance.now();
      try {
        const { model, report } = await fit(() => marks.push(performance.now()));
        const total = (performance.now() - t) / 1000;
        disposeModel(model);
        const n = report.trainRows;
        const rate =
          marks.length >= 2
            ? (n * (marks.length - 1)) / ((marks[marks.length - 1] - marks[0]) / 1000)
            : (n * marks.length) / total;
        row.rowsPerSecond[name] = Math.round(rate);
        row.seconds[name] = +total.toFixed(3);
        row.rows[name] = n;
        if (fullEpochRows) (row.epochsPerSecond ??= {})[name] = +(rate / fullEpochRows).toPrecision(3);
        console.log(
          `[bench] tf ${backend} ${name}: ${n} rows/epoch, ${Math.round(rate)} rows/s, fit call ${total.toFixed(2)} s` +
            (fullEpochRows ? `, ${(rate / fullEpochRows).toPrecision(3)} epochs/s of ${fullEpochRows}` : ''),
        );
      } catch (err) {
        row.errors[name] = err instanceof Error ? err.message : String(err);
        console.log(`[bench] tf ${backend} ${name} failed: ${row.errors[name]}`);
      }
    };
    const sgd = (engine: 'js' | 'tf', batchSize: number, onEpoch: () => void) =>
      fitSgd({
        kind: 'sgdc',
        X: set.X,
        y: set.y,
        nClasses: 2,
        options: { maxEpochs: SGD_EPOCHS, tol: null, engine, batchSize },
        onProgress: onEpoch,
      });
    await run('sgdc-js', 'sgdc per-row (js engine)', (e) => sgd('js', 1, e));
    const m = subset(set, o.mlpRows?.[backend] ?? MLP_ROWS[backend]);
    await run('mlp', 'mlp', (e) =>
      fitMlp({
        task: 'classification',
        X: m.X,
        y: m.y,
        nClasses: 2,
        options: { epochs: EPOCHS, patience: 0 },
        onProgress: e,
      }),
    );
    const ls = subset(set, (o.lstmSequences?.[backend] ?? LSTM_SEQUENCES[backend]) + SEQ_LEN - 1);
    await run(
      'lstm',
      'lstm',
      (e) =>
        fitLstm({
          task: 'classification',
          X: ls.X,
          y: ls.y,
          nClasses: 2,
          groups: ls.groups,
          time: ls.time,
          barMs: ls.barMs,
          options: { epochs: EPOCHS, patience: 0, sequenceLength: SEQ_LEN },
          onProgress: e,
        }),
      fullSequences,
    );
    const tr = subset(
      set,
      (o.transformerSequences?.[backend] ?? TRANSFORMER_SEQUENCES[backend]) + SEQ_LEN - 1,
    );
    await run(
      'transformer',
      'transformer',
      (e) =>
        fitTransformer({
          task: 'classification',
          X: tr.X,
          y: tr.y,
          nClasses: 2,
          groups: tr.groups,
          time: tr.time,
          barMs: tr.barMs,
          options: { epochs: EPOCHS, patience: 0, sequenceLength: SEQ_LEN },
          onProgress: e,
        }),
      fullSequences,
    );
    // last: on webgpu (SwiftShader) the device is unusable for later fits after this one (see notes)
    await run('sgdc-tf', 'sgdc batch 64 (tf engine)', (e) => sgd('tf', 64, e));
    rows.push(row);
  }
  // one partialFit on one row, cpu backend (the per-row path runs on typed arrays)
  await selectBackend('cpu');
  const base = await fitSgd({
    kind: 'sgdc',
    X: set.X,
    y: set.y,
    nClasses: 2,
    options: { maxEpochs: 5, tol: null },
  });
  const one = Int32Array.of(0);
  const rowsOne: Matrix[] = [];
  const ysOne: Float64Array[] = [];
  for (let i = 0; i < 720; i++) {
    one[0] = i;
    rowsOne.push(takeRows(set.X, one));
    ysOne.push(takeValues(set.y, one));
  }
  // per-call timers are coarse in a worker (0.1 ms), so each sample is one block of 720 calls / 720
  const blocks = await timeMs(
    () => {
      for (let i = 0; i < 720; i++) base.model.partialFit(rowsOne[i], ysOne[i]);
    },
    20,
    2,
  );
  const partialFit = figure({
    id: 'tf.sgdc.partialFit',
    what: 'sgdc partialFit on a single row (cpu backend selected; the per-row update runs on typed arrays), as the online backtest calls it',
    data: `${set.describe}; 720 single-row calls (one 30d window) per sample, sample = block time / 720`,
    unit: 'ms',
    samples: blocks.map((ms) => ms / 720),
    target: '< 2 ms',
    limit: 2,
  });
  await initCompute(previous.preference);
  return {
    rows,
    data: set.describe,
    notes: [
      `rows/s = rows per epoch x (epochs - 1) / time from the end of epoch 1 to the end of the last epoch (steady state: model build, upload and first-epoch compilation excluded); "fit" = seconds of the whole fit call`,
      `sgdc: ${SGD_EPOCHS} epochs on all rows (tol off); mlp: ${EPOCHS} epochs, batch 64, [64, 32] relu; lstm: ${EPOCHS} epochs, sequence ${SEQ_LEN}, [32] + [16], batch 64; transformer: ${EPOCHS} epochs, sequence ${SEQ_LEN}, its defaults (${transformerWidths()}); rows = sequences for both`,
      `epochs/s (lstm, transformer) = steady sequences/s / ${fullSequences.toLocaleString('en-US')}, the sequences of length ${SEQ_LEN} in the whole training set: full epochs per second, extrapolated from the subset`,
      `rows fed per backend (the slow ones get fewer, to keep the run short): mlp ${JSON.stringify({ ...MLP_ROWS, ...o.mlpRows })}, lstm sequences ${JSON.stringify({ ...LSTM_SEQUENCES, ...o.lstmSequences })}, transformer sequences ${JSON.stringify({ ...TRANSFORMER_SEQUENCES, ...o.transformerSequences })} (Infinity = all)`,
      'sgdc per-row runs on the typed-array engine whatever the backend (per-op dispatch would dominate); the batch-64 row runs its math on the backend',
      'order per backend: sgdc per-row, mlp, lstm, transformer, sgdc batch 64 last: after an sgdc batch-64 (tf engine) fit on webgpu, later mlp/lstm fits in the same worker failed ("mapAsync ... A valid external Instance reference no longer exists"); an app bug to fix in src/core/models/tf, not a benchmark artefact',
      'in this environment (SwiftShader, shared 2-core machine) the GPU side is flaky from run to run: webgl sometimes fails to initialise after webgpu was used, and running the tf step first (before the other steps) gave ~10x slower cpu figures; compare runs with care',
    ],
    partialFit,
  };
}

// ---------------------------------------------------------------- simulation (issue 6)

async function simulateBench(reps = 15): Promise<BenchFigure[]> {
  const btc = (await sample()).bars.get('BTC/USDT')!;
  const n = btc.time.length;
  const copies = 10;
  const big = {
    symbol: 'BTC/USDT',
    time: new Float64Array(n * copies),
    open: new Float64Array(n * copies),
    close: new Float64Array(n * copies),
  };
  const target = new Float64Array(n * copies);
  for (let k = 0; k < copies; k++) {
    for (let i = 0; i < n; i++) {
      big.time[k * n + i] = btc.time[i] + k * n * 3_600_000;
      target[k * n + i] = i >= 24 && btc.close[i] > btc.close[i - 24] ? 1 : 0;
    }
    big.open.set(btc.open, k * n);
    big.close.set(btc.close, k * n);
  }
  const ms = await timeMs(() => simulate({ bars: big, target, feesBps: 5, slippageBps: 5 }), reps, 2);
  // the per-bar curves are built from the fill log when first read: this figure reads equity too
  let last = 0;
  const withEquity = await timeMs(
    () => {
      const r = simulate({ bars: big, target, feesBps: 5, slippageBps: 5 });
      last = r.equity[r.equity.length - 1];
    },
    reps,
    2,
  );
  // the fill log's price, fee, slippage and decision-bar columns are built when first read too
  let fills = 0;
  const withFills = await timeMs(
    () => {
      const f = simulate({ bars: big, target, feesBps: 5, slippageBps: 5 }).fills;
      fills = Math.min(f.price.length, f.fee.length, f.slippage.length, f.decisionBar.length);
    },
    reps,
    2,
  );
  return [
    figure({
      id: 'backtest.simulate',
      what: "simulate (signals -> fills and trades; the per-bar curves and the fill log's price, fee, slippage and decision-bar columns are built on first read, not timed here: see the .equity and .fills figures), 24h-momentum targets, fees + slippage",
      data: `BTC/USDT sample repeated 10x in time (${(n * copies).toLocaleString('en-US')} bars; repeated in the benchmark only)`,
      unit: 'M bars/s',
      samples: ms.map((m) => (n * copies) / (m / 1000) / 1e6),
      lowerIsBetter: false,
      target: '> 50 M bars/s',
      limit: 50,
    }),
    figure({
      id: 'backtest.simulate.equity',
      what: `simulate as above, then its equity curve read (final equity ${last.toFixed(0)})`,
      data: `the same ${(n * copies).toLocaleString('en-US')} bars`,
      unit: 'M bars/s',
      samples: withEquity.map((m) => (n * copies) / (m / 1000) / 1e6),
      lowerIsBetter: false,
    }),
    figure({
      id: 'backtest.simulate.fills',
      what: `simulate as above, then its fill log's price, fee, slippage and decision-bar columns read (${fills.toLocaleString('en-US')} fills)`,
      data: `the same ${(n * copies).toLocaleString('en-US')} bars`,
      unit: 'M bars/s',
      samples: withFills.map((m) => (n * copies) / (m / 1000) / 1e6),
      lowerIsBetter: false,
    }),
  ];
}

// ---------------------------------------------------------------- the GA optimizer (issue 8)

async function optimizeBench(reps = 5): Promise<BenchFigure[]> {
  const bars = (await sample()).bars.get('BTC/USDT')!;
  let evaluated = 0;
  let barsEvaluated = 0;
  const ms = await timeMs(
    async () => {
      const signals = buildSignals({ bars });
      const res = await optimizeStrategyWeights({
        signalNames: ['rsi', 'macd', 'ema_cross', 'volume'],
        signals,
        bars,
        objective: 'sharpe',
        constraints: { max_drawdown: -0.5, min_trades: 20 },
        population: 50,
        generations: 30,
        seed: 7,
        optimizeThresholds: true,
        feesBps: 10,
        slippageBps: 5,
      });
      evaluated = res.evaluated;
      barsEvaluated = res.end - res.start;
    },
    reps,
    1,
    { budgetMs: 20_000 },
  );
  return [
    figure({
      id: 'optimize.ga',
      what: `GA population 50 x 30 generations (${evaluated} candidates evaluated), signals rsi/macd/ema_cross/volume + thresholds, Sharpe objective, costs on; signal building included`,
      data: `BTC/USDT, ${bars.time.length.toLocaleString('en-US')} bars (${barsEvaluated.toLocaleString('en-US')} evaluated per candidate)`,
      unit: 's',
      samples: ms.map((m) => m / 1000),
      target: '< 1 s',
      limit: 1,
      notes: [`${Math.round(evaluated / (median(ms) / 1000))} candidates/s at the median`],
    }),
  ];
}

// ---------------------------------------------------------------- hyperparameter study (issue 13)

export interface TuneBenchResult {
  trials: number;
  pruned: number;
  /** fold fits over all trials (a pruned trial stops at its rung) */
  fold_fits: number;
  tuning_folds: number;
  evaluation_folds: number;
  batch_size: number;
  workers: string;
  seconds: number;
  trials_per_min: number;
  /** the best complete trial's objective (log-loss over the 12 tuning folds) */
  best_log_loss: number | null;
  best_params: Record<string, unknown> | null;
  /** seconds spent inside trials, summed over trials (the rest of the wall time is waiting) */
  trial_seconds: number;
  target: string;
  pass: boolean;
}

/**
 * A study as the tuning job runs it (setupStudy, then runTrials on the unit pool, one worker per
 * core), without storage or the evaluation walk-forward: gbc, the default space, TPE, ASHA
 * (eta 3, rungs at 4 and 8 of 12 tuning folds), log-loss, batches of 4, on BTC/USDT of the sample
 * with 365-day training windows and 30-day tests.
 */
async function tuneBench(o: { trials?: number } = {}): Promise<TuneBenchResult> {
  const bars = (await sample()).bars.get('BTC/USDT')!;
  const request = resolveTuneRequest({
    symbols: ['BTC/USDT'],
    model: 'gbc',
    trials: o.trials ?? 100,
    batch_size: 4,
    seed: 1,
    train_window: '365d',
    test_window: '30d',
    max_folds: 20,
  });
  const setup = setupStudy(request, [bars], SAMPLE_DATASET.id);
  const executor = unitPoolExecutor();
  const t0 = performance.now();
  const trials = await runTrials({ setup, executor });
  const seconds = (performance.now() - t0) / 1000;
  const best = bestTrial(trials);
  return {
    trials: trials.length,
    pruned: trials.filter((t) => t.state === 'pruned').length,
    fold_fits: trials.reduce((n, t) => n + t.folds, 0),
    tuning_folds: setup.periods.tuning_folds,
    evaluation_folds: setup.periods.evaluation_folds,
    batch_size: request.batch_size,
    workers: executor.name,
    seconds,
    trials_per_min: (trials.length / seconds) * 60,
    best_log_loss: best ? best.value : null,
    best_params: best ? best.params : null,
    trial_seconds: trials.reduce((n, t) => n + t.seconds, 0),
    target: '< 60 s',
    pass: seconds < 60,
  };
}

// ---------------------------------------------------------------- machine

async function machine(): Promise<Record<string, string | number | boolean>> {
  let webgpu = 'navigator.gpu absent';
  try {
    if (navigator.gpu) {
      const a = await navigator.gpu.requestAdapter();
      const i = a?.info;
      webgpu = i
        ? [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' / ') ||
          'anonymous adapter'
        : 'no adapter';
    }
  } catch (e) {
    webgpu = `error: ${String(e)}`;
  }
  const compute = await ensureCompute();
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    webgpuAdapter: webgpu,
    tfBackend: `${compute.backend} (${compute.adapter})`,
    crossOriginIsolated: self.crossOriginIsolated,
    forestPoolSize: forestPool().size,
  };
}

export const benchApi = proxy({
  machine,
  data: withReference(dataBench),
  memoryPrepare,
  memoryLoad,
  memoryRelease,
  features: withReference(featuresBench),
  trees: withReference(treesBench),
  tf: tfBench,
  simulate: withReference(simulateBench),
  optimize: withReference(optimizeBench),
  tune: tuneBench,
  /** bar count of the loaded memory dataset (keeps the load reachable until released) */
  memoryHeld: () => (bigLoaded ? bigRows : 0),
});
