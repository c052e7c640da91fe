// Tests of the benchmark's figure handling (node --test bench/): the median's interval, which
// figures moved beyond their noise between two runs, and the README block between its markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  README_BEGIN,
  README_END,
  compareRuns,
  figureFromSamples,
  figuresOf,
  medianInterval,
  readmeBlock,
  replaceReadmeBlock,
} from './figures.mjs';

const fig = (id, unit, samples, extra = {}) => figureFromSamples(id, unit, samples, extra);
const run = (figures, walkforward) => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  machine: { cpu: 'cpu', cores: 2, loadAvgAtStart: [1, 1, 1], chromium: '1' },
  anchors: { fold1: { xgb: { fitSeconds: 0.15, min: 0.14, max: 0.16, runs: 3, auc: 0.5467 } } },
  steps: { trees: figures, ...(walkforward ? { walkforward } : {}) },
});

test('median interval: min..max under 5 runs, order statistics from 5 on', () => {
  assert.deepEqual(medianInterval([3, 1, 2]), [1, 3]);
  const xs = Array.from({ length: 15 }, (_, i) => 15 - i); // 1..15
  // ranks floor(7.5 - 3.8) = 3 and ceil(7.5 + 3.8) - 1 = 11 (0-based): values 4 and 12
  assert.deepEqual(medianInterval(xs), [4, 12]);
});

test('compare: disjoint intervals move, overlapping ones are noise, direction follows the unit', () => {
  const before = run([
    fig('trees.gbc', 's', [0.1, 0.1, 0.1, 0.1, 0.1, 0.11]),
    fig('backtest.simulate', 'M bars/s', [10, 10, 10, 11, 11]),
    fig('features.one-symbol', 'ms', [10, 11, 12, 13, 14]),
    fig('old.only', 'ms', [1]),
  ]);
  const after = run([
    fig('trees.gbc', 's', [0.05, 0.05, 0.06, 0.05, 0.05]),
    fig('backtest.simulate', 'M bars/s', [5, 5, 5, 6, 6]),
    fig('features.one-symbol', 'ms', [12, 13, 14, 15, 16]),
    fig('new.only', 'ms', [1]),
  ]);
  const v = Object.fromEntries(compareRuns(before, after).map((r) => [r.id, r.verdict]));
  assert.deepEqual(v, {
    'trees.gbc': 'faster',
    'backtest.simulate': 'slower',
    'features.one-symbol': 'within noise',
    'new.only': 'new',
    'old.only': 'gone',
  });
});

test('figures of a run include every walk-forward run and old-format figures (median and best only)', () => {
  const r = run(
    [{ id: 'trees.gbc', unit: 's', median: 0.2, best: 0.1, reps: 3 }],
    [{ kind: 'gbc', online: false, target: '< 3 s', runs: [{ seconds: 4 }, { seconds: 2 }, { seconds: 3 }] }],
  );
  const fs = figuresOf(r);
  assert.deepEqual(
    fs.map((f) => [f.id, f.median, f.min, f.max, f.reps]),
    [
      ['trees.gbc', 0.2, 0.1, 0.2, 3],
      ['walkforward.gbc', 3, 2, 4, 3],
    ],
  );
  assert.deepEqual(fs[0].ci95, [0.1, 0.2]);
  assert.equal(fs[1].pass, false);
  assert.match(fs[0].anchor, /XGBoost hist 1 thread 0\.150 s \(min 0\.140, max 0\.160, 3 runs\)/);
});

test('walk-forward runs with a first run: the target figure is the median after it, the first its own figure', () => {
  const r = run(
    [],
    [
      {
        kind: 'gbc',
        online: false,
        target: '< 3 s',
        first_seconds: 5,
        runs: [{ seconds: 5 }, { seconds: 2.9 }, { seconds: 2.5 }, { seconds: 3.2 }],
      },
    ],
  );
  const fs = figuresOf(r);
  assert.deepEqual(
    fs.map((f) => [f.id, f.median, f.min, f.max, f.reps]),
    [
      ['walkforward.gbc', 2.9, 2.5, 3.2, 3],
      ['walkforward.gbc.first', 5, 5, 5, 1],
    ],
  );
  assert.equal(fs[0].pass, true);
});

