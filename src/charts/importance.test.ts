import { describe, expect, it } from 'vitest';
import { importanceOption } from './importance';
import { renderOption, view } from './test-utils/chart-test';

// gain importance of a gbc on the seed's features
const importance = {
  rsi_14: 0.1834,
  macd_hist: 0.0912,
  ret_1: 0.2417,
  bb_width: 0.0523411234,
  volume_z: Number.NaN,
  atr_14: 0.1441,
};

describe('importanceOption', () => {
  it('draws horizontal bars, largest on top (ECharts puts the last category on top)', () => {
    const o = view(importanceOption(importance));
    expect(o.xAxis.map((a) => [a.type, a.name])).toEqual([['value', 'Importance']]);
    expect(o.yAxis.map((a) => [a.type, a.data])).toEqual([
      ['category', ['bb_width', 'macd_hist', 'atr_14', 'rsi_14', 'ret_1']],
    ]);
    expect(o.series.map((s) => s.type)).toEqual(['bar']);
    expect(o.series[0].data).toEqual([0.052341, 0.0912, 0.1441, 0.1834, 0.2417]);
  });

  it('leaves out a feature without a finite value, and takes a title', () => {
    const o = view(importanceOption({ ret_1: 0.01, x: Infinity }, 'Permutation AUC drop'));
    expect(o.yAxis[0].data).toEqual(['ret_1']);
    expect(o.xAxis[0].name).toBe('Permutation AUC drop');
  });

  it("draws with the app's ECharts setup, nothing to show included", () => {
    const r = renderOption(importanceOption(importance));
    expect(r.complaints).toEqual([]);
    expect(r.svg).toContain('ret_1');
    expect(renderOption(importanceOption({})).complaints).toEqual([]);
  });
});
