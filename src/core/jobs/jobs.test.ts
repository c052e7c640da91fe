import { describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors';
import { backtestView } from '../pipeline/backtest-view';
import { getArtifact } from '../store/artifacts';
import { getModelRecord, listModels } from '../store/models';
import { runBacktestJob, planBacktest, type BacktestJobRequest } from './backtest';
import { JOB_LOG_FILE } from './job-log';
import { runOptimize } from './optimize';
import { JobRunner } from './runner';
import { clonePoolExecutor, runJob, testEnv } from './test-utils/env';
import { runTrainJob } from './train';

const trainReq = (handle: string) => ({
  handle,
  dataset: 'sample/binance-ohlcv-1h-btc-eth',
  symbols: ['BTC/USDT'],
  task: 'classification' as const,
  target_horizon: 12,
  model: 'gbc' as const,
  train_window: '120d',
  valid_window: '20d',
  params: { n_estimators: 15, max_depth: 2 },
  seed: 7,
});

const backtestReq = (handle: string, over: Partial<BacktestJobRequest> = {}): BacktestJobRequest => ({
  handle,
  model_id: 'latest',
  symbols: ['BTC/USDT', 'ETH/USDT'],
  train_window: '2000',
  test_window: '500',
  max_folds: 3,
  ...over,
});

describe('jobs from request to saved artifacts (Node, fake-indexeddb)', () => {
  it('trains, then backtests "latest" on an executor; the stored run reads back as the returned view', async () => {
    const { env, handle } = testEnv();
    const runner = new JobRunner();
    const trained = await runJob(runner, 'j1', (ctx) => runTrainJob(trainReq(handle), env, ctx));
    expect(trained.model_id).toMatch(/^gbc_classification_/);
    const rec = await getModelRecord(env.db, trained.model_id);
    expect(rec.metrics.model_id).toBe(trained.model_id);
    const jobLog = rec.metrics.job_log as { message: string }[];
    expect(jobLog.map((l) => l.message)).toContain(`saving model ${trained.model_id}`);
    expect(jobLog.some((l) => /^trained in \d+\.\d{3} s of fitting/.test(l.message))).toBe(true);
    expect(runner.status('j1')?.status).toBe('completed');

    const progress: string[] = [];
    const out = await runner.run(
      'j2',
      'backtest',
      (p) => progress.push(p.stage),
      (ctx) => runBacktestJob(backtestReq(handle), env, ctx),
    );
    expect(out.view.report.config.model.model_id).toBe(trained.model_id);
    expect(out.view.report.plan.task_count).toBe(6); // 3 folds x 2 symbols
    expect(progress).toContain('fold');
    expect(progress.at(-1)).toBe('saved');
    const stored = await getArtifact(env.db, out.run_id);
    expect(Object.keys(stored.files).sort()).toEqual([
      'equity_curve.csv',
      'feature_importance.json',
      JOB_LOG_FILE,
      'predictions.csv',
      'prices.csv',
      'report.json',
      'trades.csv',
    ]);
    expect(stored.files[JOB_LOG_FILE]).toMatch(/dataset sample\/binance-ohlcv-1h-btc-eth/);
    expect(stored.files[JOB_LOG_FILE]).toMatch(/fold\(s\) fitted and assembled \(\d+\.\d{3} s\)/);
    expect(backtestView({ runId: out.run_id, files: stored.files })).toEqual(out.view);

    // a second run in the same clock second gets a free id instead of failing
    const again = await runJob(runner, 'j3', (ctx) => runBacktestJob(backtestReq(handle), env, ctx));
    expect(again.run_id).not.toBe(out.run_id);
    expect(again.results).toEqual(out.results);
  }, 120_000);

  it('gives the same run on a pool-like executor (concurrent, out of order, cloned) as in process', async () => {
    const a = testEnv();
    const b = testEnv(clonePoolExecutor(3));
    for (const { env, handle } of [a, b])
      await runJob(new JobRunner(), 't', (ctx) => runTrainJob(trainReq(handle), env, ctx));
    const ra = await runJob(new JobRunner(), 'x', (ctx) => runBacktestJob(backtestReq(a.handle), a.env, ctx));
    const rb = await runJob(new JobRunner(), 'y', (ctx) => runBacktestJob(backtestReq(b.handle), b.env, ctx));
    expect(rb.results).toEqual(ra.results);
    expect(rb.view.equity).toEqual(ra.view.equity);
    expect(rb.view.trades).toEqual(ra.view.trades);
  }, 120_000);

  it('refuses a bad request with an InputError naming the field, and writes nothing', async () => {
    const { env, handle } = testEnv();
    await runJob(new JobRunner(), 't', (ctx) => runTrainJob(trainReq(handle), env, ctx));
    const bad = backtestReq(handle, { train_window: '3 fortnights' });
    const err = await planBacktest(bad, env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('train_window');
    const thresholds = await planBacktest(
      backtestReq(handle, { buy_threshold: 0.3, sell_threshold: 0.5 }),
      env,
    ).catch((e: unknown) => e);
    expect((thresholds as InputError).field).toBe('sell_threshold');
    const seedWithNextOpen = await planBacktest(backtestReq(handle, { accounting: 'seed' }), env).catch(
      (e: unknown) => e,
    );
    expect((seedWithNextOpen as InputError).field).toBe('accounting');
    expect(await env.db.artifacts.count()).toBe(0);
  }, 60_000);

  it("runs the seed's accounting when asked (fill at the close)", async () => {
    const { env, handle } = testEnv();
    await runJob(new JobRunner(), 't', (ctx) => runTrainJob(trainReq(handle), env, ctx));
    const fills = await runJob(new JobRunner(), 'a', (ctx) =>
      runBacktestJob(backtestReq(handle, { fill: 'close' }), env, ctx),
    );
    const seed = await runJob(new JobRunner(), 'b', (ctx) =>
      runBacktestJob(backtestReq(handle, { fill: 'close', accounting: 'seed' }), env, ctx),
    );
    expect(seed.view.report.config.accounting).toBe('seed');
    expect(fills.view.report.config.accounting).toBe('fills');
    // same decisions, different arithmetic: close but not identical equity
    expect(seed.results.total_return_pct).not.toBe(fills.results.total_return_pct);
    expect(Math.abs(seed.results.total_return_pct - fills.results.total_return_pct)).toBeLessThan(5);
  }, 120_000);

  it('a cancelled job is marked cancelled and saves nothing', async () => {
    const { env, handle } = testEnv();
    const runner = new JobRunner();
    await runJob(runner, 't', (ctx) => runTrainJob(trainReq(handle), env, ctx));
    const before = (await listModels(env.db)).length;
    const p = runner.run(
      'c',
      'backtest',
      (pr) => pr.stage === 'fold' && runner.cancel('c'),
      (ctx) => runBacktestJob(backtestReq(handle), env, ctx),
    );
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(runner.status('c')?.status).toBe('cancelled');
    expect(runner.status('c')?.error?.category).toBe('cancelled');
    expect(await env.db.artifacts.count()).toBe(0);
    expect((await listModels(env.db)).length).toBe(before);
  }, 60_000);

  it('optimizes signal weights and saves the run with its log', async () => {
    const { env, handle } = testEnv();
    const out = await runJob(new JobRunner(), 'o', (ctx) =>
      runOptimize(
        {
          handle,
          symbol: 'BTC/USDT',
          signal_names: ['rsi', 'macd'],
          objective: 'sharpe',
          constraints: {},
          population: 8,
          generations: 3,
          seed: 1,
          optimize_thresholds: false,
          fees_bps: 5,
          slippage_bps: 5,
          train_window: '180d',
          test_window: '30d',
          max_folds: 2,
        },
        env,
        ctx,
      ),
    );
    const stored = await getArtifact(env.db, out.run_id);
    expect(stored.kind).toBe('optimize');
    expect(stored.files[JOB_LOG_FILE]).toBe(out.log);
    expect(JSON.parse(stored.files['report.json']).run_id).toBe(out.run_id);
  }, 60_000);
});
