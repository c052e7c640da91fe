import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { runTraining, type DatasetRef } from './train-job';
import type { TrainRequest } from './request';

const dataset: DatasetRef = {
  id: 'sample/binance-ohlcv-1h-btc-eth',
  revision: null,
  commit: null,
  hubUrl: null,
  files: [],
};
const base: TrainRequest = {
  dataset: dataset.id,
  symbols: ['BTC/USDT'],
  task: 'classification',
  target_horizon: 12,
  model: 'gbc',
  train_window: '365d',
  valid_window: '30d',
  seed: 7,
};

describe('training job on the real sample', () => {
  it('trains gbc with purged, time-ordered windows and reports metrics beside the baseline', async () => {
    const stages: string[] = [];
    const r = await runTraining({
      request: base,
      bars: [loadSampleBars('BTC/USDT')],
      dataset,
      appVersion: 'test',
      onProgress: (p) => stages.push(`${p.stage}:${p.fraction.toFixed(1)}`),
      now: () => Date.UTC(2025, 0, 8, 12, 34, 56),
    });
    expect(r.modelId).toBe('gbc_classification_20250108_123456');
    const m = r.metrics;
    expect(m.split.train_rows).toBe(8760 - 12); // 365 days of hourly bars, the last 12 purged
    expect(m.split.purged_rows).toBe(12);
    expect(m.split.valid_rows).toBe(720); // the last 30 days of labelled rows
    expect(Date.parse(m.split.valid_start) - Date.parse(m.split.train_start)).toBe(8760 * 3_600_000);
    expect(m.features.names).toHaveLength(19);
    expect(m.scaler.mean).toHaveLength(19);
    const v = m.validation.metrics;
    expect(v.rows).toBe(720);
    expect(v.rocAuc).toBeGreaterThan(0);
    expect(v.rocAuc).toBeLessThan(1);
    expect(m.validation.baseline.rocAuc).toBe(0.5);
    expect(Object.keys(m.importance.gain ?? {})).toEqual(m.features.names);
    // permutation importance on the validation window: the baseline is the validation AUC
    expect(m.importance.permutation?.scorer).toBe('roc_auc');
    expect(m.importance.permutation?.baseline).toBeCloseTo(v.rocAuc!, 12);
    expect(Object.keys(m.importance.permutation?.mean ?? {})).toEqual(m.features.names);
    expect(stages[0]).toBe('data:0.2');
    expect(stages).toContain('features:0.4');
    expect(stages.at(-1)).toBe('evaluation:0.8');
  });

  it('is bit-for-bit reproducible with the same seed', async () => {
    const run = () =>
      runTraining({ request: base, bars: [loadSampleBars('BTC/USDT')], dataset, appVersion: 'test' });
    const [a, b] = await Promise.all([run(), run()]);
    expect(Buffer.from(a.serialized.payload['nodes.bin'] ?? Object.values(a.serialized.payload)[0])).toEqual(
      Buffer.from(b.serialized.payload['nodes.bin'] ?? Object.values(b.serialized.payload)[0]),
    );
    expect(JSON.stringify(a.serialized.header)).toBe(JSON.stringify(b.serialized.header));
  });

  it('pools several symbols and reports per-symbol validation', async () => {
    const r = await runTraining({
      request: { ...base, symbols: ['BTC/USDT', 'ETH/USDT'], params: { n_estimators: 20 } },
      bars: [loadSampleBars('BTC/USDT'), loadSampleBars('ETH/USDT')],
      dataset,
      appVersion: 'test',
    });
    expect(Object.keys(r.metrics.validation_per_symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(r.metrics.split.train_rows).toBe(2 * (8760 - 12));
  });

  it('refuses a regression model for a classification task with a message that says what to do', async () => {
    await expect(
      runTraining({
        request: { ...base, model: 'gbr' },
        bars: [loadSampleBars('BTC/USDT')],
        dataset,
        appVersion: 't',
      }),
    ).rejects.toThrow(/regression model.*pick a classification model/);
  });
});
