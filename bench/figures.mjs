/**
 * The benchmark's figures as one flat list, read back from a run's JSON (bench-results/*.json):
 * the comparison of two runs (which figures moved beyond their noise) and the README block (one
 * line per figure, written between markers, never typed by hand). Pure functions; run.mjs and
 * readme.mjs call them, figures.test.mjs tests them (`node --test bench/`).
 *
 * A figure: { id, unit, median, min, max, reps, ci95: [lo, hi], target?, pass?, anchor? }.
 * ci95 is the 95% interval of the median (workers/bench-api.ts medianInterval); figures of runs
 * written before it existed fall back to [best, median] (or [min, max] when present).
 */

/** The memory figure's target: peak RSS growth of a 1M-row load at most this many times its raw columns. */
export const MEMORY_TARGET = 1.5;

/** Units where a larger number is better (throughputs); every other figure is a time or a size. */
export const higherIsBetter = (unit) => /\/s$/.test(unit ?? '');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** 95% interval of the median from order statistics; [min, max] under 5 samples. */
export function medianInterval(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n < 5) return [s[0], s[n - 1]];
  const half = 0.98 * Math.sqrt(n);
  return [s[Math.max(0, Math.floor(n / 2 - half))], s[Math.min(n - 1, Math.ceil(n / 2 + half) - 1)]];
}

/** A figure from raw samples (the harness's own measurements: walk-forward runs, anchors). */
export function figureFromSamples(id, unit, samples, extra = {}) {
  return {
    id,
    unit,
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    reps: samples.length,
    ci95: medianInterval(samples),
    ...extra,
  };
}

function normalise(f) {
  const min = f.min ?? Math.min(f.best, f.median);
  const max = f.max ?? Math.max(f.best, f.median);
  return { ...f, min, max, ci95: f.ci95 ?? [min, max] };
}

/** What the Python anchor of a figure is, in words (the anchors of the same run). */
export function anchorOf(anchors, id) {
  const a = anchors?.fold1;
  if (!a) return anchors?.skipped ? 'skipped' : '';
  const fmtA = (m, label) => {
    const x = a[m];
    if (!x) return '';
    if (x.error) return `${label}: error`;
    const runs = x.runs > 1 ? ` (min ${fmt(x.min)}, max ${fmt(x.max)}, ${x.runs} runs)` : '';
    return `${label} ${fmt(x.fitSeconds)} s${runs}, AUC ${x.auc}`;
  };
  if (id === 'trees.gbc')
    return [fmtA('gbc', 'sklearn GBC'), fmtA('xgb', 'XGBoost hist 1 thread')].filter(Boolean).join('; ');
  if (id.startsWith('trees.rfc')) return fmtA('rfc', 'sklearn RF n_jobs=1');
  if (id === 'linear.sgdc.fold1') return fmtA('sgdc', 'sklearn SGDClassifier');
  return '';
}

/** Every figure of a run's JSON, in report order. */
export function figuresOf(result) {
  const s = result.steps ?? {};
  const out = [];
  for (const step of ['data', 'features', 'trees', 'simulate', 'optimize']) {
    for (const f of Array.isArray(s[step]) ? s[step] : []) out.push(normalise(f));
  }
  if (s.tf?.partialFit) out.push(normalise(s.tf.partialFit));
  for (const r of Array.isArray(s.walkforward) ? s.walkforward : []) {
    // runs written with first_seconds: the first run (cold workers) is a figure of its own and the
    // target figure is the median of the runs after it; older runs: every run in the one figure
    const id = `walkforward.${r.kind}${r.online ? '.online' : ''}`;
    const all = r.runs?.map((x) => x.seconds) ?? [r.seconds];
    const split = r.first_seconds !== undefined && all.length > 1;
    const samples = split ? all.slice(1) : all;
    out.push({
      ...figureFromSamples(id, 's', samples),
      target: r.target,
      pass:
        r.target === undefined
          ? undefined
          : median(samples) < Number(String(r.target).replace(/[^0-9.]/g, '')),
    });
    if (split) out.push(figureFromSamples(`${id}.first`, 's', [all[0]]));
  }
  if (s.memory?.rss) {
    // every run of the memory step (--memory-reps), each with its own file and baseline
    const ratios = (s.memory.runs ?? [s.memory])
      .filter((r) => r.rss)
      .map((r) => r.rss.peakGrowth / r.prep.rawColumnarBytes);
    const f = figureFromSamples('memory.peak-rss-ratio', 'x raw', ratios);
    out.push({ ...f, target: `<= ${MEMORY_TARGET}x`, pass: f.median <= MEMORY_TARGET });
  }
  for (const f of out) f.anchor = anchorOf(result.anchors, f.id);
  return out;
}

/**
 * A figure in units of its run's reference workload (refMs, timed in the same worker around it):
 * times divided by refMs, throughputs multiplied by it, so that a machine that is twice as loaded
 * gives the same number. Without refMs the figure as is.
 */
function relative(f) {
  const r = f.refMs;
  if (!(r > 0)) return { median: f.median, ci95: f.ci95, relative: false };
  const k = higherIsBetter(f.unit) ? r : 1 / r;
  return { median: f.median * k, ci95: [f.ci95[0] * k, f.ci95[1] * k], relative: true };
}

