import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../core/util/progress';
import { backendLabel, computeNote, liveLossHistory, lossView, trainSymbols } from './train-view';

describe('Train panel helpers', () => {
  it('trains on every symbol of the dataset unless some are ticked', () => {
    const all = ['BTC/USDT', 'ETH/USDT'];
    expect(trainSymbols(all, [])).toEqual(all);
    expect(trainSymbols(all, ['ETH/USDT'])).toEqual(['ETH/USDT']);
    // ticks left over from another dataset do not count
    expect(trainSymbols(all, ['SOL/USDT'])).toEqual(all);
  });

  it('says where each model kind computes, and why', () => {
    for (const k of ['gbc', 'gbr', 'rfc'] as const) {
      expect(computeNote(k, 'webgpu')).toMatch(/JavaScript on CPU workers/);
      expect(computeNote(k, 'webgpu')).toMatch(/not on TensorFlow\.js/);
    }
    expect(computeNote('sgdc', 'webgpu')).toMatch(/batch size 1 .*JavaScript/);
    expect(computeNote('sgdc', 'webgpu', '256')).toBe(
      'sgdc with batch size 256 runs on TensorFlow.js on the active backend (webgpu).',
    );
    expect(computeNote('mlp', 'webgpu')).toBe('mlp runs on TensorFlow.js on the active backend (webgpu).');
    expect(computeNote('lstm', undefined)).toBe('lstm runs on TensorFlow.js on the active backend.');
  });

  it('names the backend a model was trained on for people', () => {
    expect(backendLabel('js')).toBe('JavaScript on the CPU (not TensorFlow.js)');
    expect(backendLabel('js (4 workers)')).toBe('JavaScript on 4 CPU workers (not TensorFlow.js)');
    expect(backendLabel('webgpu')).toBe('webgpu (TensorFlow.js)');
  });

  it('shows no loss area without a loss, a note after one epoch, a curve after two', () => {
    expect(lossView(null)).toEqual({ show: 'nothing' });
    expect(lossView({ loss: [] })).toEqual({ show: 'nothing' });
    expect(lossView({ loss: [null, null] })).toEqual({ show: 'nothing' });
    expect(lossView({ loss: [0.69] })).toEqual({ show: 'one-epoch' });
    expect(lossView({ loss: [0.69], valLoss: [0.7] })).toEqual({ show: 'one-epoch' });
    expect(lossView({ loss: [0.69, 0.6], valLoss: [0.7, null] })).toEqual({
      show: 'curve',
      loss: [0.69, 0.6],
      valLoss: [0.7, NaN],
    });
  });

  it('collects the live loss from progress details', () => {
    const p = (detail?: Record<string, number>): Progress => ({ stage: 'training', fraction: 0.5, detail });
    expect(liveLossHistory([p(), p({ tree: 3 })])).toEqual({ loss: [] });
    expect(liveLossHistory([p({ loss: 1 }), p({ loss: 0.8 })])).toEqual({ loss: [1, 0.8] });
    expect(liveLossHistory([p({ loss: 1, valLoss: 1.1 })])).toEqual({ loss: [1], valLoss: [1.1] });
  });
});
