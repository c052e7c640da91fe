import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { inProcessExecutor } from '../jobs/in-process';
import { loadSampleBars } from '../test-utils/sample';
import { resolveTuneRequest } from './request';
import { runTrials, setupStudy } from './study';
// Each model family tunes through the same trial unit: neural (mlp, TensorFlow.js cpu), linear
// (sgdc, the default space with its conditional schedule parameters) and forest (rfc).
it('mlp, sgdc and rfc trials run and score', async () => {
  await tf.setBackend('cpu');
  const bars = sliceBars(loadSampleBars('BTC/USDT'), 0, 3000);
  for (const model of ['mlp', 'sgdc', 'rfc'] as const) {
    const r = resolveTuneRequest({
      symbols: ['BTC/USDT'],
      model,
      trials: 2,
      batch_size: 2,
      train_window: '1500',
      test_window: '300',
      max_folds: 3,
      ...(model === 'sgdc' ? { params: { max_iter: 5 } } : {}),
      ...(model === 'mlp'
        ? {
            space: {
              units: { type: 'int', low: 4, high: 8 },
              layers: { type: 'int', low: 1, high: 2 },
              epochs: { type: 'int', low: 1, high: 2 },
              dropout: { type: 'float', low: 0, high: 0.3 },
              learning_rate: { type: 'float', low: 1e-3, high: 1e-2, log: true },
            },
          }
        : model === 'rfc'
          ? {
              space: {
                n_estimators: { type: 'int', low: 5, high: 10 },
                max_depth: { type: 'int', low: 2, high: 4 },
                max_features: { type: 'categorical', choices: ['sqrt', 0.5] },
              },
            }
          : {}),
    });
    const t = await runTrials({ setup: setupStudy(r, [bars]), executor: inProcessExecutor() });
    expect(t).toHaveLength(2);
    for (const x of t) expect(Number.isFinite(x.value)).toBe(true);
  }
}, 120_000);
