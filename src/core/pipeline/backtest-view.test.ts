import { describe, expect, it } from 'vitest';
import { buildArtifacts, runWalkForward } from '../walkforward';
import { sampleSlice, smallGbcRequest } from '../walkforward/test-utils/fixtures';
import { backtestView } from './backtest-view';

describe('backtest view from the artifact files (real sample)', () => {
  it('rebuilds the equity curve, trades and report exactly as the run produced them', async () => {
    const bars = sampleSlice('BTC/USDT', 12_000);
    const result = await runWalkForward({ request: smallGbcRequest(), bars: [bars] });
    const files = buildArtifacts(result) as unknown as Record<string, string>;
    const view = backtestView({
      runId: result.run_id,
      files,
      barsOf: (s) => (s === 'BTC/USDT' ? bars : undefined),
    });

    const curve = result.portfolio.curve;
    expect(view.equity.time).toEqual(Array.from(curve.time));
    expect(view.equity.equity).toEqual(Array.from(curve.equity));
    expect(view.trades.length).toBe(result.results.total_trades);
    const pnl = view.trades.reduce((s, t) => s + t.pnl, 0);
    expect(pnl).toBeCloseTo(result.results.total_return, 6);
    expect((view.report.results as { total_return_pct: number }).total_return_pct).toBe(
      result.results.total_return_pct,
    );
    // prices for the trade markers cover the run's span, from the loaded bars
    const p = view.prices['BTC/USDT'];
    expect(p.time[0]).toBeLessThanOrEqual(view.equity.time[0]);
    expect(p.time.at(-1)).toBeGreaterThanOrEqual(view.equity.time.at(-1)! - 6 * 3_600_000);
    expect(view.files.sort()).toEqual([
      'equity_curve.csv',
      'feature_importance.json',
      'report.json',
      'trades.csv',
    ]);
  });

  it('works without bars (a run opened when its dataset is not loaded): no price chart', async () => {
    const result = await runWalkForward({
      request: smallGbcRequest(),
      bars: [sampleSlice('BTC/USDT', 12_000)],
    });
    const view = backtestView({
      runId: result.run_id,
      files: buildArtifacts(result) as unknown as Record<string, string>,
    });
    expect(view.prices).toEqual({});
    expect(view.trades.length).toBe(result.results.total_trades);
  });
});
