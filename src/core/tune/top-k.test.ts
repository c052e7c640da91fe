// The top k trials of a study as ensemble members: ranked by tuning score only (pruned trials
// excluded, ties to the earlier trial), refused with an InputError when the study has fewer
// complete trials than k; the request trains through ensemble.build and the stored ensemble
// backtests on the study's fold plan.
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { runBacktestJob } from '../jobs/backtest';
import { runEnsembleBuildJob } from '../jobs/ensemble';
import { JobRunner } from '../jobs/runner';
import { runJob, testEnv } from '../jobs/test-utils/env';
import { getModelRecord } from '../store/models';
import type { ModelMetricsJson } from '../train/metrics-json';
import { buildStudyReport, type StudyReport } from './report';
import { resolveTuneRequest, type TuneRequest } from './request';
import type { StudyPeriods } from './study';
import { topKBacktestRequest, topKEnsembleRequest, topTrials } from './top-k';
import type { TrialResult } from './trial';

const space = {
  n_estimators: { type: 'int', low: 3, high: 6 },
  max_depth: { type: 'int', low: 1, high: 3 },
} as const;

function trial(number: number, score: number, state: TrialResult['state'] = 'complete'): TrialResult {
  return {
    number,
    params: { n_estimators: 3 + (number % 4), max_depth: 1 + (number % 3) },
    state,
    score,
    value: -score,
    folds: state === 'complete' ? 3 : 1,
    rung_scores: [score],
    fold_scores: state === 'complete' ? [score, score / 2, score * 1.5] : [score],
    moments: { sharpe: score, count: 100, skew: 0, kurtosis: 3, mean: 0, std: 1 } as TrialResult['moments'],
    results: { sharpe_ratio: 0, total_return_pct: 0, max_drawdown_pct: 0, total_trades: 0 },
    seconds: 0,
  };
}

const PERIODS: StudyPeriods = {
  tune_start: '2021-01-01T00:00:00.000Z',
  eval_start: '2022-01-01T00:00:00.000Z',
  eval_end: '2023-01-01T00:00:00.000Z',
  tuning_folds: 3,
  evaluation_folds: 2,
  evaluation_fold_indices: [3, 4],
};

function report(trials: TrialResult[], over: Partial<TuneRequest> = {}): StudyReport {
  const request = resolveTuneRequest({
    symbols: ['BTC/USDT'],
    model: 'gbc',
    space: structuredClone(space) as unknown as TuneRequest['space'],
    params: { max_bins: 32 },
    seed: 9,
    train_window: '2000',
    test_window: '300',
    max_folds: 2,
    fees_bps: 7,
    ...over,
  });
  const best = [...trials].filter((t) => t.state === 'complete').sort((a, b) => b.score - a.score)[0];
  return buildStudyReport({
    studyId: 'study',
    runId: 'run',
    request,
    periods: PERIODS,
    trials,
    best,
    evaluation: null,
    evaluationValue: null,
  });
}

