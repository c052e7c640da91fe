/**
 * One entry point for every model kind: fit by kind and restore from the serialized form.
 * Trees are typed-array code; linear and neural models run on TensorFlow.js on whatever
 * backend the caller (worker or test) selected.
 */
import type { CancelSignal, ProgressFn } from '../util/progress';
import { MODEL_INFO, TF_PARAM_NAMES } from './catalog';
import { ENSEMBLE_FORMAT, fitEnsemble, restoreEnsemble, type MemberRunner } from './ensemble';
import { deserializeTfModel, fitLstm, fitMlp, fitSgd, fitTransformer, NeuralModel } from './tf';
import {
  deserializeTreeModel,
  fitTreeModel,
  type ForestParams,
  type TreeFitOptions,
  type TreeFitResult,
} from './trees';
import type { FitReport, Labels, Matrix, Model, ModelKind, SerializedModel, Task } from './types';
import { InputError } from '../errors';

export { MODEL_INFO } from './catalog';

/** Per-row context that sequence models need: which series a row belongs to, and its time. */
export interface RowContext {
  groups: Int32Array;
  time: Float64Array;
  barMs: number;
  /** positions of the labelled rows when the others are history only (see SequenceContext) */
  targets?: Int32Array;
}

/** The kinds that predict row t from the rows t-L+1..t. */
export function isSequenceKind(kind: ModelKind): kind is 'lstm' | 'transformer' {
  return kind === 'lstm' || kind === 'transformer';
}

/**
 * Rows of history a model needs before the first row it predicts: L - 1 for a sequence model
 * (`sequence_length` of the request's params, or the kind's default), 0 for the others.
 */
export function sequenceHistory(kind: ModelKind, params: Record<string, unknown> = {}): number {
  if (!isSequenceKind(kind)) return 0;
  const given = params.sequence_length ?? params.sequenceLength;
  const L = Number(given ?? MODEL_INFO[kind].defaults.sequenceLength);
  return Number.isInteger(L) && L > 1 ? L - 1 : 0;
}

export interface FitModelOptions {
  kind: ModelKind;
  task: Task;
  X: Matrix;
  y: Labels;
  nClasses: number;
  params?: Record<string, unknown>;
  validation?: { X: Matrix; y: Labels; context?: RowContext };
  context?: RowContext;
  /** neural kinds: start from this fitted model's weights (a warm start) */
  init?: Model;
  /** neural kinds: validation checks per epoch (default 1; see tf/neural/train-loop.ts) */
  checksPerEpoch?: number;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
  /** how an ensemble fits its members (the training job: on the executor); default one after another */
  ensembleRunner?: MemberRunner;
}

/** A model that can learn online, one revealed label at a time (scikit-learn's partial_fit). */
export interface OnlineModel extends Model {
  partialFit(X: Matrix, y: Labels): unknown;
}

export function isOnlineModel(m: Model): m is OnlineModel {
  return MODEL_INFO[m.kind]?.online === true && typeof (m as Partial<OnlineModel>).partialFit === 'function';
}

/** Frees TensorFlow.js memory held by a model (neural models); a no-op for the others. */
export function disposeModel(m: Model): void {
  (m as { dispose?: () => void }).dispose?.();
}

function tfOptions(params: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') out[TF_PARAM_NAMES[k] ?? k] = v;
  return out;
}

/** Fits an rfc (e.g. across a worker pool); must give the model fitRfc gives, bit for bit. */
export type ForestFitter = (options: TreeFitOptions<ForestParams>) => Promise<TreeFitResult>;

let forestFitter: ForestFitter | null = null;

/**
 * Injects how `rfc` is fitted: the browser worker installs its worker pool at start-up;
 * null (the default, and Node tests) fits on the calling thread with fitRfc.
 */
export function setForestFitter(fitter: ForestFitter | null): void {
  forestFitter = fitter;
}

function neuralInit(m: Model | undefined): NeuralModel | undefined {
  if (!m) return undefined;
  if (!(m instanceof NeuralModel))
    throw new InputError('warm_start', `a ${m.kind} model cannot warm-start a neural net`);
  return m;
}

export async function fitModel(o: FitModelOptions): Promise<{ model: Model; report: FitReport }> {
  const common = { onProgress: o.onProgress, signal: o.signal };
  switch (o.kind) {
    case 'gbc':
    case 'gbr':
    case 'rfc':
      if (o.kind === 'rfc' && forestFitter)
        return forestFitter({ X: o.X, y: o.y, nClasses: o.nClasses, params: o.params, ...common });
      return fitTreeModel(o.kind, {
        X: o.X,
        y: o.y,
        nClasses: o.kind === 'gbr' ? undefined : o.nClasses,
        params: o.params,
        validation: o.validation && { X: o.validation.X, y: o.validation.y },
        ...common,
      });
    case 'sgdc':
    case 'sgdr':
      return fitSgd({
        kind: o.kind,
        X: o.X,
        y: o.y,
        nClasses: o.kind === 'sgdc' ? o.nClasses : undefined,
        options: tfOptions(o.params),
        validation: o.validation && { X: o.validation.X, y: o.validation.y },
        ...common,
      });
    case 'mlp':
      return fitMlp({
        init: neuralInit(o.init),
        checksPerEpoch: o.checksPerEpoch,
        task: o.task,
        X: o.X,
        y: o.y,
        nClasses: o.task === 'classification' ? o.nClasses : undefined,
        options: tfOptions(o.params),
        validation: o.validation && { X: o.validation.X, y: o.validation.y },
        ...common,
      });
    case 'lstm':
    case 'transformer':
      return (o.kind === 'lstm' ? fitLstm : fitTransformer)({
        init: neuralInit(o.init),
        checksPerEpoch: o.checksPerEpoch,
        task: o.task,
        X: o.X,
        y: o.y,
        nClasses: o.task === 'classification' ? o.nClasses : undefined,
        options: tfOptions(o.params),
        ...o.context,
        validation: o.validation && { X: o.validation.X, y: o.validation.y, ...o.validation.context },
        ...common,
      });
    case 'ensemble':
      return fitEnsemble({ ...o, runner: o.ensembleRunner }, { fit: fitModel, restore: restoreModel });
    default:
      throw new InputError(
        'model',
        `Model type ${String(o.kind)} is not available in this build; choose one of ${Object.keys(MODEL_INFO).join(', ')}.`,
      );
  }
}

export async function restoreModel(s: SerializedModel): Promise<Model> {
  if (s.format === ENSEMBLE_FORMAT) return restoreEnsemble(s, restoreModel);
  if (s.format.startsWith('tree-ensemble')) return deserializeTreeModel(s);
  return deserializeTfModel(s);
}
