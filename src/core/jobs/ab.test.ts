// The A/B jobs from request to a stored 'ab' run (Node, fake-indexeddb, the real sample): the
// comparison of two stored backtests (gbc vs sgdc), the with/without-ML experiment, and an
// A/B report travelling through an export bundle like any run.
import { describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { AbReport } from '../ab/report-type';
import { InputError, RefusedError } from '../errors';
import type { LiveDecision } from '../live/types';
import type { LiveSessionConfig } from './live';
import { createRng } from '../util/rng';
import { exportBundle } from '../export/bundle';
import { importBundle } from '../export/import';
import { getArtifact } from '../store/artifacts';
import { openCandleLabDb } from '../store/db';
import { compareLiveSessions, runCompareJob, runMlSignalAbJob } from './ab';
import { runBacktestJob } from './backtest';
import { JOB_LOG_FILE } from './job-log';
import { runOptimize } from './optimize';
import { JobRunner } from './runner';
import { runJob, testEnv } from './test-utils/env';
import { runTrainJob } from './train';

const train = (handle: string, model: 'gbc' | 'sgdc') => ({
  handle,
  dataset: 'sample/binance-ohlcv-1h-btc-eth',
  symbols: ['BTC/USDT'],
  task: 'classification' as const,
  target_horizon: 12,
  model,
  train_window: '120d',
  valid_window: '20d',
  params: model === 'gbc' ? { n_estimators: 10, max_depth: 2 } : { max_iter: 3 },
  seed: 7,
});

describe('A/B jobs', () => {
  it('compares two stored backtests and stores the report as a run of kind ab that exports', async () => {
    const { env, handle } = testEnv();
    const runner = new JobRunner();
    const ids: string[] = [];
    for (const kind of ['gbc', 'sgdc'] as const) {
      const m = await runJob(runner, `t-${kind}`, (ctx) => runTrainJob(train(handle, kind), env, ctx));
      const bt = await runJob(runner, `b-${kind}`, (ctx) =>
        runBacktestJob(
          {
            handle,
            model_id: m.model_id,
            symbols: ['BTC/USDT'],
            train_window: '2000',
            test_window: '500',
            max_folds: 4,
          },
          env,
          ctx,
        ),
      );
      ids.push(bt.run_id);
    }
    const out = await runJob(runner, 'ab', (ctx) =>
      runCompareJob(
        { run_ids: [ids[0], ids[1]], settings: { resamples: 300, spa_resamples: 200 } },
        env,
        ctx,
      ),
    );
    expect(out.run_id).toMatch(/^ab_\d{8}_\d{6}$/);
    const rec = await getArtifact(env.db, out.run_id);
    expect(rec.kind).toBe('ab');
    expect(Object.keys(rec.files).sort()).toEqual([JOB_LOG_FILE, 'report.json']);
    const report = JSON.parse(rec.files['report.json']) as AbReport;
    expect(report).toEqual(JSON.parse(JSON.stringify(out.report)));
    expect(report.common.bars).toBe(1999); // 4 folds x 500 test bars, less the first bar
    expect(typeof report.pairs[0].model).toBe('object'); // both kept predictions.csv
    expect(rec.summary.verdicts).toEqual([report.pairs[0].verdict]);
    expect(rec.files[JOB_LOG_FILE]).toContain(report.pairs[0].verdict);

    const zip = await exportBundle(env.db, { artifacts: [out.run_id], appVersion: 'test' });
    const db2 = openCandleLabDb({ indexedDB, IDBKeyRange, name: `ab-import-${Math.random()}` });
    const imported = await importBundle(db2, zip, { onClash: 'skip' });
    expect(imported).toMatchObject({ ok: true });
    expect((await getArtifact(db2, out.run_id)).files['report.json']).toBe(rec.files['report.json']);

    await expect(
      runJob(runner, 'bad', (ctx) => runCompareJob({ run_ids: [ids[0]] }, env, ctx)),
    ).rejects.toThrow(InputError);
  }, 180_000);

  it('runs the with/without-ML experiment on a saved model and stores its verdicts', async () => {
    const { env, handle } = testEnv();
    const runner = new JobRunner();
    await runJob(runner, 't', (ctx) => runTrainJob(train(handle, 'gbc'), env, ctx));
    const out = await runJob(runner, 'ml', (ctx) =>
      runMlSignalAbJob(
        {
          handle,
          model_id: 'latest',
          symbol: 'BTC/USDT',
          model_train_window: '2000',
          model_test_window: '500',
          train_window: '1000',
          test_window: '500',
          max_folds: 4,
          population: 6,
          generations: 2,
          include_model_only: true,
          settings: { resamples: 300, spa_resamples: 200 },
        },
        env,
        ctx,
      ),
    );
    const r = out.report;
    expect(r.kind).toBe('ml-signal');
    expect(r.runs.map((x) => x.name)).toEqual(['A', 'B', 'C']);
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(r.pairs[0].verdict).toMatch(/^(A is better|B is better|Neither is shown better)\. B vs A: Sharpe/);
    expect(r.common.bars).toBe(1999);
    expect((await getArtifact(env.db, out.run_id)).kind).toBe('ab');

    // the Optimize panel's run with the same model's signal blended in: the optimizer weights it
    const opt = await runJob(runner, 'opt', (ctx) =>
      runOptimize(
        {
          handle,
          symbol: 'BTC/USDT',
          signal_names: ['rsi', 'macd'],
          model_id: 'latest',
          model_train_window: '2000',
          model_test_window: '500',
          objective: 'sharpe',
          constraints: {},
          population: 6,
          generations: 2,
          seed: 1,
          optimize_thresholds: true,
          fees_bps: 10,
          slippage_bps: 5,
          train_window: '1000',
          test_window: '500',
          max_folds: 2,
        },
        env,
        ctx,
      ),
    );
    expect(opt.report.settings.signal_names).toEqual(['rsi', 'macd', 'model']);
    expect(opt.log).toMatch(/model signal: .* \(gbc\) walked forward on BTC\/USDT, windows 2000 \/ 500/);
  }, 180_000);

  it('compares live sessions from their stored ledgers, and refuses while they share no bar', async () => {
    const { env } = testEnv();
    const H = 3_600_000;
    const T0 = Date.UTC(2026, 0, 1);
    const store = async (id: string, from: number, bars: number, seed: number) => {
      const rng = createRng(seed);
      let equity = 10_000;
      const decisions: LiveDecision[] = Array.from({ length: bars }, (_, i) => {
        if (i) equity *= 1 + 0.004 * rng.normal();
        const close = 100 + i;
        return {
          time: T0 + (from + i) * H,
          open: close,
          close,
          fold: 0,
          retrained: false,
          signal: 0.5,
          values: null,
          features: null,
          target: 0,
          fills: [],
          online_update: null,
          cash: equity,
          quantity: 0,
          equity,
          position: 0,
          buy_and_hold: 10_000 * (close / 100),
        };
      });
      // only what the comparison reads of a session's config
      const config = { symbol: 'BTC/USDT', model_id: `model_${id}` } as LiveSessionConfig;
      await env.db.liveSessions.put({
        id,
        createdAt: T0,
        updatedAt: T0,
        status: 'running',
        config,
        checkpoint: null,
        model: null,
        state: null,
      });
      await env.db.liveDecisions.bulkPut(decisions.map((d) => ({ ...d, session: id })));
    };
    await store('a', 0, 200, 1);
    await store('b', 500, 50, 2);
    await expect(compareLiveSessions({ session_ids: ['a', 'b'] }, env)).rejects.toThrow(RefusedError);
    await expect(compareLiveSessions({ session_ids: ['a', 'b'] }, env)).rejects.toThrow(/share no bar/);
    await store('c', 100, 200, 3);
    const rep = await compareLiveSessions(
      { session_ids: ['a', 'c'], settings: { resamples: 200, spa_resamples: 100 } },
      env,
    );
    expect(rep.kind).toBe('live');
    expect(rep.common.bars).toBe(99); // a's returns at bars 1..199, c's at 101..299
    expect(rep.runs.map((r) => r.label)).toEqual(['live model_a on BTC/USDT', 'live model_c on BTC/USDT']);
    expect(rep.pairs[0].verdict).toMatch(
      /^(a is better|c is better|Neither is shown better)\. c vs a: Sharpe/,
    );
  });
});
