/**
 * Hyperparameters of the neural models (`mlp`, `lstm`, `transformer`) with defaults sized for training
 * in a browser tab on a year of hourly bars.
 */
import { InputError } from '../../../errors';

export type Activation = 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'elu', 'selu', 'sigmoid', 'linear'];

export interface NeuralTrainOptions {
  epochs: number;
  batchSize: number;
  /** Adam learning rate */
  learningRate: number;
  /** L2 penalty on dense kernels (0 = none) */
  l2: number;
  /** dropout rate after each hidden dense layer (0 = none) */
  dropout: number;
  /** early stopping: epochs without a validation-loss improvement before stopping (needs validation rows) */
  patience: number;
  /**
   * early stopping from fitted weights (a warm start): epochs without beating the starting
   * weights' validation loss, or the best since, before stopping (default 1)
   */
  warmPatience: number;
  /** keep the weights of the best validation epoch (default true) */
  restoreBest: boolean;
  seed: number;
  /** batches per model.fit call; cancel is checked between calls (long epochs) */
  chunkBatches: number;
}

export interface MlpOptions extends NeuralTrainOptions {
  hiddenUnits: number[];
  activation: Activation;
}

export interface LstmOptions extends NeuralTrainOptions {
  /** rows per input sequence (the last N feature rows up to and including the predicted row) */
  sequenceLength: number;
  /** one or two LSTM layers */
  lstmUnits: number[];
  /** dense layers after the LSTM */
  denseUnits: number[];
  activation: Activation;
}

export interface TransformerOptions extends NeuralTrainOptions {
  /** rows per input sequence (the last N feature rows up to and including the predicted row) */
  sequenceLength: number;
  /** width of the token vectors (the input rows are projected to it) */
  modelDim: number;
  /** attention heads; modelDim must be a multiple of it */
  heads: number;
  /** width of the feed-forward layer inside each encoder block */
  ffUnits: number;
  /** encoder blocks */
  blocks: number;
  /** dense layers after the pooled encoder output */
  denseUnits: number[];
  activation: Activation;
}

const TRAIN: NeuralTrainOptions = {
  epochs: 50,
  batchSize: 64,
  learningRate: 1e-3,
  l2: 0,
  dropout: 0.1,
  patience: 5,
  warmPatience: 1,
  restoreBest: true,
  seed: 0,
  chunkBatches: 64,
};

export const MLP_DEFAULTS: MlpOptions = { ...TRAIN, hiddenUnits: [64, 32], activation: 'relu' };
export const LSTM_DEFAULTS: LstmOptions = {
  ...TRAIN,
  epochs: 20,
  patience: 3,
  sequenceLength: 48,
  lstmUnits: [32],
  denseUnits: [16],
  activation: 'relu',
};

/**
 * Sized to train on a year of hourly bars (8,717 sequences of 32 bars) in seconds on wasm:
 * batch 256 (a quarter of the optimizer steps and per-step dispatches of batch 64) with a
 * learning rate of 3e-3 to match, 16 wide with 2 heads (model_dim 8 trained faster but its
 * validation AUC fell from ~0.64 to ~0.55 on that year), up to 8 epochs with patience 2: the
 * year's best validation epoch was the 8th of 10 at these settings (README: Transformer defaults).
 */
export const TRANSFORMER_DEFAULTS: TransformerOptions = {
  ...TRAIN,
  epochs: 8,
  patience: 2,
  batchSize: 256,
  learningRate: 3e-3,
  sequenceLength: 32,
  modelDim: 16,
  heads: 2,
  ffUnits: 32,
  blocks: 1,
  denseUnits: [],
  activation: 'relu',
};