describe('top k trials', () => {
  it('ranks complete trials by tuning score, ties to the earlier trial, pruned ones never', () => {
    const ts = [trial(0, 0.1), trial(1, 0.9, 'pruned'), trial(2, 0.5), trial(3, 0.3), trial(4, 0.5)];
    expect(topTrials(ts, 3).map((t) => t.number)).toEqual([2, 4, 3]);
    expect(topTrials(ts, 2).map((t) => t.number)).toEqual([2, 4]);
  });

  it('refuses k above the complete trials (pruned ones do not count) or below 2', () => {
    const ts = [trial(0, 0.1), trial(1, 0.9, 'pruned'), trial(2, 0.5)];
    const err = (() => {
      try {
        topTrials(ts, 3);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('k');
    expect((err as InputError).message).toMatch(/2 complete trial\(s\).*top 3 needs 3/);
    expect(() => topTrials(ts, 1)).toThrow(InputError);
    expect(() => topTrials([trial(0, Number.NaN), trial(1, 0.2)], 2)).toThrow(/1 complete/);
  });

  it("builds the members from the trials' configurations, never from evaluation scores", () => {
    const ts = [trial(0, 0.1), trial(1, 0.9, 'pruned'), trial(2, 0.5), trial(3, 0.3), trial(4, 0.5)];
    const r = report(ts);
    const { request, trial_numbers } = topKEnsembleRequest(r, ts, {
      k: 3,
      combiner: 'stacking',
      handle: 'h',
    });
    expect(trial_numbers).toEqual([2, 4, 3]);
    expect(request.members).toEqual(
      [2, 4, 3].map((n) => ({ kind: 'gbc', params: { max_bins: 32, ...ts[n].params }, seed: 9 })),
    );
    expect(request).toMatchObject({
      handle: 'h',
      symbols: ['BTC/USDT'],
      combiner: 'stacking',
      task: 'classification',
      target_horizon: 12,
      train_window: '2000',
      valid_window: '300',
    });
    // a different evaluation of the best trial changes nothing
    const other = structuredClone(r);
    other.best!.evaluation = { ...(other.best!.evaluation ?? ({} as never)), sharpe_ratio: 99, value: 99 };
    expect(topKEnsembleRequest(other, ts, { k: 3, combiner: 'stacking', handle: 'h' })).toEqual({
      request,
      trial_numbers,
    });
    // the backtest walks the study's own folds and costs
    expect(topKBacktestRequest(r, ts[2], { handle: 'h', model_id: 'm' })).toEqual({
      handle: 'h',
      model_id: 'm',
      symbols: ['BTC/USDT'],
      train_window: '2000',
      test_window: '300',
      warm_start: false,
      max_folds: 2,
      fees_bps: 7,
    });
  });

  it('refuses kinds an ensemble cannot hold and members of different label horizons', () => {
    const ts = [trial(0, 0.1), trial(1, 0.2), trial(2, 0.3)];
    const mlp = { ...report(ts), model: 'mlp' };
    expect(() => topKEnsembleRequest(mlp, ts, { k: 2, combiner: 'mean', handle: 'h' })).toThrow(
      /mlp models cannot be ensemble members/,
    );
    const mixed = ts.map((t, i) => ({ ...t, params: { ...t.params, target_horizon: 6 + i } }));
    const r = report(mixed, {
      space: { ...space, target_horizon: { type: 'int', low: 6, high: 9 } } as TuneRequest['space'],
    });
    expect(() => topKEnsembleRequest(r, mixed, { k: 2, combiner: 'mean', handle: 'h' })).toThrow(
      /share one horizon/,
    );
    const same = ts.map((t) => ({ ...t, params: { ...t.params, target_horizon: 6 } }));
    expect(topKEnsembleRequest(r, same, { k: 2, combiner: 'mean', handle: 'h' }).request.target_horizon).toBe(
      6,
    );
  });

  it('trains through ensemble.build and backtests on the study folds', async () => {
    const { env, handle } = testEnv();
    const ts = [trial(0, 0.1), trial(1, 0.4), trial(2, 0.3), trial(3, 0.2, 'pruned')];
    const r = report(ts);
    const { request, trial_numbers } = topKEnsembleRequest(r, ts, { k: 3, combiner: 'mean', handle });
    const built = await runJob(new JobRunner(), 'e', (ctx) => runEnsembleBuildJob(request, env, ctx));
    const m = (await getModelRecord(env.db, built.model_id)).metrics as unknown as ModelMetricsJson;
    expect(m.ensemble!.members.map((x) => x.params)).toEqual(
      trial_numbers.map((n) => expect.objectContaining(ts[n].params)),
    );
    const best = topTrials(ts, 3)[0];
    const bt = await runJob(new JobRunner(), 'b', (ctx) =>
      runBacktestJob(topKBacktestRequest(r, best, { handle, model_id: built.model_id }), env, ctx),
    );
    expect(bt.view.report.config.model.kind).toBe('ensemble');
    expect(bt.view.report.plan.task_count).toBe(2);
    expect(Number.isFinite(bt.results.sharpe_ratio)).toBe(true);
  }, 60_000);
});
