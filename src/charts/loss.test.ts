import { describe, expect, it } from 'vitest';
import { lossOption } from './loss';
import { renderOption, view } from './test-utils/chart-test';

const history = { loss: [0.6931, 0.6902, 0.6885, 0.6879], valLoss: [0.6934, 0.6921, 0.6925, 0.6931] };

describe('lossOption', () => {
  it('draws training and validation loss against epochs 1..n', () => {
    const o = view(lossOption(history));
    expect(o.xAxis.map((a) => [a.type, a.name, a.data])).toEqual([['category', 'epoch', [1, 2, 3, 4]]]);
    expect(o.yAxis.map((a) => [a.name, a.scale])).toEqual([['loss', true]]);
    expect(o.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['loss', 'line', history.loss],
      ['validation loss', 'line', history.valLoss],
    ]);
  });

  it('has no validation line without validation rows, and names the x axis as asked', () => {
    const o = view(lossOption({ loss: [0.69, 0.68] }, 'iteration'));
    expect(o.series.map((s) => s.name)).toEqual(['loss']);
    expect(o.xAxis[0].name).toBe('iteration');
  });

  it("draws with the app's ECharts setup", () => {
    expect(renderOption(lossOption(history)).complaints).toEqual([]);
  });
});
