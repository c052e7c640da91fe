// Golden values from fixtures/reference.py (numpy, scipy, statsmodels; its output committed as
// fixtures/reference.json): exact where the computation is deterministic, within Monte-Carlo
// tolerance where both sides resample (different random streams).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optimalBlockLength } from './block-length';
import { delongTest } from './delong';
import { dieboldMariano, forecastLoss } from './diebold-mariano';
import { PAIRED_STATISTICS, pairedBootstrap } from './paired-bootstrap';
import { sharpeDiffHac } from './sharpe-hac';
import { spaTest } from './spa';
import { trackRecord } from './track-record';

interface Ref {
  a: number[];
  b: number[];
  bars_per_year: number;
  block_length: number;
  bootstrap: Record<string, { estimate: number; se: number; lo: number; hi: number }>;
  ledoit_wolf: { diff: number; se: number; p_value: number; lag: number };
  y: number[];
  p1: number[];
  p2: number[];
  diebold_mariano: { horizon: number; lag: number; mean_diff: number; statistic: number; p_value: number };
  delong: { auc_a: number; auc_b: number; diff: number; se: number; p_value: number };
  spa_benchmark: number[];
  spa_strategies: number[][];
  spa: {
    block_length: number;
    statistic: number;
    p_consistent: number;
    p_lower: number;
    p_upper: number;
    best: number;
  };
  track_record: {
    sharpe: number;
    skew: number;
    kurtosis: number;
    psr: number;
    psr_benchmark: number;
    benchmark: number;
    min_track_record: number;
  };
}

const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as Ref;
const a = Float64Array.from(ref.a);
const b = Float64Array.from(ref.b);
const rel = (x: number, y: number, tol: number) =>
  expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * Math.abs(y));

describe('statistics against the Python reference', () => {
  it('Politis-White block length', () => {
    expect(optimalBlockLength(Float64Array.from(a, (v, i) => v - b[i]))).toBe(ref.block_length);
  });

  it('paired stationary bootstrap: estimates exact, intervals within Monte-Carlo tolerance', () => {
    const r = pairedBootstrap(a, b, { barsPerYear: ref.bars_per_year, resamples: 2000, seed: 1 });
    expect(r.block_length).toBe(ref.block_length);
    for (const name of PAIRED_STATISTICS) {
      const want = ref.bootstrap[name];
      const got = r.stats[name];
      rel(got.estimate, want.estimate, 1e-9);
      rel(got.se, want.se, 0.1);
      expect(Math.abs(got.lo - want.lo)).toBeLessThan(0.25 * want.se);
      expect(Math.abs(got.hi - want.hi)).toBeLessThan(0.25 * want.se);
    }
  });

  it('Ledoit-Wolf HAC test of the Sharpe difference', () => {
    const r = sharpeDiffHac(a, b);
    expect(r.lag).toBe(ref.ledoit_wolf.lag);
    rel(r.diff, ref.ledoit_wolf.diff, 1e-9);
    rel(r.se, ref.ledoit_wolf.se, 1e-9);
    rel(r.p_value, ref.ledoit_wolf.p_value, 1e-8);
  });

  it('Diebold-Mariano on log-loss with overlapping horizons', () => {
    const y = Float64Array.from(ref.y);
    const dm = dieboldMariano(
      forecastLoss(ref.p1, y, 'log_loss'),
      forecastLoss(ref.p2, y, 'log_loss'),
      ref.diebold_mariano.horizon,
    );
    expect(dm.lag).toBe(ref.diebold_mariano.lag);
    rel(dm.mean_diff, ref.diebold_mariano.mean_diff, 1e-9);
    rel(dm.statistic, ref.diebold_mariano.statistic, 1e-9);
    rel(dm.p_value, ref.diebold_mariano.p_value, 1e-6);
  });

  it("DeLong's test of two correlated AUCs", () => {
    const r = delongTest(ref.p1, ref.p2, ref.y);
    for (const k of ['auc_a', 'auc_b', 'diff', 'se', 'p_value'] as const) rel(r[k], ref.delong[k], 1e-7);
  });

  it("Hansen's SPA p-values", () => {
    const r = spaTest(
      ref.spa_strategies.map((s) => Float64Array.from(s)),
      Float64Array.from(ref.spa_benchmark),
      {
        resamples: 2000,
        seed: 3,
      },
    );
    expect(r.block_length).toBe(ref.spa.block_length);
    expect(r.best).toBe(ref.spa.best);
    rel(r.statistic, ref.spa.statistic, 0.1);
    expect(Math.abs(r.p_consistent - ref.spa.p_consistent)).toBeLessThan(0.05);
    expect(Math.abs(r.p_lower - ref.spa.p_lower)).toBeLessThan(0.05);
    expect(Math.abs(r.p_upper - ref.spa.p_upper)).toBeLessThan(0.05);
    expect(r.p_lower).toBeLessThanOrEqual(r.p_consistent);
    expect(r.p_consistent).toBeLessThanOrEqual(r.p_upper);
  });

  it('probabilistic Sharpe ratio and minimum track record length', () => {
    const t = ref.track_record;
    const r0 = trackRecord(a);
    rel(r0.sharpe, t.sharpe, 1e-9);
    rel(r0.skew, t.skew, 1e-9);
    rel(r0.kurtosis, t.kurtosis, 1e-9);
    rel(r0.psr, t.psr, 1e-9);
    const rb = trackRecord(a, t.benchmark);
    rel(rb.psr, t.psr_benchmark, 1e-9);
    rel(rb.min_track_record, t.min_track_record, 1e-7);
  });
});
