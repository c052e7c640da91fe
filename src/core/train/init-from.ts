/**
 * Retraining a saved neural model from its weights (the train request's `init_from_model`):
 * the saved model must be of the requested kind and task, read as many features, predict as
 * many classes and have the same layers. Its architecture settings fill the request's blank
 * ones, so a request that names only the training window and epochs continues the model as
 * it is; a request that sets one differently is refused with every difference named.
 */
import { InputError } from '../errors';
import { TF_PARAM_NAMES } from '../models/catalog';
import { NeuralModel } from '../models/tf';
import type { Model, ModelKind, NeuralModelKind, Task } from '../models/types';

const FIELD = 'init_from_model';

/** The request params (snake_case) that shape a network's weights or its function, by kind. */
const ARCHITECTURE: Record<NeuralModelKind, readonly string[]> = {
  mlp: ['hidden_units', 'activation'],
  lstm: ['sequence_length', 'lstm_units', 'dense_units', 'activation'],
  transformer: ['sequence_length', 'model_dim', 'heads', 'ff_units', 'blocks', 'dense_units', 'activation'],
};

const optionName = (param: string) => TF_PARAM_NAMES[param] ?? param;
const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/** The saved model as a neural model, or an InputError saying why it cannot be continued. */
export function asInitModel(init: Model, id: string, kind: ModelKind, task: Task): NeuralModel {
  if (!(init instanceof NeuralModel))
    throw new InputError(
      FIELD,
      `${id} is a ${init.kind} model: only neural models (mlp, lstm, transformer) continue from saved weights.`,
    );
  if (init.kind !== kind)
    throw new InputError(
      FIELD,
      `${id} is a ${init.kind} model and this request trains a ${kind}: choose a saved ${kind} or train ${init.kind}.`,
    );
  if (init.task !== task)
    throw new InputError(FIELD, `${id} is a ${init.task} model and the task is ${task}.`);
  return init;
}

/** The request's params with the saved model's architecture settings where the request leaves them out. */
export function paramsFromInit(
  init: NeuralModel,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  const saved = init.config.options as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const p of ARCHITECTURE[init.kind]) out[p] = saved[optionName(p)];
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/**
 * Refuses a saved model whose weights do not fit the network this request builds: another
 * feature count, class count or architecture setting (each difference named).
 */
export function checkInitFits(
  init: NeuralModel,
  id: string,
  want: { nFeatures: number; nClasses: number; params: Record<string, unknown> },
): void {
  const diffs: string[] = [];
  if (init.config.nFeatures !== want.nFeatures)
    diffs.push(
      `it reads ${init.config.nFeatures} features, this dataset's feature set has ${want.nFeatures}`,
    );
  if (init.nClasses !== want.nClasses)
    diffs.push(`it predicts ${init.nClasses} classes, this label has ${want.nClasses}`);
  const saved = init.config.options as unknown as Record<string, unknown>;
  for (const p of ARCHITECTURE[init.kind]) {
    const asked = want.params[p];
    if (asked !== undefined && JSON.stringify(asked) !== JSON.stringify(saved[optionName(p)]))
      diffs.push(`${p} is ${show(saved[optionName(p)])} there and ${show(asked)} here`);
  }
  if (diffs.length)
    throw new InputError(FIELD, `${id} cannot be continued by this request: ${diffs.join('; ')}.`);
}
