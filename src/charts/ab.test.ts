import { describe, expect, it } from 'vitest';
import { cumulativeDifferenceOption, intervalOption } from './ab';
import { renderOption, view } from './test-utils/chart-test';

describe('intervalOption', () => {
  const rows = [
    { label: 'B vs A', estimate: 0.4, lo: -0.2, hi: 1.1 },
    { label: 'C vs A', estimate: -0.9, lo: -1.5, hi: NaN },
  ];
  it('draws one segment per comparison from lo to hi, the estimates as points, and zero dashed', () => {
    const o = view(intervalOption(rows, 'Sharpe difference (a year)'));
    expect(o.yAxis[0]).toMatchObject({ type: 'category', data: ['B vs A', 'C vs A'] });
    expect(o.xAxis[0].name).toBe('Sharpe difference (a year)');
    expect(o.series.map((s) => s.type)).toEqual(['line', 'line', 'scatter']);
    expect(o.series[0].data).toEqual([
      [-0.2, 'B vs A'],
      [1.1, 'B vs A'],
    ]);
    expect(o.series[1].data[1]).toEqual([null, 'C vs A']); // a bound that is not a number is a gap
    expect(o.series[2].data).toEqual([
      [0.4, 'B vs A'],
      [-0.9, 'C vs A'],
    ]);
    expect(o.series[2].markLine?.data).toEqual([{ xAxis: 0 }]);
  });
  it('renders with the registered chart parts', () => {
    expect(renderOption(intervalOption(rows, 'x')).complaints).toEqual([]);
  });
});

describe('cumulativeDifferenceOption', () => {
  const c = {
    time: [0, 3_600_000, 7_200_000],
    observed: [0.01, 0.0, -0.02],
    lo: [-0.01, -0.02, -0.03],
    hi: [0.01, 0.02, 0.03],
    name: 'B - A',
  };
  it('draws the observed cumulative difference between the dashed band lines', () => {
    const o = view(cumulativeDifferenceOption(c));
    expect(o.legend?.data).toEqual(['B - A', 'band if equal (95%)']);
    expect(o.series.map((s) => [s.name, s.lineStyle?.type])).toEqual([
      ['B - A', undefined],
      ['band if equal (95%)', 'dashed'],
      ['band if equal (95%)', 'dashed'],
    ]);
    expect(o.series[0].data).toEqual([
      [0, 0.01],
      [3_600_000, 0],
      [7_200_000, -0.02],
    ]);
    expect(o.series[1].data[2]).toEqual([7_200_000, 0.03]);
    expect(o.series[2].data[0]).toEqual([0, -0.01]);
    expect(renderOption(cumulativeDifferenceOption(c)).complaints).toEqual([]);
  });
});
