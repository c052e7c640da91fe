/**
 * The ensemble build job (`ensemble.build`): members given as saved model ids (their kind,
 * hyperparameters and seed are read from each model's metrics.json; never their fitted weights)
 * or as configurations, one combiner, and the training request of the first member model unless
 * given -> a training job of kind 'ensemble' (runTrainJob: members fit on the executor, the
 * model and its metrics.json stored). Members must share the task, label and target horizon.
 */
import { InputError } from '../errors';
import type { Combiner, MemberSpec } from '../models/ensemble';
import { getModelRecord } from '../store/models';
import { readModelMetricsJson } from '../train/metrics-json-check';
import type { TrainRequest } from '../train/request';
import type { JobEnv } from './env';
import type { JobContext } from './runner';
import { runTrainJob, type TrainJobRequest, type TrainJobResult } from './train';

export interface EnsembleBuildRequest {
  /** the loaded dataset's handle (from data.load*) */
  handle: string;
  symbols: string[];
  /** saved models whose configurations become the members */
  member_ids?: string[];
  /** or the members' configurations directly */
  members?: MemberSpec[];
  combiner: Combiner;
  stack_folds?: number;
  weights_tail?: number;
  /** the rest of the training request; defaults come from the first member model's request */
  task?: TrainRequest['task'];
  target_horizon?: number;
  label_kind?: TrainRequest['label_kind'];
  label_threshold?: number;
  train_window?: string;
  valid_window?: string;
  timeframe?: string;
  seed?: number;
  permutation_importance?: boolean;
}

type Base = Pick<
  TrainRequest,
  'task' | 'target_horizon' | 'label_kind' | 'label_threshold' | 'train_window' | 'valid_window' | 'timeframe'
>;

async function membersOf(
  req: EnsembleBuildRequest,
  env: JobEnv,
): Promise<{ members: MemberSpec[]; base: Partial<Base> }> {
  if (req.members?.length) return { members: req.members, base: {} };
  const ids = req.member_ids ?? [];
  if (ids.length < 2) throw new InputError('member_ids', 'Choose at least two models for an ensemble.');
  const members: MemberSpec[] = [];
  let base: Partial<Base> = {};
  for (const id of ids) {
    const read = readModelMetricsJson(
      (await getModelRecord(env.db, id)).metrics,
      `models/${id}/metrics.json`,
    );
    if (!read.ok)
      throw new InputError('member_ids', `${id} has an unreadable metrics.json: ${read.problems[0]}`);
    const m = read.metrics;
    const { seed, ...params } = m.model.params as Record<string, unknown>;
    const cfg = m.origin === 'trained' ? m.config : null;
    const own: Partial<Base> = cfg
      ? {
          task: cfg.task,
          target_horizon: cfg.target_horizon,
          label_kind: cfg.label_kind,
          label_threshold: cfg.label_threshold,
          train_window: cfg.train_window,
          valid_window: cfg.valid_window,
          timeframe: cfg.timeframe,
        }
      : { task: m.model.task, target_horizon: m.label.horizon };
    if (!members.length) base = own;
    else {
      if (own.task !== base.task)
        throw new InputError('member_ids', `${id} is a ${own.task} model; the first is ${base.task}.`);
      if (m.label.horizon !== base.target_horizon)
        throw new InputError(
          'member_ids',
          `${id} predicts ${m.label.horizon} bars ahead; the first model ${base.target_horizon}.`,
        );
    }
    members.push({
      kind: m.model.kind as MemberSpec['kind'],
      // the request's own hyperparameters when the model was trained here, else the recorded ones
      params: cfg ? { ...(cfg.params ?? {}) } : params,
      seed: Number(cfg?.seed ?? seed ?? 42),
      source_model_id: id,
    });
  }
  return { members, base };
}

export async function runEnsembleBuildJob(
  req: EnsembleBuildRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<TrainJobResult> {
  const { members, base } = await membersOf(req, env);
  const task = req.task ?? base.task ?? 'classification';
  const horizon = req.target_horizon ?? base.target_horizon ?? 12;
  ctx.log.info(`ensemble of ${members.map((m) => m.kind).join(' + ')}, combiner ${req.combiner}`);
  const train: TrainJobRequest = {
    handle: req.handle,
    dataset: '',
    symbols: req.symbols,
    task,
    target_horizon: horizon,
    ...((req.label_kind ?? base.label_kind) ? { label_kind: req.label_kind ?? base.label_kind } : {}),
    ...((req.label_threshold ?? base.label_threshold)
      ? { label_threshold: req.label_threshold ?? base.label_threshold }
      : {}),
    ...((req.timeframe ?? base.timeframe) ? { timeframe: req.timeframe ?? base.timeframe } : {}),
    model: 'ensemble',
    train_window: req.train_window ?? base.train_window ?? '365d',
    valid_window: req.valid_window ?? base.valid_window ?? '30d',
    params: {
      members,
      combiner: req.combiner,
      ...(req.stack_folds !== undefined ? { stack_folds: req.stack_folds } : {}),
      ...(req.weights_tail !== undefined ? { weights_tail: req.weights_tail } : {}),
      purge_bars: horizon,
    },
    seed: req.seed ?? 42,
    ...(req.permutation_importance !== undefined
      ? { permutation_importance: req.permutation_importance }
      : {}),
  };
  return runTrainJob(train, env, ctx);
}
