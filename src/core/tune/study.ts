/**
 * A study's logic, free of storage and threads: split the data into a tuning and an evaluation
 * period, run trials batch by batch on an executor (each batch sampled from the trials finished
 * before it, so a study is the same for a seed and batch size on any executor, and resumes from
 * stored trials exactly), then walk the best configuration forward, untouched, over the
 * evaluation folds.
 *
 * Periods: the whole walk-forward is planned once; the evaluation period starts at `eval_start`
 * (default: the test start of the fold at tune_fraction of the folds). Trials see only the bars
 * before it (sliceBars), so their folds' training rows and test windows end before it, and the
 * test rows whose h-bar label would reach into it have no label and are not scored (the purge at
 * the boundary). The evaluation folds are the planned folds whose test window starts at or after
 * eval_start; they train on whatever came before, as any walk-forward does.
 */
import { sliceBars, type Bars } from '../data/bars';
import { InputError } from '../errors';
import type { Executor } from '../jobs/executor';
import { createRng } from '../util/rng';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { assembleBacktest } from '../walkforward/assemble';
import { planWalkForward } from '../walkforward/plan';
import type { WalkForwardRequest, WalkForwardResult } from '../walkforward/types';
import { rungsFor } from './asha';
import { randomSampler } from './random';
import type { ResolvedTuneRequest } from './request';
import type { FinishedTrial, Sampler } from './sampler';
import { tpeSampler } from './tpe';
import { trialRequest, type TrialContext, type TrialResult, type TrialSpec } from './trial';

const iso = (ms: number) => new Date(ms).toISOString();

export interface StudyPeriods {
  /** first bar of the data, first instant of the evaluation period, last bar (ISO) */
  tune_start: string;
  eval_start: string;
  eval_end: string;
  tuning_folds: number;
  evaluation_folds: number;
  /** fold indices of the whole plan that evaluate */
  evaluation_fold_indices: number[];
}

export interface StudySetup {
  request: ResolvedTuneRequest;
  base: WalkForwardRequest;
  evalStartMs: number;
  /** the tuning period's bars (nothing at or after eval_start) */
  tuneBars: Bars[];
  bars: Bars[];
  periods: StudyPeriods;
  rungs: number[];
  /** names this setup for the trials' shared plans (trial.ts trialPlan); unique per call */
  key: string;
}

let setups = 0;

/** The walk-forward request every trial starts from. */
export function baseRequest(r: ResolvedTuneRequest, dataset?: string): WalkForwardRequest {
  return {
    model: {
      model_id: null,
      kind: r.model,
      task: r.task,
      params: r.params,
      seed: r.seed,
      target_horizon: r.target_horizon,
    },
    dataset,
    symbols: r.symbols,
    // every fold trains from scratch (neural folds are not warm-started from the previous one),
    // so folds stay independent and a trial can stop after any of them
    warm_start: false,
    train_window: r.train_window,
    test_window: r.test_window,
    ...(r.step !== undefined ? { step: r.step } : {}),
    ...(r.max_folds !== undefined ? { max_folds: r.max_folds } : {}),
    ...(r.fees_bps !== undefined ? { fees_bps: r.fees_bps } : {}),
    ...(r.slippage_bps !== undefined ? { slippage_bps: r.slippage_bps } : {}),
    ...(r.buy_threshold !== undefined ? { buy_threshold: r.buy_threshold } : {}),
    ...(r.sell_threshold !== undefined ? { sell_threshold: r.sell_threshold } : {}),
  };
}

export function setupStudy(request: ResolvedTuneRequest, bars: Bars[], dataset?: string): StudySetup {
  const base = baseRequest(request, dataset);
  const full = planWalkForward(base, bars);
  const slotMs = (s: number) => full.origin + s * full.request.bar_ms;
  const testStarts = Array.from({ length: full.summary.fold_count }, (_, k) =>
    Math.min(...full.symbols.filter((d) => d.folds[k]).map((d) => slotMs(d.folds[k].testStart))),
  );
  const F = testStarts.length;
  let evalStartMs: number;
  if (request.eval_start != null) evalStartMs = Date.parse(request.eval_start);
  else {
    if (F < 2)
      throw new InputError(
        'max_folds',
        `Tuning needs at least 2 walk-forward folds (found ${F}): shorten the windows.`,
      );
    evalStartMs = testStarts[Math.min(F - 1, Math.max(1, Math.round(F * request.tune_fraction)))];
  }
  const evalFolds = testStarts.flatMap((t, k) => (t >= evalStartMs ? [k] : []));
  if (evalFolds.length === 0)
    throw new InputError(
      'eval_start',
      `No walk-forward fold starts on or after ${iso(evalStartMs)}: choose an earlier date.`,
    );
  const tuneBars = bars.map((b) => {
    let n = 0;
    while (n < b.time.length && b.time[n] < evalStartMs) n++;
    return sliceBars(b, 0, n);
  });
  let tuningFolds: number;
  try {
    tuningFolds = planWalkForward(base, tuneBars, { foldsToLastBar: true }).summary.fold_count;
  } catch {
    tuningFolds = 0;
  }
  if (tuningFolds < 1)
    throw new InputError(
      'eval_start',
      `No walk-forward fold fits before ${iso(evalStartMs)}: choose a later date or shorter windows.`,
    );
  const first = Math.min(...bars.map((b) => b.time[0]));
  const last = Math.max(...bars.map((b) => b.time[b.time.length - 1]));
  return {
    request,
    base,
    evalStartMs,
    tuneBars,
    bars,
    rungs: request.pruner === 'asha' ? rungsFor(tuningFolds) : [],
    key: `${Date.now().toString(36)}-${(++setups).toString(36)}-${Math.random().toString(36).slice(2)}`,
    periods: {
      tune_start: iso(first),
      eval_start: iso(evalStartMs),
      eval_end: iso(last),
      tuning_folds: tuningFolds,
      evaluation_folds: evalFolds.length,
      evaluation_fold_indices: evalFolds,
    },
  };
}

