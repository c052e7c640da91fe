/**
 * metrics.json: one layout for trained and updated models. A trained model's and an updated
 * model's metrics.json (from a real walk-forward run with save_updates) pass the run-time check,
 * before and after a JSON round trip; null sections need their reason; unknown keys and wrong
 * types are refused naming the field; an updated model's metrics.json of the earlier layout
 * (no split, timings or baselines) reads as the current one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { runWalkForward } from '../walkforward/run';
import { sampleSlice, smallSgdcRequest } from '../walkforward/test-utils/fixtures';
import type { ModelMetricsJson, UpdatedModelMetricsJson } from './metrics-json';
import { modelMetricsProblems, readModelMetricsJson } from './metrics-json-check';
import { runTraining } from './train-job';

let updated: UpdatedModelMetricsJson;
let trained: ModelMetricsJson;
const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

beforeAll(async () => {
  const r = await runWalkForward({
    request: smallSgdcRequest({ save_updates: true, max_folds: 1 }),
    bars: [sampleSlice('BTC/USDT', 3000)],
    now: () => Date.UTC(2025, 0, 9, 10, 10, 10),
  });
  updated = r.updated_models[0].metrics;
  trained = (
    await runTraining({
      request: {
        dataset: 'sample',
        symbols: ['BTC/USDT'],
        task: 'classification',
        target_horizon: 12,
        model: 'sgdc',
        train_window: '90d',
        valid_window: '30d',
        params: { max_iter: 2 },
        permutation_importance: false,
      },
      bars: [loadSampleBars('BTC/USDT')],
      dataset: { id: 'sample', revision: null, commit: null, hubUrl: null, files: [] },
      appVersion: 'test',
    })
  ).metrics;
});

describe('metrics.json of every model', () => {
  it("an updated model's metrics.json satisfies the layout, with a reason for each section it lacks", () => {
    expect(modelMetricsProblems(updated)).toEqual([]);
    expect(modelMetricsProblems(roundTrip(updated))).toEqual([]);
    expect(updated.origin).toBe('updated');
    expect(updated.parent_model_id).toBe('sgdc_classification_20250101_000000');
    for (const k of ['split', 'timings', 'validation_per_symbol', 'history'] as const) {
      expect(updated[k]).toBeNull();
      expect(updated[`${k}_unavailable`]).toMatch(/\w+ \w+/);
    }
    expect(updated.validation.baseline).toBeNull();
    expect(updated.validation.baseline_unavailable).toMatch(/baseline/);
    expect(updated.validation.metrics.rocAuc).toEqual(expect.any(Number));
    expect(updated.walk_forward?.online_updates).toBeGreaterThan(0);
  });

  it("a trained model's metrics.json satisfies it too (null sections with their reason)", () => {
    expect(modelMetricsProblems(roundTrip(trained))).toEqual([]);
    expect(trained.importance.permutation).toBeNull();
    expect(trained.importance.permutation_unavailable).toMatch(/turned off/);
    expect(trained.walk_forward).toBeNull();
    const withLog = { ...roundTrip(trained), job_log: [{ t: 1, level: 'info', message: 'saved' }] };
    expect(modelMetricsProblems(withLog)).toEqual([]);
    expect(modelMetricsProblems({ ...withLog, job_log: [{ t: 1, level: 'loud' }] })).toEqual([
      'metrics.json: job_log[0] must be { t, level: info | warn | error, message }',
    ]);
  });

  it('refuses a null section without its reason, unknown keys and wrong types, naming the field', () => {
    const noReason = roundTrip(updated) as Record<string, unknown>;
    delete noReason.split_unavailable;
    expect(modelMetricsProblems(noReason, 'models/x/metrics.json')).toEqual([
      'models/x/metrics.json: split is null without split_unavailable saying why',
    ]);
    const bad = roundTrip(trained) as unknown as Record<string, Record<string, unknown>>;
    bad.extra = {};
    bad.scaler.mean = [1, 2];
    bad.timings.fit_s = 'fast';
    bad.split.train_start = 'yesterday';
    const problems = modelMetricsProblems(bad).join('\n');
    expect(problems).toMatch(/metrics\.json: extra is not part of metrics\.json/);
    expect(problems).toMatch(/scaler\.mean has 2 entries, not \d+/);
    expect(problems).toMatch(/timings\.fit_s must be a number of seconds/);
    expect(problems).toMatch(/split\.train_start must be an ISO date/);
    const both = roundTrip(trained) as Record<string, unknown>;
    both.split_unavailable = 'no reason';
    expect(modelMetricsProblems(both)).toEqual([
      'metrics.json: split_unavailable is set but split is present',
    ]);
  });

  it("reads an updated model's metrics.json of the earlier layout (no origin, split, timings or baselines)", () => {
    const old = roundTrip(updated) as Record<string, unknown>;
    for (const k of ['origin', 'split', 'split_unavailable', 'timings', 'timings_unavailable']) delete old[k];
    for (const k of ['validation_per_symbol', 'history', 'walk_forward_unavailable']) {
      delete old[k];
      delete old[`${k}_unavailable`];
    }
    const v = old.validation as Record<string, unknown>;
    for (const k of ['baseline', 'baseline_unavailable', 'baselineName']) delete v[k];
    delete (old.features as Record<string, unknown>).excluded_warmup_rows;
    delete (old.importance as Record<string, unknown>).permutation;
    delete (old.importance as Record<string, unknown>).permutation_unavailable;
    expect(modelMetricsProblems(old).length).toBeGreaterThan(0);
    const r = readModelMetricsJson(old);
    expect(r.ok && r.metrics.origin).toBe('updated');
    if (!r.ok) return;
    expect(r.metrics.split).toBeNull();
    expect(r.metrics.split_unavailable).toMatch(/no train\/validation split/);
    expect(r.metrics.validation.baselineName).toBeNull();
  });
});
