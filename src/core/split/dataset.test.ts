// buildDataset on the real sample: row accounting, alignment with features and labels,
// pooling order, the unlabelled tail, and determinism.
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { computeFeatures } from '../features/compute';
import { makeLabels } from '../labels/labels';
import { buildDataset } from './dataset';

describe('buildDataset', () => {
  const btc = loadSampleBars('BTC/USDT');
  const eth = loadSampleBars('ETH/USDT');
  const n = btc.close.length;

  it('one symbol, strict warm-up: rows = bars - 199 warm-up - 12 unlabelled', () => {
    const ds = buildDataset({ barsBySymbol: [btc], label: { kind: 'binary', horizon: 12 } });
    expect(ds.warmupMode).toBe('strict');
    expect(ds.excludedWarmupRows).toBe(199);
    expect(ds.unlabeledRows).toBe(12);
    expect(ds.X.rows).toBe(n - 199 - 12);
    expect(ds.X.cols).toBe(19);
    expect(ds.barIndex[0]).toBe(199);
    expect(ds.barIndex[ds.X.rows - 1]).toBe(n - 13);
    expect(ds.barMs).toBe(3_600_000);
    expect(ds.label.nClasses).toBe(2);
    expect(Array.from(ds.unlabeled.barIndex)).toEqual(Array.from({ length: 12 }, (_, i) => n - 12 + i));
    expect(ds.unlabeled.X.rows).toBe(12);
  });

  it('rows carry the features and labels of their bars', () => {
    const ds = buildDataset({
      barsBySymbol: [btc],
      label: { kind: 'regression', horizon: 6 },
      warmup: 'seed',
    });
    const f = computeFeatures(btc, { warmup: 'seed' });
    const l = makeLabels(btc.close, { kind: 'regression', horizon: 6 });
    expect(ds.barIndex[0]).toBe(24);
    for (let r = 0; r < ds.X.rows; r += 997) {
      const t = ds.barIndex[r];
      for (let j = 0; j < 19; j++) expect(ds.X.columns[j][r]).toBe(f.columns[j][t]);
      expect(ds.y[r]).toBe(l.y[t]);
      expect(ds.time[r]).toBe(btc.time[t]);
      expect(ds.labelTime[r]).toBe(btc.time[t + 6]);
      expect(ds.forwardReturn[r]).toBe(btc.close[t + 6] / btc.close[t] - 1);
    }
    const u = ds.unlabeled;
    for (let k = 0; k < u.X.rows; k++) expect(u.X.columns[3][k]).toBe(f.columns[3][u.barIndex[k]]);
  });

  it('pools symbols by symbol then time, each a contiguous block', () => {
    const ds = buildDataset({ barsBySymbol: [btc, eth], label: { kind: 'ternary', horizon: 12 } });
    expect(ds.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    const [a, b] = ds.perSymbol;
    expect(a.rowStart).toBe(0);
    expect(a.rowEnd).toBe(b.rowStart);
    expect(b.rowEnd).toBe(ds.X.rows);
    expect(ds.X.rows).toBe(2 * (n - 199 - 12));
    expect(ds.unlabeledRows).toBe(24);
    expect(ds.excludedWarmupRows).toBe(398);
    for (let r = 1; r < ds.X.rows; r++) {
      const same = ds.symbolIndex[r] === ds.symbolIndex[r - 1];
      if (same && !(ds.time[r] > ds.time[r - 1])) expect.fail(`row ${r} out of time order`);
      if (!same) expect(r).toBe(b.rowStart);
    }
    expect(ds.label.threshold).toBe(0.005);
    expect(new Set(ds.y)).toEqual(new Set([0, 1, 2]));
  });

  it('is deterministic: two builds give identical bytes', () => {
    const o = { barsBySymbol: [eth], label: { kind: 'binary' as const, horizon: 12 } };
    const a = buildDataset(o);
    const b = buildDataset(o);
    for (let j = 0; j < 19; j++) {
      expect(Buffer.from(a.X.columns[j].buffer).equals(Buffer.from(b.X.columns[j].buffer))).toBe(true);
    }
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
  });

  it('rejects an empty symbol list', () => {
    expect(() => buildDataset({ barsBySymbol: [], label: { kind: 'binary', horizon: 1 } })).toThrow();
  });
});
