/**
 * Public surface of src/core/models/tf: the TensorFlow.js-family models (sgdc, sgdr, mlp,
 * lstm), their fitting functions, (de)serialization and the plain-object IOHandler.
 * The tfjs backend is chosen by the caller (worker or test) before any of this runs.
 */
export type {
  SgdOptions,
  SgdLoss,
  LearningRateSchedule,
  SgdOptimizer,
  SgdEngine,
  ClassWeightOption,
} from './sgd/config';
export { SGDC_DEFAULTS, SGDR_DEFAULTS, resolveSgdOptions } from './sgd/config';
export { fitSgd, classWeightsFor, type SgdFitInput, type SgdFitResult } from './sgd/fit';
export { SgdLinearModel, deserializeSgdModel, SGD_FORMAT } from './sgd/linear-model';
export { learningRateAt, optimalInit } from './sgd/math';

export type { MlpOptions, LstmOptions, NeuralTrainOptions, Activation } from './neural/options';
export type { TransformerOptions } from './neural/options';
export {
  MLP_DEFAULTS,
  LSTM_DEFAULTS,
  TRANSFORMER_DEFAULTS,
  resolveMlpOptions,
  resolveLstmOptions,
  resolveTransformerOptions,
} from './neural/options';
export {
  fitMlp,
  fitLstm,
  fitTransformer,
  fineTuneNeural,
  type MlpFitInput,
  type LstmFitInput,
  type TransformerFitInput,
  type NeuralFitResult,
} from './neural/fit';
export {
  NeuralModel,
  deserializeNeuralModel,
  TFJS_LAYERS_FORMAT,
  type NeuralModelConfig,
  type SequenceContext,
} from './neural/neural-model';
export {
  buildSequences,
  packSequences,
  withHistory,
  type BuildSequencesOptions,
  type Sequences,
} from './neural/sequences';
export { SeededDropout } from './neural/seeded-dropout';
export { PositionalEncoding, TransformerEncoder, multiHeadSelfAttention } from './neural/attention';

export {
  plainIOHandler,
  toModelJsonFiles,
  fromModelJsonFiles,
  type PlainModelArtifacts,
  type PlainIOHandler,
} from './io/plain-io';
export type { TfFitReport } from './report';

import type { SerializedModel } from '../types';
import { deserializeNeuralModel, type NeuralModel } from './neural/neural-model';
import { deserializeSgdModel, type SgdLinearModel } from './sgd/linear-model';
import { DataError } from '../../errors';

/** Restores any model of this folder from `serialize()` output (async: tfjs loading is). */
export async function deserializeTfModel(s: SerializedModel): Promise<SgdLinearModel | NeuralModel> {
  if (s.kind === 'sgdc' || s.kind === 'sgdr') return deserializeSgdModel(s);
  if (s.kind === 'mlp' || s.kind === 'lstm' || s.kind === 'transformer') return deserializeNeuralModel(s);
  throw new DataError('bad-model', `not a TensorFlow.js-family model: ${s.kind}`);
}
