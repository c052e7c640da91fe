// The assembled run and its artifacts on the real sample: byte-identical report.json for the
// same request (apart from the clock's keys), costs flowing through the pipeline, the seed's
// result names, CSV files consistent with the result, the portfolio of two symbols, and the
// regression path.
import { beforeAll, describe, expect, it } from 'vitest';
import { combineSleeves, sleeveOf } from '../backtest/portfolio';
import { buildArtifacts, grossExposure, VOLATILE_REPORT_KEYS } from './artifacts';
import { runWalkForward } from './run';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';
import type { WalkForwardResult } from './types';

const DATASET = {
  id: 'sample/binance-ohlcv-1h-btc-eth',
  revision: 'main',
  commit: 'abc123',
  hubUrl: null,
  files: [],
};

function stable(report: string): string {
  const o = JSON.parse(report) as Record<string, unknown>;
  for (const k of VOLATILE_REPORT_KEYS) delete o[k];
  return JSON.stringify(o);
}

describe('walk-forward report', () => {
  const btc = sampleSlice('BTC/USDT', 4200);
  const eth = sampleSlice('ETH/USDT', 4200);
  const request = smallGbcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'] });
  let a: WalkForwardResult;
  let b: WalkForwardResult;
  beforeAll(async () => {
    a = await runWalkForward({ request, bars: [btc, eth], dataset: DATASET, appVersion: 'test' });
    b = await runWalkForward({
      request,
      bars: [btc, eth],
      dataset: DATASET,
      appVersion: 'test',
      now: () => Date.now() + 3_600_000,
    });
  });

  it('gross exposure is combineSleeves over sleeves of |exposure|, bit for bit', () => {
    const reference = combineSleeves(
      a.per_symbol.map((p) => ({ ...sleeveOf(p.simulation), position: p.simulation.position.map(Math.abs) })),
    ).position;
    const gross = grossExposure(a);
    expect(gross.length).toBe(reference.length);
    expect(gross.some((x) => x > 0)).toBe(true);
    for (let i = 0; i < gross.length; i++) if (!Object.is(gross[i], reference[i])) expect.fail(`bar ${i}`);
  });

  it('is byte-identical for the same request apart from created_at, the ids and timings', () => {
    const fa = buildArtifacts(a);
    const fb = buildArtifacts(b);
    expect(fa['report.json']).not.toBe(fb['report.json']); // different clocks ...
    expect(stable(fa['report.json'])).toBe(stable(fb['report.json'])); // ... same everything else
    expect(fa['equity_curve.csv']).toBe(fb['equity_curve.csv']);
    expect(fa['trades.csv']).toBe(fb['trades.csv']);
    const report = JSON.parse(fa['report.json']) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        ...VOLATILE_REPORT_KEYS,
        'config',
        'dataset',
        'plan',
        'folds',
        'per_symbol',
        'metric_definitions',
      ]),
    );
    expect(report.dataset).toEqual(DATASET);
    expect(report.run_id).toMatch(/^backtest_\d{8}_\d{6}$/);
  });

  it("reports the seed's result names, per symbol and per fold", () => {
    const keys = [
      'total_return_pct',
      'sharpe_ratio',
      'sharpe_daily',
      'sortino',
      'calmar',
      'cagr_pct',
      'max_drawdown_pct',
      'max_drawdown_duration',
      'win_rate',
      'total_trades',
      'avg_trade_return_pct',
      'profit_factor',
      'expectancy',
      'exposure_pct',
      'turnover',
      'total_costs',
      'buy_and_hold_return_pct',
    ];
    expect(Object.keys(a.results)).toEqual(expect.arrayContaining(keys));
    expect(a.per_symbol.map((p) => p.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(a.folds).toHaveLength(a.plan.task_count);
    for (const f of a.folds) {
      expect(Object.keys(f.backtest)).toEqual(f.symbols);
      expect(f.model_metrics.auc).toBeGreaterThan(0.3);
    }
    // equal weight: each sleeve starts with half the capital; portfolio = sum of sleeves
    const [p, q] = a.per_symbol;
    expect(p.simulation.initialCapital).toBe(5000);
    expect(a.results.final_equity).toBeCloseTo(p.results.final_equity + q.results.final_equity, 6);
    expect(a.results.total_trades).toBe(p.results.total_trades + q.results.total_trades);
    expect(a.results.total_costs).toBeCloseTo(p.results.total_costs + q.results.total_costs, 6);
    // the out-of-sample model metrics cover every traded prediction
    expect(a.model_metrics.rows).toBe(a.folds.reduce((n, f) => n + f.test_rows, 0));
    expect(a.feature_importance.mean).not.toBeNull();
    const sum = Object.values(a.feature_importance.mean!).reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('writes CSVs that agree with the result', () => {
    const f = buildArtifacts(a);
    const eq = f['equity_curve.csv'].trim().split('\r\n');
    expect(eq[0]).toBe('timestamp,equity,drawdown,position,buy_and_hold_equity');
    expect(eq).toHaveLength(a.portfolio.curve.time.length + 1);
    const last = eq[eq.length - 1].split(',');
    expect(Number(last[1])).toBe(a.results.final_equity);
    const tr = f['trades.csv'].trim().split('\r\n');
    expect(tr).toHaveLength(a.results.total_trades + 1);
    const fees = tr.slice(1).reduce((s, line) => s + Number(line.split(',')[7]), 0);
    expect(fees).toBeCloseTo(a.results.total_fees, 6);
    const folds = new Set(tr.slice(1).map((line) => Number(line.split(',')[12])));
    expect([...folds].every((k) => k >= 0 && k < a.plan.fold_count)).toBe(true);
    const fi = JSON.parse(f['feature_importance.json']) as { features: string[]; per_fold: unknown[] };
    expect(fi.features).toHaveLength(19);
    expect(fi.per_fold).toHaveLength(a.plan.task_count);
  });

  it('charges fees and slippage through the pipeline: zero costs, same trades, higher returns', async () => {
    const free = await runWalkForward({
      request: { ...request, fees_bps: 0, slippage_bps: 0 },
      bars: [btc, eth],
    });
    expect(free.results.total_costs).toBe(0);
    expect(a.results.total_costs).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      const c = a.per_symbol[i];
      const z = free.per_symbol[i];
      expect(Array.from(z.target)).toEqual(Array.from(c.target)); // costs do not change decisions
      expect(z.results.total_trades).toBe(c.results.total_trades);
      expect(z.simulation.totals.fills).toBe(c.simulation.totals.fills);
      expect(z.results.total_return_pct).toBeGreaterThan(c.results.total_return_pct);
      // every fill pays (5 + 5) bps in a way consistent with its notional: fee = 5 bps of notional
      const fl = c.simulation.fills;
      for (let k = 0; k < fl.count; k++)
        expect(fl.fee[k]).toBeCloseTo(Math.abs(fl.quantity[k]) * fl.price[k] * 5e-4, 9);
    }
    expect(free.results.total_return_pct).toBeGreaterThan(a.results.total_return_pct);
  });

  it('runs a regression model with the round-trip hurdle', async () => {
    const r = await runWalkForward({
      request: smallGbcRequest({
        model: {
          model_id: null,
          kind: 'gbr',
          task: 'regression',
          target_horizon: 12,
          params: { n_estimators: 10 },
        },
      }),
      bars: [btc],
    });
    expect(r.model_metrics.ic).not.toBeUndefined();
    expect(r.request.hurdle).toBeCloseTo(0.002, 15); // the round-trip cost, written into report.json
    const p = r.per_symbol[0];
    for (let i = 0; i < p.signal.length; i++) {
      const long = p.signal[i] > (2 * (5 + 5)) / 1e4;
      expect(p.target[i]).toBe(long ? 1 : 0);
    }
  });
});
