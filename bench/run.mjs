#!/usr/bin/env node
/**
 * The performance benchmark (issues 3, 4, 5, 6 and 8): builds the app into dist-bench/, serves it
 * with `vite preview` on 127.0.0.1:4180, opens it in Debian's headless Chromium with ?bench=1 and
 * calls the pipeline worker's `bench` namespace (workers/bench-api.ts) through the page hook
 * `window.__candleLab.client`. Runs the seed's Python stack (seed_reference.py) in the same run
 * as the anchor when scikit-learn is installed. Prints markdown to stdout and writes a JSON copy
 * to bench-results/.
 *
 *   node bench/run.mjs [--full-anchors] [--no-anchors] [--no-build] [--keep-build]
 *                      [--only=data,memory,features,trees,tf,simulate,walkforward,optimize]
 *                      [--anchor-reps=3] [--wf-reps=5] [--memory-reps=1] [--tune-trials=100] [--compare FILE] [--readme]
 *   node bench/run.mjs --compare BEFORE.json --against AFTER.json   (compare two runs, no run)
 *
 * Python anchors run before the browser starts, so the two never share the CPU. Each figure is
 * repeated until its median's 95% interval is known (median, min, max and runs are printed);
 * --compare says which figures moved beyond that noise against an earlier run's JSON, --readme
 * writes the README's figure lines from this run (bench/readme.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { anchorOf, compareRuns, compareTable, figureFromSamples, MEMORY_TARGET } from './figures.mjs';
import { writeReadme } from './readme.mjs';

/* global window -- inside page.evaluate / waitForFunction callbacks, which run in the page */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = 'dist-bench';
const PORT = 4180;
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PY = '/usr/bin/python3';
const ANCHOR_SCRIPT = path.resolve(ROOT, '../shared/anchors/seed_reference.py');
const CSV_DIR = path.resolve(ROOT, '../shared/datasets/binance-ohlcv-1h-btc-eth/csv');
// the flags of playwright.config.ts, plus precise memory figures and gc() for the memory case
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--enable-precise-memory-info',
  `--js-flags=--expose-gc ${process.env.BENCH_JS_FLAGS ?? ''}`,
];
const TF_OPTIONS = JSON.parse(process.env.BENCH_TF_OPTIONS || '{}');
const ALL_STEPS = [
  'data',
  'memory',
  'features',
  'trees',
  'tf',
  'simulate',
  'walkforward',
  'optimize',
  'tune',
];

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
/** `--name=value` or `--name value` */
const option = (name) => {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : undefined;
};
const ANCHOR_REPS = Math.max(1, Number(option('anchor-reps') ?? 3));
const WF_REPS = Math.max(1, Number(option('wf-reps') ?? 5));
/** times the memory step's load is measured (each with a fresh 1M-row file and RSS baseline) */
const MEMORY_REPS = Math.max(1, Number(option('memory-reps') ?? 1));
const TUNE_TRIALS = Math.max(1, Number(option('tune-trials') ?? 100));
const only =
  args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? ALL_STEPS;
const log = (...m) => console.error('[bench]', ...m);

// ------------------------------------------------------------------ helpers

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    ramGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAvgAtStart: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

function sh(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, encoding: 'utf8', ...opts });
  if (r.status !== 0)
    throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

function sklearnAvailable() {
  return existsSync(PY) && spawnSync(PY, ['-c', 'import sklearn, pandas'], { encoding: 'utf8' }).status === 0;
}

/** One seed_reference.py run; returns its JSON lines. */
function anchor(model, csvs, extra = []) {
  const t = performance.now();
  const out = sh(PY, [ANCHOR_SCRIPT, ...csvs, '--model', model, ...extra], { timeout: 900_000 });
  const lines = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  return { model, args: extra, wallSeconds: +((performance.now() - t) / 1000).toFixed(2), results: lines };
}

