// ensemble.build end to end in Node: two small saved models become the members of an ensemble
// trained through the training job (its member fits as 'ensemble.member' units), whose
// metrics.json shows each member beside the ensemble; the same numbers on a pool-like executor;
// a walk-forward backtest of the stored ensemble runs.
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../export/bundle';
import { importBundle } from '../export/import';
import { featureRows, freshDb } from '../export/test-utils/fixtures';
import { getModelRecord, loadModel } from '../store/models';
import { isModelMetricsJson } from '../train/metrics-json-check';
import type { ModelMetricsJson } from '../train/metrics-json';
import { runBacktestJob } from './backtest';
import { runEnsembleBuildJob } from './ensemble';
import type { Executor } from './executor';
import { JobRunner } from './runner';
import { clonePoolExecutor, runJob, testEnv } from './test-utils/env';
import { runTrainJob } from './train';

const train = (handle: string, model: 'gbc' | 'sgdc', params: Record<string, unknown>) => ({
  handle,
  dataset: 'sample/binance-ohlcv-1h-btc-eth',
  symbols: ['BTC/USDT'],
  task: 'classification' as const,
  target_horizon: 12,
  model,
  train_window: '120d',
  valid_window: '20d',
  params,
  seed: 7,
  permutation_importance: false,
});

async function build(executor?: Executor) {
  const { env, handle } = testEnv(executor);
  const units: string[] = [];
  if (executor)
    env.executor = {
      ...executor,
      map: (kind, context, count, o) => (
        units.push(`${kind} x${count}`),
        executor.map(kind, context, count, o)
      ),
    };
  const a = await runJob(new JobRunner(), 'a', (ctx) =>
    runTrainJob(train(handle, 'gbc', { n_estimators: 8, max_depth: 2 }), env, ctx),
  );
  const b = await runJob(new JobRunner(), 'b', (ctx) =>
    runTrainJob(train(handle, 'sgdc', { max_iter: 3 }), env, ctx),
  );
  const e = await runJob(new JobRunner(), 'e', (ctx) =>
    runEnsembleBuildJob(
      {
        handle,
        symbols: ['BTC/USDT'],
        member_ids: [a.model_id, b.model_id],
        combiner: 'stacking',
        stack_folds: 2,
      },
      env,
      ctx,
    ),
  );
  return { env, handle, e, a, b, units };
}

describe('ensemble.build', () => {
  it('trains an ensemble of saved models through the training job and reports its members', async () => {
    const { env, handle, e, a, b, units } = await build(clonePoolExecutor(3));
    expect(e.model_id).toMatch(/^ensemble_classification_/);
    expect(units).toContain('ensemble.member x6'); // 2 members x (2 out-of-fold blocks + the final fit)
    const rec = await getModelRecord(env.db, e.model_id);
    expect(isModelMetricsJson(rec.metrics)).toBe(true);
    const m = rec.metrics as unknown as ModelMetricsJson;
    const ens = m.ensemble!;
    expect(ens.combiner).toBe('stacking');
    expect(ens.members.map((x) => [x.kind, x.source_model_id])).toEqual([
      ['gbc', a.model_id],
      ['sgdc', b.model_id],
    ]);
    expect(ens.members[0].validation.rocAuc).toBeTypeOf('number');
    expect(ens.ensemble_validation.rocAuc).toBe(m.validation.metrics.rocAuc);
    expect(ens.correlations).toHaveLength(2);
    expect(ens.correlations[0][0]).toBeCloseTo(1, 12);
    expect(ens.correlations[0][1]).toBe(ens.correlations[1][0]);
    expect(ens.meta?.coef).toHaveLength(4); // 2 classes x 2 members (their logits)
    // other kinds say why they have no ensemble section
    const gbc = (await getModelRecord(env.db, a.model_id)).metrics;
    expect(gbc.ensemble).toBeNull();
    expect(gbc.ensemble_unavailable).toMatch(/not an ensemble/);
    // a metrics.json with a malformed section is refused
    expect(isModelMetricsJson({ ...rec.metrics, ensemble: { ...ens, correlations: [[1]] } })).toBe(false);

    // the same ensemble in process (members one after another) gives the same numbers
    const again = await build();
    expect(again.e.metrics.validation).toEqual(e.metrics.validation);
    const noIds = (x: typeof ens) => ({
      ...x,
      members: x.members.map((mm) => ({ ...mm, source_model_id: null })),
    });
    expect(noIds(again.e.metrics.ensemble!)).toEqual(noIds(ens));

    // a bundle keeps the ensemble: export, import into an empty database, same predictions
    const zip = await exportBundle(env.db, { models: [e.model_id], appVersion: 'test' });
    const db2 = freshDb('ens');
    const imported = await importBundle(db2, zip, { onClash: 'skip' });
    expect(imported.ok).toBe(true);
    const X = featureRows(rec.metrics, 300);
    const [orig, back] = await Promise.all([loadModel(env.db, e.model_id), loadModel(db2, e.model_id)]);
    expect(back.model.kind).toBe('ensemble');
    expect(back.record.metrics.ensemble).toEqual(rec.metrics.ensemble);
    expect(Array.from(back.model.predict(X).values)).toEqual(Array.from(orig.model.predict(X).values));

    // a walk-forward backtest of the stored ensemble (2 folds; every fold refits every member)
    const bt = await runJob(new JobRunner(), 'bt', (ctx) =>
      runBacktestJob(
        {
          handle,
          model_id: e.model_id,
          symbols: ['BTC/USDT'],
          train_window: '2000',
          test_window: '300',
          max_folds: 2,
        },
        env,
        ctx,
      ),
    );
    expect(bt.view.report.config.model.kind).toBe('ensemble');
    expect(bt.view.report.plan.task_count).toBe(2);
    expect(Number.isFinite(bt.results.total_return_pct)).toBe(true);
  }, 60_000);
});