function checkCommon(o: NeuralTrainOptions): void {
  const posInt = (v: number, name: string, field: string) => {
    if (!Number.isInteger(v) || v < 1) throw new InputError(field, `${name} must be a positive integer`);
  };
  // 0 epochs only means something from saved weights (fit refuses it for a fresh network)
  if (!Number.isInteger(o.epochs) || o.epochs < 0)
    throw new InputError('params.epochs', 'epochs must be a whole number (0 or more)');
  posInt(o.batchSize, 'batchSize', 'params.batch_size');
  posInt(o.chunkBatches, 'chunkBatches', 'params.chunkBatches');
  if (!(o.learningRate > 0)) throw new InputError('params.learning_rate', 'learningRate must be > 0');
  if (!(o.dropout >= 0 && o.dropout < 1)) throw new InputError('params.dropout', 'dropout must be in [0, 1)');
  if (!(o.l2 >= 0)) throw new InputError('params.l2', 'l2 must be >= 0');
  if (!(Number.isInteger(o.patience) && o.patience >= 0))
    throw new InputError('params.patience', 'patience must be an integer >= 0');
  if (!(Number.isInteger(o.warmPatience) && o.warmPatience >= 1))
    throw new InputError('params.warmPatience', 'warmPatience must be an integer >= 1');
}

function checkActivation(a: unknown): void {
  if (!(ACTIVATIONS as readonly unknown[]).includes(a))
    throw new InputError(
      'params.activation',
      `activation must be one of ${ACTIVATIONS.join(', ')}; got ${String(a)}`,
    );
}

export function resolveMlpOptions(o: Partial<MlpOptions> = {}): MlpOptions {
  const r = { ...MLP_DEFAULTS, ...o };
  checkCommon(r);
  checkActivation(r.activation);
  if (r.hiddenUnits.some((u) => !Number.isInteger(u) || u < 1))
    throw new InputError('params.hidden_units', 'hiddenUnits must be positive integers');
  return r;
}

export function resolveLstmOptions(o: Partial<LstmOptions> = {}): LstmOptions {
  const r = { ...LSTM_DEFAULTS, ...o };
  checkCommon(r);
  checkActivation(r.activation);
  if (r.lstmUnits.length < 1 || r.lstmUnits.length > 2)
    throw new InputError('params.lstm_units', 'lstmUnits: one or two LSTM layers');
  const badWidth = (u: number) => !Number.isInteger(u) || u < 1;
  if (r.lstmUnits.some(badWidth) || r.denseUnits.some(badWidth)) {
    const field = r.lstmUnits.some(badWidth) ? 'params.lstm_units' : 'params.dense_units';
    throw new InputError(field, 'layer widths must be positive integers');
  }
  if (!Number.isInteger(r.sequenceLength) || r.sequenceLength < 1)
    throw new InputError('params.sequence_length', 'sequenceLength must be >= 1');
  return r;
}

export function resolveTransformerOptions(o: Partial<TransformerOptions> = {}): TransformerOptions {
  const r = { ...TRANSFORMER_DEFAULTS, ...o };
  checkCommon(r);
  checkActivation(r.activation);
  const posInt = (v: number, field: string, what: string) => {
    if (!Number.isInteger(v) || v < 1) throw new InputError(field, `${what} must be a positive integer`);
  };
  posInt(r.sequenceLength, 'params.sequence_length', 'sequenceLength');
  posInt(r.modelDim, 'params.model_dim', 'modelDim');
  posInt(r.heads, 'params.heads', 'heads');
  posInt(r.ffUnits, 'params.ff_units', 'ffUnits');
  posInt(r.blocks, 'params.blocks', 'blocks');
  if (r.blocks > 4) throw new InputError('params.blocks', 'blocks: 1 to 4 encoder blocks');
  if (r.modelDim % r.heads !== 0)
    throw new InputError(
      'params.heads',
      `model_dim (${r.modelDim}) must be a multiple of heads (${r.heads})`,
    );
  if (r.denseUnits.some((u) => !Number.isInteger(u) || u < 1))
    throw new InputError('params.dense_units', 'layer widths must be positive integers');
  return r;
}
