import { describe, expect, it } from 'vitest';
import { confusionOption } from './confusion';
import { renderOption, view } from './test-utils/chart-test';

// a ternary classifier's validation rows: rows = actual, columns = predicted
const classes = ['down', 'flat', 'up'];
const counts = Int32Array.from([120, 40, 95, 30, 210, 45, 88, 52, 130]);

describe('confusionOption', () => {
  it('lays predicted classes along x and actual ones down y, first class on top', () => {
    const o = view(confusionOption(counts, 3, classes));
    expect(o.xAxis.map((a) => [a.type, a.name, a.data])).toEqual([['category', 'predicted', classes]]);
    expect(o.yAxis.map((a) => [a.type, a.name, a.data, a.inverse])).toEqual([
      ['category', 'actual', classes, true],
    ]);
    expect(o.series.map((s) => [s.type, s.label?.show])).toEqual([['heatmap', true]]);
  });

  it('gives one [predicted, actual, count] cell per pair, coloured up to the largest count', () => {
    const o = view(confusionOption(counts, 3, classes));
    const cells = o.series[0].data as [number, number, number][];
    expect(cells).toHaveLength(9);
    // actual "flat" (row 1) predicted "up" (column 2)
    expect(cells).toContainEqual([2, 1, 45]);
    // actual "up" predicted "down"
    expect(cells).toContainEqual([0, 2, 88]);
    expect(cells.reduce((s, c) => s + c[2], 0)).toBe(810);
    expect(o.visualMap).toMatchObject({ min: 0, max: 210 });
    // the tooltip names the cell in words
    expect(o.tooltip?.formatter?.({ value: [2, 1, 45] })).toBe('actual flat, predicted up: 45');
  });

  it('keeps a usable colour scale when every count is 0', () => {
    const o = view(confusionOption([0, 0, 0, 0], 2, ['down', 'up']));
    expect(o.visualMap?.max).toBe(1);
    expect(o.series[0].data).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ]);
  });

  it("draws with the app's ECharts setup", () => {
    const r = renderOption(confusionOption(counts, 3, classes));
    expect(r.complaints).toEqual([]);
    expect(r.svg).toContain('210');
  });
});
