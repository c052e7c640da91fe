// The comparison of stored runs: refusals that say why, the model tests on the rows both models
// predicted (skipped, with the reason, for runs saved without predictions.csv), and the report.
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import type { ArtifactRecord } from '../store/db';
import { buildArtifacts } from '../walkforward/artifacts';
import { runWalkForward } from '../walkforward/run';
import { sampleSlice, smallGbcRequest, smallSgdcRequest } from '../walkforward/test-utils/fixtures';
import { runOptimizeJob } from '../optimize/job';
import { compareSeries } from './compare';
import { runSeriesOf, type RunSeries } from './series';

const opts = { run_id: 'ab_test', created_at: '2025-01-01T00:00:00.000Z', app_version: 'test' };

/** A synthetic run (a made-up equity curve), for the refusals only. */
function syntheticRun(id: string, symbols: string[], startMs: number, bars: number): RunSeries {
  const time = Float64Array.from({ length: bars }, (_, i) => startMs + i * 3_600_000);
  return {
    run_id: id,
    kind: 'backtest',
    label: 'synthetic',
    symbols,
    time,
    returns: Float64Array.from(time, (_, i) => Math.sin(i) * 1e-3),
    buyAndHold: Float64Array.from(time, () => 0),
    model: null,
    predictions: null,
  };
}

describe('compareSeries refusals', () => {
  it('refuses runs on different symbols, naming both', () => {
    const a = syntheticRun('a', ['BTC/USDT'], 0, 100);
    const b = syntheticRun('b', ['ETH/USDT'], 0, 100);
    expect(() => compareSeries([a, b], opts)).toThrow(InputError);
    expect(() => compareSeries([a, b], opts)).toThrow(/a trades BTC\/USDT but b trades ETH\/USDT/);
  });

  it('refuses runs whose test windows do not overlap, with their spans', () => {
    const a = syntheticRun('a', ['BTC/USDT'], 0, 100);
    const b = syntheticRun('b', ['BTC/USDT'], 200 * 3_600_000, 100);
    let err: unknown;
    try {
      compareSeries([a, b], opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('run_ids');
    expect((err as InputError).message).toMatch(
      /share 0 out-of-sample bar\(s\).*do not overlap \(a: 1970-01-01 00:00 to/,
    );
  });
});

describe('compareSeries on two real backtests (gbc vs sgdc on the sample)', () => {
  let gbc: ArtifactRecord;
  let sgdc: ArtifactRecord;
  beforeAll(async () => {
    const bars = [sampleSlice('BTC/USDT', 4200)];
    const record = async (
      id: string,
      r: Awaited<ReturnType<typeof runWalkForward>>,
    ): Promise<ArtifactRecord> => ({
      id,
      kind: 'backtest',
      createdAt: 0,
      summary: {},
      files: { ...buildArtifacts({ ...r, run_id: id }) },
    });
    gbc = await record('gbc_run', await runWalkForward({ request: smallGbcRequest(), bars }));
    sgdc = await record(
      'sgdc_run',
      await runWalkForward({ request: smallSgdcRequest({ online: false }), bars }),
    );
  }, 60_000);

  it('tests the Sharpe difference, the forecasts and SPA, with a verdict', () => {
    const rep = compareSeries([runSeriesOf(gbc), runSeriesOf(sgdc)], {
      ...opts,
      settings: { resamples: 500 },
    });
    expect(rep.common.bars).toBeGreaterThan(1000);
    expect(rep.common.bar_ms).toBe(3_600_000);
    expect(rep.pairs).toHaveLength(1);
    const p = rep.pairs[0];
    expect(p.a).toBe(1);
    expect(p.bootstrap.stats.sharpe_diff.lo).toBeLessThanOrEqual(p.bootstrap.stats.sharpe_diff.hi);
    expect(typeof p.model).toBe('object');
    if (typeof p.model === 'string') return;
    expect(p.model.loss).toBe('log_loss');
    expect(p.model.rows).toBeGreaterThan(1000);
    expect(p.model.diebold_mariano.lag).toBeGreaterThanOrEqual(11); // horizon 12
    expect(p.model.delong?.auc_a).toBeGreaterThan(0.3);
    expect(p.verdict).toMatch(
      /^(sgdc_run is better|gbc_run is better|Neither is shown better)\. sgdc_run vs gbc_run: Sharpe /,
    );
    expect(rep.spa?.benchmark).toBe('buy_and_hold');
    // the model confidence set holds at least the last run left, named by its run id
    expect(rep.mcs?.p_values).toHaveLength(2);
    expect(rep.mcs?.included_runs.length).toBeGreaterThanOrEqual(1);
    expect(rep.mcs?.included_runs).toEqual(rep.mcs?.included.map((k) => rep.runs[k].run_id));
    expect(rep.runs.map((r) => r.track_record.psr).every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(rep.definitions.ledoit_wolf).toMatch(/Ledoit & Wolf/);
    expect(JSON.parse(JSON.stringify(rep))).toBeTruthy();
  });

  it('skips the model tests of a run saved before predictions.csv, and says so', () => {
    const { 'predictions.csv': _dropped, ...files } = gbc.files;
    const legacy = { ...gbc, files };
    const rep = compareSeries([runSeriesOf(legacy), runSeriesOf(sgdc)], {
      ...opts,
      settings: { resamples: 200 },
    });
    expect(rep.pairs[0].model).toMatch(/gbc_run kept no predictions\.csv/);
    expect(rep.pairs[0].bootstrap.n).toBe(rep.common.bars);
  });

  it('refuses an A/B report as a run', () => {
    expect(() => runSeriesOf({ ...gbc, kind: 'ab' })).toThrow(/is an A\/B report, not a run/);
  });
});

describe('an optimizer run against a backtest (same symbol, overlapping test windows)', () => {
  it('compares them on returns and says the model tests do not apply', async () => {
    const bars = sampleSlice('BTC/USDT', 4200);
    const bt = await runWalkForward({ request: smallGbcRequest(), bars: [bars] });
    const opt = await runOptimizeJob({
      request: {
        symbol: 'BTC/USDT',
        signal_names: ['rsi', 'macd'],
        objective: 'sharpe',
        constraints: {},
        optimize_thresholds: true,
        buy_threshold: 0,
        sell_threshold: 0,
        fees_bps: 5,
        slippage_bps: 5,
        population: 6,
        generations: 2,
        seed: 1,
        train_window: '1500',
        test_window: '500',
      },
      bars,
      dataset: { id: 'sample' },
      appVersion: 'test',
    });
    const rec = (
      id: string,
      kind: ArtifactRecord['kind'],
      files: Record<string, string>,
    ): ArtifactRecord => ({
      id,
      kind,
      createdAt: 0,
      summary: {},
      files,
    });
    const o = runSeriesOf(rec('opt', 'optimize', opt.files));
    expect(o.symbols).toEqual(['BTC/USDT']);
    expect(o.label).toBe('optimizer on BTC/USDT');
    const rep = compareSeries([runSeriesOf(rec('bt', 'backtest', buildArtifacts(bt))), o], {
      ...opts,
      settings: { resamples: 200, spa_resamples: 100 },
    });
    expect(rep.common.bars).toBeGreaterThan(1000);
    expect(rep.pairs[0].model).toMatch(/only backtests of a model/);
    expect(rep.spa?.best_run).toMatch(/^(bt|opt)$/);
  }, 60_000);
});