function runAnchors() {
  if (flag('no-anchors')) return { skipped: 'the --no-anchors flag' };
  if (!sklearnAvailable())
    return {
      skipped: `${PY} cannot import sklearn/pandas (apt-get install python3-sklearn python3-pandas python3-xgboost)`,
    };
  const btc = path.join(CSV_DIR, 'BTCUSDT_1h.csv');
  const eth = path.join(CSV_DIR, 'ETHUSDT_1h.csv');
  const out = { fold1: {}, full: {} };
  for (const model of ['gbc', 'xgb', 'rfc', 'sgdc']) {
    // sklearn's GradientBoostingClassifier takes seconds per fit: once; the others ANCHOR_REPS times
    const reps = model === 'gbc' ? 1 : ANCHOR_REPS;
    log(`anchor: seed_reference.py --model ${model} --folds 1 (x${reps})`);
    try {
      const runs = [];
      for (let i = 0; i < reps; i++) runs.push(anchor(model, [btc], ['--folds', '1']));
      const fit = figureFromSamples(
        model,
        's',
        runs.map((a) => a.results[0].fold_fit_s[0]),
      );
      out.fold1[model] = {
        fitSeconds: fit.median,
        min: fit.min,
        max: fit.max,
        runs: fit.reps,
        auc: runs[0].results[0].fold_auc[0],
        processSeconds: runs[0].wallSeconds,
      };
    } catch (err) {
      out.fold1[model] = { error: String(err.message ?? err).split('\n')[0] };
    }
  }
  if (flag('full-anchors')) {
    for (const model of ['gbc', 'xgb', 'sgdc']) {
      log(`anchor: seed_reference.py --model ${model} (every fold, both symbols; minutes for gbc)`);
      const a = anchor(model, [btc, eth], model === 'sgdc' ? ['--online'] : []);
      out.full[model] = a.results.map((r) => ({
        file: r.file,
        folds: r.folds,
        wall_s: r.wall_s,
        fit_s: r.fit_s,
        oos_auc: r.oos_auc,
      }));
    }
  }
  return out;
}

/**
 * The study anchor (bench/tune-anchor.py): Optuna TPE + scikit-learn HistGradientBoosting, the
 * same trials, 12 folds, rungs and eta as the tune step. One OpenMP thread: on the shared 2-core
 * machine more threads spin against the other load (3 trials took over 300 s with 2).
 */
function runTuneAnchor() {
  if (flag('no-anchors')) return { skipped: 'the --no-anchors flag' };
  const ok =
    existsSync(PY) &&
    spawnSync(PY, ['-c', 'import optuna, sklearn, pandas'], { encoding: 'utf8' }).status === 0;
  if (!ok)
    return {
      skipped: `${PY} cannot import optuna/sklearn/pandas (apt-get install python3-optuna python3-sklearn)`,
    };
  log(
    `anchor: tune-anchor.py --trials ${TUNE_TRIALS} --folds 12 (Optuna TPE + sklearn HistGradientBoosting)`,
  );
  try {
    const out = sh(
      PY,
      [
        'bench/tune-anchor.py',
        path.join(CSV_DIR, 'BTCUSDT_1h.csv'),
        '--trials',
        String(TUNE_TRIALS),
        '--folds',
        '12',
      ],
      { timeout: 1_800_000, env: { ...process.env, OMP_NUM_THREADS: '1' } },
    );
    return JSON.parse(
      out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop(),
    );
  } catch (err) {
    return { error: String(err.message ?? err).split('\n')[0] };
  }
}

