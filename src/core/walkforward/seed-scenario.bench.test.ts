// The seed's walk-forward scenario on the real sample, timed and printed beside the seed's own
// stack (Python + scikit-learn, ../shared/anchors/seed_reference.py, run once on this machine):
//   /usr/bin/python3 seed_reference.py .../csv/BTCUSDT_1h.csv --model gbc
// gave ANCHOR_GBC_BTC below (sklearn 1.2.1 GradientBoostingClassifier, fills at the close, the
// seed's vectorised cost arithmetic; wall 1,015 s for 40 fits with the machine shared and
// loaded, the issue quotes ~210 s unloaded). Our gbc is histogram boosting (XGBoost-like) and
// our accounting is per fill, so the numbers are not expected to be equal; the fold plan is
// (40 folds, 28,800 test rows). Ours on the same plan, for the record (same machine, loaded):
// OOS AUC 0.5337, accuracy 0.5247, total return 20.47 %, Sharpe 0.374, max drawdown -61.35 %,
// 465 trades, ~10 s of CPU.
//
// In the suite: the plan (40 folds) and the first FOLDS_IN_SUITE folds, each fold's AUC printed
// beside the anchor's. With WF_BENCH=1: all 40 BTC folds beside the anchor's totals, both
// symbols gbc (~80 folds; target < 10 s with the 2-worker pool, <= ~16 s on one thread) and
// sgdc with online learning over the same plan (target < 20 s).
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { planWalkForward } from './plan';
import { runWalkForward } from './run';
import type { WalkForwardRequest, WalkForwardResult } from './types';

/** seed_reference.py --model gbc on BTCUSDT_1h.csv (this machine). */
const ANCHOR_GBC_BTC = {
  folds: 40,
  oos_auc: 0.5308,
  oos_accuracy: 0.5216,
  total_return_pct: 24.45,
  sharpe: 0.392,
  max_drawdown_pct: -61.65,
  trades: 460,
  win_rate: 0.452,
  fold_auc: [
    0.5293, 0.5916, 0.4932, 0.5411, 0.6353, 0.4967, 0.4568, 0.5351, 0.5337, 0.5044, 0.5216, 0.547, 0.4976,
    0.5483, 0.5323, 0.5955, 0.5367, 0.4434, 0.5407, 0.5949, 0.5813, 0.5373, 0.516, 0.5502, 0.5264, 0.511,
    0.5365, 0.5049, 0.4724, 0.4995, 0.5567, 0.6008, 0.5647, 0.4977, 0.5039, 0.4942, 0.5403, 0.5684, 0.5359,
    0.5975,
  ],
};

/** seed_reference.py --model sgdc --online on BTCUSDT_1h.csv (this machine; wall 31.6 s, fit 4.1 s). */
const ANCHOR_SGDC_ONLINE_BTC = {
  oos_auc: 0.4958,
  oos_accuracy: 0.5023,
  total_return_pct: -85.19,
  sharpe: -1.026,
  max_drawdown_pct: -91.19,
  trades: 719,
};

const FOLDS_IN_SUITE = 6;
const FULL = process.env.WF_BENCH === '1';

function seedRequest(symbols: string[], over: Partial<WalkForwardRequest> = {}): WalkForwardRequest {
  return {
    model: { model_id: null, kind: 'gbc', task: 'classification', target_horizon: 12 },
    symbols,
    train_window: '365d',
    test_window: '30d',
    warmup: 'seed',
    fill: 'close',
    strict_thresholds: true,
    ...over,
  };
}

function machine(): string {
  return `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/')}`;
}

async function timed(req: WalkForwardRequest): Promise<{ r: WalkForwardResult; wall: number }> {
  const bars = req.symbols.map((s) => loadSampleBars(s as 'BTC/USDT' | 'ETH/USDT'));
  const t0 = performance.now();
  const r = await runWalkForward({ request: req, bars });
  return { r, wall: (performance.now() - t0) / 1000 };
}

function line(name: string, r: WalkForwardResult, wall: number): string {
  const m = r.model_metrics;
  return (
    `${name}: ${r.plan.task_count} fold fits, OOS AUC ${m.auc?.toFixed(4)} acc ${m.accuracy?.toFixed(4)}, ` +
    `total return ${r.results.total_return_pct.toFixed(2)}%, sharpe ${r.results.sharpe_ratio.toFixed(3)}, ` +
    `max dd ${r.results.max_drawdown_pct.toFixed(2)}%, trades ${r.results.total_trades}; ` +
    `wall ${wall.toFixed(2)} s (plan ${r.timings.plan_s.toFixed(2)}, fit ${r.timings.fit_s.toFixed(2)}, ` +
    `assemble ${r.timings.assemble_s.toFixed(2)}) on ${machine()}`
  );
}

