import { describe, expect, it } from 'vitest';
import { foldsOption } from './folds';
import { renderOption, view, type ItemView } from './test-utils/chart-test';

const folds = [
  { label: '2023-01', returnPct: 4.2, quality: 0.54 },
  { label: '2023-02', returnPct: -1.8, quality: 0.51 },
  { label: '2023-03', returnPct: 0, quality: null },
  { label: '2023-04', returnPct: null, quality: 0.49 },
];

describe('foldsOption', () => {
  it('draws return bars on the left axis and model quality as a line on the right, one category per fold', () => {
    const o = view(foldsOption(folds, 'AUC'));
    expect(o.xAxis.map((a) => [a.type, a.name, a.data])).toEqual([
      ['category', 'fold', ['2023-01', '2023-02', '2023-03', '2023-04']],
    ]);
    expect(o.yAxis.map((a) => a.name)).toEqual(['return %', 'AUC']);
    expect(o.series.map((s) => [s.name, s.type, s.yAxisIndex ?? 0])).toEqual([
      ['Return %', 'bar', 0],
      ['AUC', 'line', 1],
    ]);
    expect(o.legend?.data).toEqual(['Return %', 'AUC']);
  });

  it('colours gains green and losses red, and leaves gaps for folds without a value', () => {
    const o = view(foldsOption(folds, 'AUC'));
    const bars = o.series[0].data as ItemView[];
    expect(bars.map((b) => b.value)).toEqual([4.2, -1.8, 0, null]);
    expect(bars.map((b) => b.itemStyle?.color)).toEqual(['#16a34a', '#dc2626', '#16a34a', '#16a34a']);
    expect(o.series[1].data).toEqual([0.54, 0.51, null, 0.49]);
  });

  it("draws with the app's ECharts setup, no folds included", () => {
    expect(renderOption(foldsOption(folds, 'R²')).complaints).toEqual([]);
    expect(renderOption(foldsOption([], 'AUC')).complaints).toEqual([]);
  });
});