async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** VmRSS and VmHWM (peak RSS) of a process, in bytes; null if unreadable. */
function procMem(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * Runs in the page: the app's own path through the worker API, as the Backtest panel does it:
 * load the built-in sample, train a model (its config is what a backtest reads), then time
 * backtest.run over the seed scenario (both symbols, 365d/30d, h=12, seed warm-up, fills at the
 * close, strict thresholds), from the loaded dataset to the saved artifacts.
 */
async function walkForwardInPage(reps) {
  const c = window.__candleLab.client;
  const { handle, summary } = await c.api.data.loadSample();
  const symbols = ['BTC/USDT', 'ETH/USDT'];
  const out = [];
  for (const [kind, online] of [
    ['gbc', false],
    ['sgdc', true],
  ]) {
    const trained = await c.startJob((r, id, p) =>
      r.train.start(
        {
          handle,
          dataset: summary.dataset,
          symbols,
          task: 'classification',
          target_horizon: 12,
          model: kind,
          train_window: '365d',
          valid_window: '30d',
        },
        p,
        id,
      ),
    ).promise;
    const runs = [];
    for (let rep = 0; rep < reps; rep++) {
      let folds = 0;
      const t = performance.now();
      // when each stage of the job ended, from its progress events (seconds since the call)
      const at = {};
      let fit = 0;
      let predict = 0;
      const mark = (p) => {
        const s = (performance.now() - t) / 1000;
        if (p.stage === 'plan' && p.fraction > 0) at.plan ??= s;
        if (p.stage === 'fold' && p.detail?.done != null) {
          at.first_fold ??= s;
          at.folds = s;
          fit += Number(p.detail.fit_s ?? 0);
          predict += Number(p.detail.predict_s ?? 0);
        }
        if (p.stage === 'done') at.assembled = s;
        if (p.stage === 'saved') {
          at.saved = s;
          at.artifacts_s = Number(p.detail?.artifacts_s);
          at.save_s = Number(p.detail?.save_s);
        }
      };
      const r = await c.startJob(
        (rm, id, p) =>
          rm.backtest.run(
            {
              handle,
              model_id: trained.model_id,
              symbols,
              train_window: '365d',
              test_window: '30d',
              warmup: 'seed',
              fill: 'close',
              strict_thresholds: true,
              online,
            },
            p,
            id,
          ),
        {
          onProgress: (p) => {
            folds = Math.max(folds, Number(p.detail?.total ?? 0));
            mark(p);
          },
        },
      ).promise;
      const seconds = (performance.now() - t) / 1000;
      runs.push({
        seconds,
        stages: {
          ...at,
          end: seconds,
          fit_sum_s: fit,
          predict_sum_s: predict,
          // the unit pool's size (workers/unit-pool.ts: one per core, at most 4)
          workers: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)),
        },
        fits: folds,
        run_id: r.run_id,
        results: r.results,
      });
    }
    // the first run is the page's first backtest (cold code in every worker); the figure is the
    // median of the runs after it, and the first run is reported on its own
    const warm = runs.length > 1 ? runs.slice(1) : runs;
    const sorted = warm.map((x) => x.seconds).sort((a, b) => a - b);
    out.push({
      first_seconds: runs[0].seconds,
      kind,
      online,
      target: online ? '< 20 s' : '< 3 s',
      seconds: sorted[sorted.length >> 1],
      fits: runs[0].fits,
      run_id: runs[0].run_id,
      results: runs[0].results,
      runs,
    });
  }
  return out;
}

// ------------------------------------------------------------------ formatting

const fmt = (v) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v ?? '');
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  return a >= 10
    ? v.toFixed(1)
    : a >= 1
      ? v.toFixed(2)
      : a >= 0.01 || a === 0
        ? v.toFixed(3)
        : v.toPrecision(2);
};
const ok = (f) => (f.pass === undefined ? '' : f.pass ? 'yes' : '**NO**');

function figureTable(figures, anchorOf = () => '') {
  const lines = [
    '| benchmark | median | min | max | median 95% CI | unit | runs | target | met | anchor (Python, this run) |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | --- |',
  ];
  for (const f of figures)
    lines.push(
      `| ${f.id} | ${fmt(f.median)} | ${fmt(f.min ?? f.best)} | ${fmt(f.max ?? f.best)} | ${f.ci95 ? `${fmt(f.ci95[0])}..${fmt(f.ci95[1])}` : ''} | ${f.unit} | ${f.reps} | ${f.target ?? ''} | ${ok(f)} | ${anchorOf(f)} |`,
    );
  lines.push('');
  for (const f of figures) {
    lines.push(`- **${f.id}**: ${f.what}. Data: ${f.data}.`);
    for (const n of f.notes ?? []) lines.push(`  - ${n}`);
    if (f.extra)
      lines.push(
        `  - ${Object.entries(f.extra)
          .map(([k, v]) => `${k} = ${typeof v === 'number' ? fmt(v) : v}`)
          .join(', ')}`,
      );
  }
  return lines.join('\n');
}