describe('the seed scenario (365d / 30d, h 12, gbc)', () => {
  it(`BTC: 40 folds planned, the first ${FOLDS_IN_SUITE} run and printed beside the Python anchor`, async () => {
    const btc = loadSampleBars('BTC/USDT');
    expect(planWalkForward(seedRequest(['BTC/USDT']), [btc]).summary.fold_count).toBe(ANCHOR_GBC_BTC.folds);
    const { r, wall } = await timed(seedRequest(['BTC/USDT'], { max_folds: FOLDS_IN_SUITE }));
    console.log(line(`ours   gbc BTC, first ${FOLDS_IN_SUITE} folds`, r, wall));
    const ours = r.folds.map((f) => f.model_metrics.auc ?? NaN);
    const theirs = ANCHOR_GBC_BTC.fold_auc.slice(0, FOLDS_IN_SUITE);
    console.log(`fold AUC ours   ${ours.map((v) => v.toFixed(4)).join(' ')}`);
    console.log(`fold AUC anchor ${theirs.map((v) => v.toFixed(4)).join(' ')}`);
    expect(r.model_metrics.rows).toBe(FOLDS_IN_SUITE * 720);
    // the same rows, a different (histogram) booster: per-fold AUCs close to sklearn's, not equal
    const meanGap = ours.reduce((s, v, k) => s + Math.abs(v - theirs[k]), 0) / FOLDS_IN_SUITE;
    expect(meanGap).toBeLessThan(0.03);
    expect(wall).toBeLessThan(60); // lenient: the CI machine is small and shared
  });

  it.runIf(FULL)('BTC: all 40 folds beside the anchor', async () => {
    const { r, wall } = await timed(seedRequest(['BTC/USDT']));
    console.log(line('ours   gbc BTC', r, wall));
    console.log(`anchor gbc BTC: ${JSON.stringify({ ...ANCHOR_GBC_BTC, fold_auc: undefined })}`);
    expect(r.model_metrics.rows).toBe(40 * 720);
    // out-of-sample AUC of an honest walk-forward on hourly crypto: barely above a coin flip
    expect(r.model_metrics.auc).toBeGreaterThan(0.5);
    expect(Math.abs(r.model_metrics.auc! - ANCHOR_GBC_BTC.oos_auc)).toBeLessThan(0.02);
  });

  it.runIf(FULL)('both symbols, gbc: about 80 folds (target <= ~16 s on one thread)', async () => {
    const { r, wall } = await timed(seedRequest(['BTC/USDT', 'ETH/USDT']));
    console.log(line('ours   gbc BTC+ETH', r, wall));
    expect(r.plan.task_count).toBe(80);
  });

  it.runIf(FULL)('both symbols, sgdc with online learning (target < 20 s)', async () => {
    const { r, wall } = await timed(
      seedRequest(['BTC/USDT', 'ETH/USDT'], {
        model: { model_id: null, kind: 'sgdc', task: 'classification', target_horizon: 12 },
        online: true,
      }),
    );
    console.log(line('ours   sgdc online BTC+ETH', r, wall));
    const btc = r.per_symbol[0];
    console.log(
      `ours   sgdc online BTC: OOS AUC ${btc.model_metrics.auc?.toFixed(4)} acc ${btc.model_metrics.accuracy?.toFixed(4)}, ` +
        `total return ${btc.results.total_return_pct.toFixed(2)}%, sharpe ${btc.results.sharpe_ratio.toFixed(3)}, ` +
        `max dd ${btc.results.max_drawdown_pct.toFixed(2)}%, trades ${btc.results.total_trades}; ` +
        `online loop ${r.timings.per_fold.reduce((s, f) => s + f.predict_s, 0).toFixed(2)} s`,
    );
    console.log(`anchor sgdc online BTC: ${JSON.stringify(ANCHOR_SGDC_ONLINE_BTC)}`);
    expect(r.folds.every((f) => f.online_updates === 720 - 12)).toBe(true);
  });
});