/**
 * Figures of `after` against `before`: 'faster' / 'slower' when the two 95% intervals of the
 * median do not overlap (better / worse by the unit's direction), 'within noise' when they do,
 * 'new' / 'gone' when only one run has it. When both runs timed the reference workload around
 * the figure, the intervals compared are relative to it (see relative()); changePct is the raw
 * change, relChangePct the change relative to the reference.
 */
export function compareRuns(before, after) {
  const a = new Map(figuresOf(before).map((f) => [f.id, f]));
  const b = new Map(figuresOf(after).map((f) => [f.id, f]));
  const rows = [];
  for (const [id, nf] of b) {
    const of = a.get(id);
    if (!of) {
      rows.push({ id, unit: nf.unit, after: nf.median, verdict: 'new' });
      continue;
    }
    const changePct = ((nf.median - of.median) / of.median) * 100;
    let o = relative(of);
    let n = relative(nf);
    if (o.relative !== n.relative) {
      o = { median: of.median, ci95: of.ci95, relative: false };
      n = { median: nf.median, ci95: nf.ci95, relative: false };
    }
    const apart = n.ci95[0] > o.ci95[1] || n.ci95[1] < o.ci95[0];
    let verdict = 'within noise';
    if (apart) {
      const up = n.median > o.median;
      verdict = up === higherIsBetter(nf.unit) ? 'faster' : 'slower';
    }
    rows.push({
      id,
      unit: nf.unit,
      before: of.median,
      beforeCi: of.ci95,
      beforeReps: of.reps,
      after: nf.median,
      afterCi: nf.ci95,
      afterReps: nf.reps,
      changePct,
      ...(n.relative
        ? { relChangePct: ((n.median - o.median) / o.median) * 100, beforeRef: of.refMs, afterRef: nf.refMs }
        : {}),
      verdict,
    });
  }
  for (const [id, of] of a)
    if (!b.has(id)) rows.push({ id, unit: of.unit, before: of.median, verdict: 'gone' });
  return rows;
}

export const fmt = (v) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v ?? '');
  const x = Math.abs(v);
  if (x >= 1000) return Math.round(v).toLocaleString('en-US');
  return x >= 10
    ? v.toFixed(1)
    : x >= 1
      ? v.toFixed(2)
      : x >= 0.01 || x === 0
        ? v.toFixed(3)
        : v.toPrecision(2);
};

/** Markdown table of compareRuns' rows. */
export function compareTable(rows, beforeName, afterName) {
  const ci = (c) => (c ? `${fmt(c[0])}..${fmt(c[1])}` : '');
  const cell = (v, c, reps) => (v === undefined ? '' : c ? `${fmt(v)} (${ci(c)}, ${reps ?? '?'})` : fmt(v));
  const pct = (x) => (x === undefined ? '' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`);
  const lines = [
    `Against ${beforeName} (before) -> ${afterName} (after). Moved = the 95% intervals of the two medians do not overlap, ` +
      'taken relative to the reference workload timed around each figure when both runs have it (a change of machine load is not a change of code).',
    '',
    '| figure | unit | before median (95% CI, runs) | after median (95% CI, runs) | change | reference ms before -> after | change vs reference | verdict |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.id} | ${r.unit} | ${cell(r.before, r.beforeCi, r.beforeReps)} | ${cell(r.after, r.afterCi, r.afterReps)} | ${pct(r.changePct)} | ${r.beforeRef ? `${fmt(r.beforeRef)} -> ${fmt(r.afterRef)}` : ''} | ${pct(r.relChangePct)} | ${r.verdict === 'faster' || r.verdict === 'slower' ? `**${r.verdict}**` : r.verdict} |`,
    );
  return lines.join('\n');
}

export const README_BEGIN = '<!-- bench:begin (generated by `node bench/readme.mjs FILE`; do not edit) -->';
export const README_END = '<!-- bench:end -->';

/** The README lines of a run: a header line, then one line per figure. */
export function readmeBlock(result, jsonName) {
  const m = result.machine ?? {};
  const lines = [
    `Figures of the run of ${result.startedAt} (${jsonName}): ${m.cpu ?? '?'}, ${m.cores ?? '?'} cores, ` +
      `load average ${(m.loadAvgAtStart ?? []).join('/')} at the start, Chromium ${m.chromium ?? '?'}. ` +
      'Median (min, max, runs); the anchors ran in the same run.',
    '',
  ];
  for (const f of figuresOf(result)) {
    const target = f.target
      ? `; target ${f.target}${f.pass === undefined ? '' : f.pass ? ' (met)' : ' (not met)'}`
      : '';
    const anchor = f.anchor ? `; ${f.anchor}` : '';
    lines.push(
      `- \`${f.id}\`: ${fmt(f.median)} ${f.unit} (${f.reps === 1 ? '1 run' : `${fmt(f.min)}, ${fmt(f.max)}, ${f.reps} runs`})${target}${anchor}`,
    );
  }
  return lines.join('\n');
}

/** README text with the block between the markers replaced; throws when the markers are missing. */
export function replaceReadmeBlock(readme, block) {
  const i = readme.indexOf(README_BEGIN);
  const j = readme.indexOf(README_END);
  if (i < 0 || j < i) throw new Error(`README markers not found: ${README_BEGIN} ... ${README_END}`);
  // blank lines around the block, as prettier formats markdown, so a written README stays formatted
  return `${readme.slice(0, i + README_BEGIN.length)}\n\n${block.trimEnd()}\n\n${readme.slice(j)}`;
}