function anchorText(anchors, f) {
  return anchorOf(anchors, f.id);
}

function tfTable(tf) {
  const models = [
    ...new Set(tf.rows.flatMap((r) => [...Object.keys(r.rowsPerSecond), ...Object.keys(r.errors ?? {})])),
  ];
  // sequence models (lstm, transformer) also carry full epochs per second of the training set
  const perEpoch = new Set(tf.rows.flatMap((r) => Object.keys(r.epochsPerSecond ?? {})));
  const head = (m) =>
    perEpoch.has(m) ? `${m}: epochs/s (seq/s, seqs, fit s)` : `${m}: rows/s (rows, fit s)`;
  const lines = [
    `| backend | adapter | ${models.map(head).join(' | ')} |`,
    `| --- | --- | ${models.map(() => '---:').join(' | ')} |`,
  ];
  const cell = (r, m) => {
    if (r.rowsPerSecond[m] === undefined) return r.errors?.[m] ? `error: ${r.errors[m].slice(0, 80)}` : '';
    const rate = `${fmt(r.rowsPerSecond[m])}, ${r.rows[m]}, ${fmt(r.seconds[m])} s`;
    const eps = r.epochsPerSecond?.[m];
    return eps !== undefined
      ? `**${eps}** (${rate})`
      : `${fmt(r.rowsPerSecond[m])} (${r.rows[m]}, ${fmt(r.seconds[m])} s)`;
  };
  for (const r of tf.rows) {
    if (!r.available)
      lines.push(`| ${r.backend} | not available: ${r.reason} | ${models.map(() => '').join(' | ')} |`);
    else lines.push(`| ${r.backend} | ${r.adapter} | ${models.map((m) => cell(r, m)).join(' | ')} |`);
  }
  lines.push('', `Data: ${tf.data}.`, ...tf.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

async function main() {
  const compareWith = option('compare');
  const against = option('against');
  if (compareWith && against) {
    const before = JSON.parse(readFileSync(compareWith, 'utf8'));
    const after = JSON.parse(readFileSync(against, 'utf8'));
    console.log(compareTable(compareRuns(before, after), compareWith, against));
    return;
  }
  const started = new Date();
  const result = {
    startedAt: started.toISOString(),
    machine: machine(),
    steps: {},
    anchors: null,
    errors: [],
  };

  if (!flag('no-build') || !existsSync(path.join(ROOT, OUT_DIR, 'index.html'))) {
    log(`building the app into ${OUT_DIR}/`);
    sh('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }

  // the seed stack's anchors are not the tune step's: a tune-only run skips them
  result.anchors = only.every((s) => s === 'tune') ? null : runAnchors();
  if (only.includes('tune')) result.tuneAnchor = runTuneAnchor();

  log(`serving ${OUT_DIR}/ on ${BASE}`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  );
  let serverErr = '';
  server.stderr.on('data', (d) => (serverErr += d));
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopServer);

  let browser;
  try {
    await waitForHttp(`${BASE}/`, 30_000).catch((e) => {
      throw new Error(`${e.message}\n${serverErr}`);
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    result.machine.chromium = browser.version();
    // no service worker: its precache download would compete with the benchmarks for the CPU
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[bench]')) log(m.text().slice(8));
      else if (m.type() === 'error' || m.type() === 'warning') log(`page ${m.type()}: ${m.text()}`);
    });
    await page.goto(`${BASE}/?bench=1`);
    await page.waitForFunction(() => !!window.__candleLab, null, { timeout: 60_000 });
    // the app's start-up backend selection and self-test must finish first: the self-test
    // switches the TensorFlow.js backend, which would race with the tf step
    await page.waitForSelector('[data-testid="compute-badge"], .badge-error', { timeout: 120_000 });
    /** Calls bench.<method>(...args) in the pipeline worker. */
    const call = (method, ...a) =>
      page.evaluate(([m, a2]) => window.__candleLab.client.api.bench(m, ...a2), [method, a]);
    result.machine.browser = await call('machine');
    const cdp = await browser.newBrowserCDPSession();
    const pageCdp = await context.newCDPSession(page);

    const steps = {
      data: () => call('data'),
      features: () => call('features'),
      trees: () => call('trees'),
      tf: () => call('tf', TF_OPTIONS),
      simulate: () => call('simulate'),
      optimize: () => call('optimize'),
      tune: () => call('tune', { trials: TUNE_TRIALS }),
      walkforward: () => page.evaluate(walkForwardInPage, WF_REPS),
      memory: async () => {
        const runs = [];
        for (let r = 0; r < MEMORY_REPS; r++) runs.push(await memoryRun());
        // the first run's figures as before, every run's in `runs`
        return { ...runs[0], runs };
      },
    };
    /** One memory measurement: a fresh 1M-row file, then the renderer's RSS around its load. */
    const memoryRun = async () => {
      const prep = await call('memoryPrepare', 14);
      // the baseline without the garbage of making the file: Chromium's memory-pressure purge
      // (V8 heaps and the allocator hand freed pages back to the system), and a moment for it
      await pageCdp.send('Memory.simulatePressureNotification', { level: 'critical' });
      await new Promise((r) => setTimeout(r, 2000));
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
      const before = new Map(renderers.map((pid) => [pid, procMem(pid)]));
      const hwmReset = new Map();
      for (const pid of renderers) {
        try {
          writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM (peak RSS) to the current RSS
          hwmReset.set(pid, true);
        } catch {
          hwmReset.set(pid, false); // not permitted: VmHWM then covers the whole life of the process
        }
      }
      // cross-check: RSS sampled every 5 ms from here while the worker loads
      const sampledMax = new Map(renderers.map((pid) => [pid, 0]));
      const sampler = setInterval(() => {
        for (const pid of renderers)
          sampledMax.set(pid, Math.max(sampledMax.get(pid), procMem(pid)?.rss ?? 0));
      }, 5);
      const load = await call('memoryLoad');
      clearInterval(sampler);
      let rss = null;
      for (const pid of renderers) {
        const b = before.get(pid);
        const a = procMem(pid);
        if (!a || !b) continue;
        const peak = a.hwm - b.rss;
        if (!rss || peak > rss.peakGrowth)
          rss = {
            pid,
            before: b.rss,
            after: a.rss,
            peakAfter: a.hwm,
            peakGrowth: peak,
            sampledPeakGrowth: sampledMax.get(pid) - b.rss,
            retained: a.rss - b.rss,
            hwmReset: hwmReset.get(pid),
          };
      }
      await call('memoryRelease');
      return { prep, load, rss };
    };
    for (const step of ALL_STEPS.filter((s) => only.includes(s))) {
      log(`step: ${step}`);
      const t = performance.now();
      try {
        result.steps[step] = await steps[step]();
      } catch (err) {
        result.errors.push(`${step}: ${err.message ?? err}`);
        log(`step ${step} failed: ${err.message ?? err}`);
      }
      log(`step ${step}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await browser?.close();
    stopServer();
    if (!flag('keep-build')) rmSync(path.join(ROOT, OUT_DIR), { recursive: true, force: true });
  }
  result.totalSeconds = +((Date.now() - started.getTime()) / 1000).toFixed(1);

  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const jsonPath = path.join('bench-results', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(path.join(ROOT, jsonPath), JSON.stringify(result, null, 2));
  console.log(report(result, jsonPath));
  if (compareWith) {
    const before = JSON.parse(readFileSync(compareWith, 'utf8'));
    console.log(
      [
        '',
        '## Against an earlier run',
        '',
        compareTable(compareRuns(before, result), compareWith, jsonPath),
      ].join('\n'),
    );
  }
  if (flag('readme')) {
    writeReadme(path.join(ROOT, jsonPath));
    log('README.md figures rewritten from this run');
  }
  if (result.errors.length) process.exitCode = 1;
}

function memorySection(m) {
  const raw = m.prep.rawColumnarBytes;
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const ratios = (m.runs ?? [m]).filter((r) => r.rss).map((r) => r.rss.peakGrowth / r.prep.rawColumnarBytes);
  const median = ratios.length ? figureFromSamples('memory', 'x', ratios).median : NaN;
  const spread = ratios.length
    ? `Peak RSS growth / raw columnar over ${ratios.length} run${ratios.length > 1 ? 's' : ''} (each with a fresh file and baseline): ` +
      `median ${fmt(median)}x, min ${fmt(Math.min(...ratios))}x, max ${fmt(Math.max(...ratios))}x; target <= ${MEMORY_TARGET}x ` +
      `${median <= MEMORY_TARGET ? '(met)' : '(**NOT met**)'}. The table shows the first run.`
    : '';
  const lines = [
    `Data: the sample parquet repeated ${m.prep.symbols / 2} times under different symbol names (BTC/USDT, BTC1/USDT, ...; made in the benchmark only): ` +
      `${m.prep.rows.toLocaleString('en-US')} rows, ${m.prep.symbols} symbols, parquet ${mb(m.prep.fileBytes)}; ` +
      `raw columnar size = rows x 6 float64 columns = ${mb(raw)}. Loaded with loadLocalFile (decode + map + validate) in ${fmt(m.load.ms)} ms; ${m.load.rows.toLocaleString('en-US')} bars kept (${mb(m.load.barBytes)}).`,
    '',
    ...(spread ? [spread, ''] : []),
    '| measure | bytes | x raw columnar | target |',
    '| --- | ---: | ---: | --- |',
  ];
  if (m.rss) {
    lines.push(
      `| renderer peak RSS growth during the load (VmHWM after - VmRSS before) | ${mb(m.rss.peakGrowth)} | ${(m.rss.peakGrowth / raw).toFixed(2)} | <= ${MEMORY_TARGET}x ${m.rss.peakGrowth / raw <= MEMORY_TARGET ? '(met)' : '(**NOT met**)'} |`,
    );
    lines.push(
      `| renderer peak RSS growth sampled every 5 ms by the harness (cross-check) | ${mb(m.rss.sampledPeakGrowth)} | ${(m.rss.sampledPeakGrowth / raw).toFixed(2)} | |`,
    );
    lines.push(
      `| renderer RSS retained after the load and a gc() | ${mb(m.rss.retained)} | ${(m.rss.retained / raw).toFixed(2)} | |`,
    );
  } else lines.push('| renderer RSS | unreadable (/proc not accessible) | | |');
  lines.push(
    `| parquet-wasm linear memory growth (a high-water mark: wasm memory never shrinks) | ${mb(m.load.wasmAfter - m.load.wasmBefore)} | ${((m.load.wasmAfter - m.load.wasmBefore) / raw).toFixed(2)} | |`,
  );
  lines.push(
    `| bar columns kept (6 x Float64Array per symbol) | ${mb(m.load.barBytes)} | ${(m.load.barBytes / raw).toFixed(2)} | |`,
  );
  lines.push(
    '',
    'Method and limits: performance.memory does not exist in workers, so the harness reads the Chromium renderer process that hosts the page and its workers from /proc ' +
      '(VmHWM reset through /proc/PID/clear_refs just before the load, after the 1M-row file was built, gc() ran and a simulated critical memory-pressure notification purged freed memory). ' +
      'The figure is process-wide: it also counts the page, allocator slack and freed-but-not-returned pages, so it over-states the load itself; ' +
      `it does not count the parquet bytes (made before the baseline). Peak reset worked: ${m.rss?.hwmReset}. Linux only.`,
  );
  return lines.join('\n');
}

function walkForwardSection(rows, anchors) {
  const target = (r) => (r.online ? 20 : 3);
  const lines = [
    '| model | online | model fits | first run s | wall s median (runs after the first) | min | max | runs | target | met | total return % | Sharpe | trades |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const x = r.results ?? {};
    const all = r.runs ?? [r];
    const secs = (all.length > 1 ? all.slice(1) : all).map((q) => q.seconds);
    lines.push(
      `| ${r.kind} | ${r.online} | ${r.fits || '?'} | ${fmt(r.first_seconds)} | ${fmt(r.seconds)} | ${fmt(Math.min(...secs))} | ${fmt(Math.max(...secs))} | ${secs.length} | < ${target(r)} s | ${r.seconds < target(r) ? 'yes' : '**NO**'} | ${fmt(x.total_return_pct)} | ${fmt(x.sharpe_ratio)} | ${x.total_trades ?? ''} |`,
    );
  }
  const stageRows = rows.flatMap((r) =>
    (r.runs ?? []).filter((q) => q.stages).map((q, i) => ({ r, i, s: q.stages })),
  );
  if (stageRows.length) {
    const d = (a, b) => (a != null && b != null ? fmt(b - a) : '');
    lines.push(
      '',
      '| model | run | plan s | to first fold s | folds s | fits s (sum / workers) | predict s (sum) | assemble s | artifacts s | save s | after save s | wall s |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const { r, i, s } of stageRows)
      lines.push(
        `| ${r.kind} | ${i + 1} | ${fmt(s.plan)} | ${d(s.plan, s.first_fold)} | ${d(s.plan, s.folds)} | ${fmt(s.fit_sum_s / s.workers)} | ${fmt(s.predict_sum_s)} | ${d(s.folds, s.assembled)} | ${fmt(s.artifacts_s)} | ${fmt(s.save_s)} | ${d(s.saved, s.end)} | ${fmt(s.end)} |`,
      );
    lines.push(
      '',
      "Stages from the job's progress events as the page received them: plan = call to the end of planning (model record, features, labels, folds); folds = end of planning to the last fold result; " +
        "fits s = the folds' fit seconds summed and divided by the unit pool's workers; assemble = last fold to the assembled result; artifacts and save as the job times them; after save = the view and the reply.",
    );
  }
  lines.push(
    '',
    "The first run is the page's first backtest (every worker's code still cold: JIT and WebAssembly tier-up); the median is over the runs after it, as every other figure here is timed after warm-up runs. " +
      'Measured from the page: backtest.run through the app client (the worker plans folds, fits them (trees: on the fold worker pool), simulates, ' +
      'builds the artifacts and saves them to IndexedDB), after data.loadSample and a train.start that provides the model configuration. Both symbols, 365d/30d, h=12, seed warm-up, fills at the close.',
  );
  const full = anchors.full?.gbc;
  if (full)
    lines.push(
      `Anchor (--full-anchors, this run): sklearn gbc ${full.map((x) => `${x.file} ${x.folds} folds ${x.wall_s} s`).join(', ')}.`,
    );
  else
    lines.push(
      'Anchor: the full sklearn walk-forward takes minutes per symbol (the issue quotes ~210 s per symbol); run with --full-anchors to time it here.',
    );
  return lines.join('\n');
}

function tuneSection(t, a) {
  const lines = [
    '| study | trials | pruned | fold fits | wall s | trials/min | best tuning log-loss | target < 60 s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  if (t)
    lines.push(
      `| Candle Lab (headless Chromium, unit pool ${t.workers}, batch ${t.batch_size}) | ${t.trials} | ${t.pruned} | ${t.fold_fits} | ${fmt(t.seconds)} | ${fmt(t.trials_per_min)} | ${fmt(t.best_log_loss)} | ${t.pass ? 'yes' : '**NO**'} |`,
    );
  if (a?.error || a?.skipped) lines.push(`| Optuna anchor | ${a.error ?? a.skipped} | | | | | | |`);
  else if (a)
    lines.push(
      `| Optuna 3.1 TPE + sklearn HistGradientBoosting (Python, this run, 1 thread) | ${a.trials} | ${a.pruned} | ${a.fold_fits} | ${fmt(a.seconds)} | ${fmt(a.trials_per_min)} | ${fmt(a.best_log_loss)} | |`,
    );
  lines.push(
    '',
    'gbc, default space, TPE seed 1, ASHA with eta 3 at 4 and 8 of 12 tuning folds (365-day training windows, 30-day tests, h = 12 purged), objective log-loss; BTC/USDT of the sample (Candle Lab) and the same hours from the CSV (anchor; its space has no subsample). ' +
      'Candle Lab runs setupStudy + runTrials on the unit pool as the tuning job does (no storage, no evaluation walk-forward).',
  );
  if (t)
    lines.push(
      `Time inside trials, summed over trials: ${fmt(t.trial_seconds)} s (${fmt(t.trial_seconds / t.seconds)} x the wall time); best params ${JSON.stringify(t.best_params)}.`,
    );
  if (a?.best_params) lines.push(`Anchor best params ${JSON.stringify(a.best_params)}.`);
  return lines.join('\n');
}

function report(r, jsonPath) {
  const b = r.machine.browser ?? {};
  const out = [
    '# Candle Lab benchmark',
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB RAM, ${r.machine.os}, load average at start ${r.machine.loadAvgAtStart.join('/')}.`,
    `Browser: Chromium ${r.machine.chromium ?? '?'} headless (${CHROMIUM}); navigator.hardwareConcurrency ${b.hardwareConcurrency ?? '?'}; ` +
      `WebGPU adapter: ${b.webgpuAdapter ?? '?'}; app backend: ${b.tfBackend ?? '?'}; forest pool: ${b.forestPoolSize ?? '?'} workers.`,
    `Run: ${r.startedAt}, ${r.totalSeconds} s in all. JSON copy: ${jsonPath}.`,
    '',
  ];
  const s = r.steps;
  const anchors = r.anchors ?? {};
  if (s.data) out.push('## Data (issue 3)', '', figureTable(s.data), '');
  if (s.memory) out.push('## Memory: a 1,000,000-row dataset (issue 3)', '', memorySection(s.memory), '');
  if (s.features || s.trees)
    out.push(
      '## Features and tree models (issue 4)',
      '',
      figureTable([...(s.features ?? []), ...(s.trees ?? [])], (f) => anchorText(anchors, f)),
      '',
    );
  if (s.tf)
    out.push(
      '## TensorFlow.js models: training throughput per backend (issue 5)',
      '',
      tfTable(s.tf),
      '',
      figureTable([s.tf.partialFit]),
      '',
    );
  if (s.simulate) out.push('## Backtest simulation (issue 6)', '', figureTable(s.simulate), '');
  if (s.walkforward)
    out.push(
      '## Walk-forward backtest: the seed scenario through the app (issue 6)',
      '',
      walkForwardSection(s.walkforward, anchors),
      '',
    );
  if (s.optimize) out.push('## GA optimizer (issue 8)', '', figureTable(s.optimize), '');
  if (s.tune || r.tuneAnchor)
    out.push('## Hyperparameter study (issue 13)', '', tuneSection(s.tune, r.tuneAnchor), '');
  if (r.anchors) out.push('## Anchors: the seed stack (scikit-learn) in this run', '');
  if (!r.anchors) {
    // a tune-only run: the seed anchors did not run
  } else if (anchors.skipped) out.push(`Skipped: ${anchors.skipped}.`);
  else {
    out.push(
      '`/usr/bin/python3 ../shared/anchors/seed_reference.py BTCUSDT_1h.csv --model M --folds 1` (fit seconds of fold 1: 8,748 x 19 rows):',
      '',
    );
    out.push('| model | fit s | fold AUC | process s |', '| --- | ---: | ---: | ---: |');
    for (const [m, a] of Object.entries(anchors.fold1 ?? {}))
      out.push(
        a.error
          ? `| ${m} | error: ${a.error} | | |`
          : `| ${m} | ${fmt(a.fitSeconds)} | ${a.auc} | ${fmt(a.processSeconds)} |`,
      );
    if (anchors.full && Object.keys(anchors.full).length) {
      out.push(
        '',
        'Full walk-forward (--full-anchors; every fold, BTC and ETH; sgdc with --online):',
        '',
        '| model | file | folds | wall s | fit s | OOS AUC |',
        '| --- | --- | ---: | ---: | ---: | ---: |',
      );
      for (const [m, rows] of Object.entries(anchors.full))
        for (const x of rows)
          out.push(`| ${m} | ${x.file} | ${x.folds} | ${x.wall_s} | ${x.fit_s} | ${x.oos_auc} |`);
    } else out.push('', 'The full 40-fold runs (sklearn gbc: minutes per symbol) run with --full-anchors.');
  }
  if (r.errors.length) out.push('', '## Errors', '', ...r.errors.map((e) => `- ${e}`));
  return out.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