export function samplerOf(name: ResolvedTuneRequest['sampler']): Sampler {
  return name === 'random' ? randomSampler : tpeSampler();
}

/** The stream of trial `n` of a study: independent of every other trial's. */
export const trialSeed = (seed: number, n: number) =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + n * 0x27d4eb2f) >>> 0;

export const finished = (t: TrialResult): FinishedTrial => ({
  number: t.number,
  params: t.params,
  score: t.score,
  state: t.state,
});

export interface RunTrialsOptions {
  setup: StudySetup;
  executor: Executor;
  /** trials stored before (a resumed study) */
  stored?: readonly TrialResult[];
  /** each trial as it finishes (the job stores it) */
  onTrial?: (t: TrialResult) => void | Promise<void>;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

/** Every trial of the study, in trial order. */
export async function runTrials(o: RunTrialsOptions): Promise<TrialResult[]> {
  const { request: r, rungs } = o.setup;
  const sampler = samplerOf(r.sampler);
  const done = new Map((o.stored ?? []).map((t) => [t.number, t]));
  const report = (running: number) => {
    const all = [...done.values()];
    const pruned = all.filter((t) => t.state === 'pruned').length;
    o.onProgress?.({
      stage: 'trial',
      fraction: all.length / r.trials,
      message: `${all.length}/${r.trials} trial(s) done, ${pruned} pruned, ${running} running`,
      detail: { done: all.length, pruned, running, total: r.trials },
    });
  };
  for (let b0 = 0; b0 < r.trials; b0 += r.batch_size) {
    throwIfCancelled(o.signal);
    const history = [...done.values()].filter((t) => t.number < b0).sort((a, b) => a.number - b.number);
    const competitors = rungs.map((_, i) =>
      history.filter((t) => t.rung_scores.length > i).map((t) => t.rung_scores[i]),
    );
    const specs: TrialSpec[] = [];
    for (let n = b0; n < Math.min(r.trials, b0 + r.batch_size); n++)
      specs.push({
        number: n,
        params: sampler.sample(r.space, history.map(finished), createRng(trialSeed(r.seed, n))),
        competitors,
      });
    const todo = specs.filter((s) => !done.has(s.number));
    if (todo.length === 0) continue;
    report(todo.length);
    const context: TrialContext = {
      kind: r.model,
      bars: o.setup.tuneBars,
      base: o.setup.base,
      objective: r.objective,
      constraints: r.constraints,
      rungs,
      eta: r.eta,
      trials: todo,
      setup_key: o.setup.key,
    };
    const writes: Promise<void>[] = [];
    let running = todo.length;
    await o.executor.map('tune.trial', context, todo.length, {
      signal: o.signal,
      onDone: (t) => {
        done.set(t.number, t);
        running--;
        writes.push(Promise.resolve(o.onTrial?.(t)));
        report(running);
      },
    });
    await Promise.all(writes);
  }
  return [...done.values()].sort((a, b) => a.number - b.number);
}

/** The best complete trial (highest score, then lowest number); null when none completed. */
export function bestTrial(trials: readonly TrialResult[]): TrialResult | null {
  let best: TrialResult | null = null;
  for (const t of trials) if (t.state === 'complete' && (!best || t.score > best.score)) best = t;
  return best;
}

/** The best configuration walked forward over the evaluation folds only (it saw none of them). */
export async function evaluateTrial(
  setup: StudySetup,
  params: TrialResult['params'],
  executor: Executor,
  signal?: CancelSignal,
): Promise<WalkForwardResult> {
  const plan = planWalkForward(trialRequest(setup.request.model, setup.base, params), setup.bars);
  const evalFolds = new Set(setup.periods.evaluation_fold_indices);
  const tasks = plan.tasks.filter((t) => evalFolds.has(t.fold)).map((t, i) => ({ ...t, task: i }));
  const evalPlan = { ...plan, tasks };
  const folds = await executor.map('walkforward.fold', evalPlan, tasks.length, { signal });
  throwIfCancelled(signal);
  return assembleBacktest({ plan: evalPlan, folds, now: () => 0 });
}
