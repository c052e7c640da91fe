// Tiny neural requests for the live loop's replay tests (cpu backend, seconds per test).
import { smallGbcRequest } from '../../walkforward/test-utils/fixtures';
import type { WalkForwardRequest } from '../../walkforward/types';

/** A tiny lstm: 4 rows of context, 4 units, 2 epochs; folds of 300 / 100 bars. */
export const tinyLstm: WalkForwardRequest = smallGbcRequest({
  model: {
    model_id: 'lstm_classification_20250101_000000',
    kind: 'lstm',
    task: 'classification',
    target_horizon: 12,
    params: { sequence_length: 4, lstm_units: [4], dense_units: [], epochs: 2, batch_size: 64, patience: 1 },
  },
  train_window: '300',
  test_window: '100',
});

/** A tiny mlp (8 units, the default dropout 0.1), same folds, fine-tuning online every 8 revealed labels. */
export const tinyOnlineMlp: WalkForwardRequest = smallGbcRequest({
  model: {
    model_id: 'mlp_classification_20250101_000000',
    kind: 'mlp',
    task: 'classification',
    target_horizon: 12,
    params: { hidden_units: [8], epochs: 2, batch_size: 64, patience: 1 },
  },
  train_window: '300',
  test_window: '100',
  online: true,
  online_batch: 8,
});