test('README block: one line per figure, written only between the markers', () => {
  const r = run([fig('trees.gbc', 's', [0.1, 0.2, 0.3], { target: '<= 0.07 s', pass: false })]);
  const block = readmeBlock(r, 'bench-results/x.json');
  const lines = block.split('\n').filter((l) => l.startsWith('- '));
  assert.deepEqual(lines, [
    '- `trees.gbc`: 0.200 s (0.100, 0.300, 3 runs); target <= 0.07 s (not met); XGBoost hist 1 thread 0.150 s (min 0.140, max 0.160, 3 runs), AUC 0.5467',
  ]);
  const readme = `# T\n\nbefore\n${README_BEGIN}\nold figures\n${README_END}\nafter\n`;
  const out = replaceReadmeBlock(readme, block);
  assert.ok(out.startsWith(`# T\n\nbefore\n${README_BEGIN}\n`));
  assert.ok(out.endsWith(`\n${README_END}\nafter\n`));
  assert.ok(!out.includes('old figures'));
  assert.equal(replaceReadmeBlock(out, block), out);
  assert.throws(() => replaceReadmeBlock('# no markers', block), /markers not found/);
});

test('compare relative to the reference workload: a slower machine is not slower code', () => {
  const withRef = (f, refMs) => ({ ...f, refMs });
  const before = run([
    withRef(fig('trees.gbc', 's', [0.19, 0.2, 0.2, 0.2, 0.21]), 10),
    withRef(fig('backtest.simulate', 'M bars/s', [9.5, 10, 10, 10, 10.5]), 10),
    withRef(fig('features.one-symbol', 'ms', [10, 10, 10, 10, 10]), 10),
    fig('data.decode', 'ms', [50, 50, 50, 50, 50]),
  ]);
  const after = run([
    // twice the time on a machine twice as slow: the same code speed
    withRef(fig('trees.gbc', 's', [0.39, 0.4, 0.4, 0.4, 0.41]), 20),
    withRef(fig('backtest.simulate', 'M bars/s', [4.75, 5, 5, 5, 5.25]), 20),
    // the same time on a machine twice as slow: faster code
    withRef(fig('features.one-symbol', 'ms', [10, 10, 10, 10, 10]), 20),
    // only one run has the reference: raw figures compared
    withRef(fig('data.decode', 'ms', [100, 100, 100, 100, 100]), 20),
  ]);
  const rows = Object.fromEntries(compareRuns(before, after).map((r) => [r.id, r]));
  assert.equal(rows['trees.gbc'].verdict, 'within noise');
  assert.equal(rows['trees.gbc'].changePct, 100);
  assert.ok(Math.abs(rows['trees.gbc'].relChangePct) < 1e-9);
  assert.equal(rows['backtest.simulate'].verdict, 'within noise');
  assert.equal(rows['features.one-symbol'].verdict, 'faster');
  assert.equal(rows['features.one-symbol'].relChangePct, -50);
  assert.equal(rows['data.decode'].verdict, 'slower');
  assert.equal(rows['data.decode'].relChangePct, undefined);
});

test('the features step gives a README line per figure: fresh output with its target, reused buffers without', () => {
  const r = {
    ...run([]),
    steps: {
      features: [
        { ...fig('features.one-symbol', 'ms', [20, 25, 30]), target: '< 10 ms', pass: false },
        fig('features.one-symbol.reused', 'ms', [7, 8, 9]),
      ],
    },
  };
  assert.deepEqual(
    figuresOf(r).map((f) => f.id),
    ['features.one-symbol', 'features.one-symbol.reused'],
  );
  const lines = readmeBlock(r, 'x.json')
    .split('\n')
    .filter((l) => l.startsWith('- '));
  assert.deepEqual(lines, [
    '- `features.one-symbol`: 25.0 ms (20.0, 30.0, 3 runs); target < 10 ms (not met)',
    '- `features.one-symbol.reused`: 8.00 ms (7.00, 9.00, 3 runs)',
  ]);
});
