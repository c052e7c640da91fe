import { describe, expect, it } from 'vitest';
import { gaHistoryOption, type GaHistoryPoint } from './ga';
import { renderOption, view } from './test-utils/chart-test';

const point = (fold: number, generation: number, best: number, median: number, feasible: number) =>
  ({ fold, generation, best, median, feasible, population: 50 }) as GaHistoryPoint;

const oneFold = [point(0, 0, 0.41, -0.2, 12), point(0, 1, 0.63, 0.05, 25), point(0, 2, 0.88, 0.31, 40)];
const twoFolds = [...oneFold, point(1, 0, 0.35, -0.4, 10), point(1, 1, 0.52, 0.02, 31)];

describe('gaHistoryOption', () => {
  it('one fold: best and median per generation above, the feasible share below', () => {
    const o = view(gaHistoryOption(oneFold, 'Sharpe ratio'));
    expect(o.xAxis.map((a) => [a.data, a.gridIndex])).toEqual([
      [['1', '2', '3'], 0],
      [['1', '2', '3'], 1],
    ]);
    expect(o.xAxis[1].name).toBe('generation');
    expect(o.yAxis.map((a) => [a.name, a.min, a.max])).toEqual([
      ['Sharpe ratio', undefined, undefined],
      ['feasible %', 0, 100],
    ]);
    expect(o.series.map((s) => [s.name, s.type, s.xAxisIndex ?? 0, s.yAxisIndex ?? 0])).toEqual([
      ['best', 'line', 0, 0],
      ['median', 'line', 0, 0],
      ['feasible %', 'bar', 1, 1],
    ]);
    expect(o.series[0].data).toEqual([0.41, 0.63, 0.88]);
    expect(o.series[1].data).toEqual([-0.2, 0.05, 0.31]);
    expect(o.series[2].data).toEqual([24, 50, 80]);
    expect(o.series[0].showSymbol).toBe(true);
    expect(o.series[0].markLine).toBeUndefined();
  });

  it('several folds: labels name fold and generation, and a dashed line marks where each fold starts', () => {
    const o = view(gaHistoryOption(twoFolds, 'Calmar ratio'));
    expect(o.xAxis[0].data).toEqual(['F1 g1', 'F1 g2', 'F1 g3', 'F2 g1', 'F2 g2']);
    expect(o.xAxis[1].name).toBe('fold, generation');
    expect(o.series[0].markLine?.data).toEqual([{ xAxis: 'F2 g1' }]);
    expect(o.series[0].showSymbol).toBe(false);
  });

  it('leaves out unbounded objective values and an empty population', () => {
    const pts = [
      point(0, 0, Infinity, 1e12, 0),
      point(0, 1, 2.5, NaN, 5),
      { ...point(0, 2, -1e9, -3, 0), population: 0 },
    ];
    const o = view(gaHistoryOption(pts, 'Sortino ratio'));
    expect(o.series[0].data).toEqual([null, 2.5, null]);
    expect(o.series[1].data).toEqual([null, null, -3]);
    expect(o.series[2].data).toEqual([0, 10, null]);
  });

  it("draws with the app's ECharts setup", () => {
    expect(renderOption(gaHistoryOption(oneFold, 'Sharpe ratio')).complaints).toEqual([]);
    const r = renderOption(gaHistoryOption(twoFolds, 'Sharpe ratio'));
    expect(r.complaints).toEqual([]);
    expect(r.option.series).toHaveLength(3);
  });
});
