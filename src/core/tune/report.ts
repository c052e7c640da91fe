/**
 * What a finished study reports: the trials table (trials.csv), parameter importance, the
 * deflated Sharpe ratio of the chosen configuration for the number of trials tried, PBO over the
 * complete trials' tuning folds, and the best configuration's tuning and evaluation results side
 * by side (study.json).
 */
import {
  DEFLATED_SHARPE_DEFINITION,
  expectedMaxSharpe,
  probabilisticSharpe,
  returnMoments,
  variance,
} from '../optimize/deflated-sharpe';
import type { SeedResults, WalkForwardResult } from '../walkforward/types';
import { MINIMISED } from './objective';
import { PBO_DEFINITION, pboCscv, type PboResult } from './pbo';
import type { ResolvedTuneRequest } from './request';
import type { SearchSpace } from './space';
import type { StudyPeriods } from './study';
import { barReturns, type TrialResult } from './trial';
import { paramImportance } from './importance';

export { paramImportance };

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function trialsCsv(space: SearchSpace, trials: readonly TrialResult[]): string {
  const names = Object.keys(space);
  const head = [
    'number',
    'state',
    'value',
    'score',
    'folds',
    ...names.map((n) => `param_${n}`),
    'sharpe_ratio',
    'total_return_pct',
    'max_drawdown_pct',
    'total_trades',
    'seconds',
  ];
  const rows = trials.map((t) =>
    [
      t.number,
      t.state,
      t.value,
      t.score,
      t.folds,
      ...names.map((n) => t.params[n]),
      t.results.sharpe_ratio,
      t.results.total_return_pct,
      t.results.max_drawdown_pct,
      t.results.total_trades,
      t.seconds.toFixed(3),
    ]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

export interface StudyStats {
  trials_tried: number;
  complete: number;
  pruned: number;
  pbo: (Omit<PboResult, 'logits'> & { definition: string }) | null;
  deflated_sharpe: {
    /** per-bar Sharpe of the chosen configuration over the tuning folds (in sample: selected there) */
    sharpe: number;
    trials: number;
    trial_variance: number;
    benchmark: number;
    psr: number;
    dsr: number;
    definition: string;
  } | null;
}

/** DSR of the best trial for every trial tried, and PBO over the complete trials x tuning folds. */
export function studyStats(trials: readonly TrialResult[], best: TrialResult | null): StudyStats {
  const complete = trials.filter((t) => t.state === 'complete');
  const pbo = pboCscv(complete.map((t) => t.fold_scores));
  let dsr: StudyStats['deflated_sharpe'] = null;
  if (best) {
    const v = variance(complete.map((t) => t.moments.sharpe));
    const benchmark = expectedMaxSharpe(trials.length, v);
    const m = best.moments;
    const base = { sharpe: m.sharpe, count: m.count, skew: m.skew, kurtosis: m.kurtosis };
    dsr = {
      sharpe: m.sharpe,
      trials: trials.length,
      trial_variance: v,
      benchmark,
      psr: probabilisticSharpe(base),
      dsr: probabilisticSharpe({ ...base, benchmark }),
      definition: DEFLATED_SHARPE_DEFINITION.replace(
        'candidates evaluated by the GA',
        'trials tried (complete and pruned)',
      ),
    };
  }
  return {
    trials_tried: trials.length,
    complete: complete.length,
    pruned: trials.length - complete.length,
    pbo: pbo
      ? {
          pbo: pbo.pbo,
          groups: pbo.groups,
          combinations: pbo.combinations,
          trials: pbo.trials,
          folds: pbo.folds,
          definition: PBO_DEFINITION,
        }
      : null,
    deflated_sharpe: dsr,
  };
}

export interface StudyReport {
  study_id: string;
  run_id: string;
  model: string;
  task: string;
  objective: string;
  direction: 'minimize' | 'maximize';
  space: SearchSpace;
  sampler: string;
  pruner: string;
  eta: number;
  seed: number;
  batch_size: number;
  constraints: Record<string, unknown>;
  periods: StudyPeriods;
  best: {
    number: number;
    params: TrialResult['params'];
    value: number;
    tuning: TrialResult['results'] & { per_bar_sharpe: number };
    evaluation:
      | (Pick<SeedResults, 'sharpe_ratio' | 'total_return_pct' | 'max_drawdown_pct' | 'total_trades'> & {
          per_bar_sharpe: number;
          psr: number;
          value: number | null;
          log_loss: number | null;
          auc: number | null;
          ic: number | null;
        })
      | null;
  } | null;
  stats: StudyStats;
  importance: Record<string, number>;
  config: Record<string, unknown>;
}

export function buildStudyReport(o: {
  studyId: string;
  runId: string;
  request: ResolvedTuneRequest;
  periods: StudyPeriods;
  trials: readonly TrialResult[];
  best: TrialResult | null;
  evaluation: WalkForwardResult | null;
  evaluationValue: number | null;
}): StudyReport {
  const r = o.request;
  const ev = o.evaluation;
  let evaluation: NonNullable<StudyReport['best']>['evaluation'] = null;
  if (ev) {
    const c = ev.portfolio.curve;
    const m = returnMoments(barReturns(c.equity, c.initialCapital));
    evaluation = {
      sharpe_ratio: ev.results.sharpe_ratio,
      total_return_pct: ev.results.total_return_pct,
      max_drawdown_pct: ev.results.max_drawdown_pct,
      total_trades: ev.results.total_trades,
      per_bar_sharpe: m.sharpe,
      psr: probabilisticSharpe(m),
      value: o.evaluationValue,
      log_loss: ev.model_metrics.log_loss ?? null,
      auc: ev.model_metrics.auc ?? null,
      ic: ev.model_metrics.ic ?? null,
    };
  }
  const {
    symbols,
    train_window,
    test_window,
    step,
    max_folds,
    fees_bps,
    slippage_bps,
    params,
    target_horizon,
    trials,
    buy_threshold,
    sell_threshold,
  } = r;
  return {
    study_id: o.studyId,
    run_id: o.runId,
    model: r.model,
    task: r.task,
    objective: r.objective,
    direction: MINIMISED.includes(r.objective) ? 'minimize' : 'maximize',
    space: r.space,
    sampler: r.sampler,
    pruner: r.pruner,
    eta: r.eta,
    seed: r.seed,
    batch_size: r.batch_size,
    constraints: { ...r.constraints },
    periods: o.periods,
    best: o.best
      ? {
          number: o.best.number,
          params: o.best.params,
          value: o.best.value,
          tuning: { ...o.best.results, per_bar_sharpe: o.best.moments.sharpe },
          evaluation,
        }
      : null,
    stats: studyStats(o.trials, o.best),
    importance: paramImportance(r.space, o.trials),
    config: {
      symbols,
      train_window,
      test_window,
      step,
      max_folds,
      fees_bps,
      slippage_bps,
      params,
      target_horizon,
      trials,
      buy_threshold,
      sell_threshold,
    },
  };
}
