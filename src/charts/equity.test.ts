import { describe, expect, it } from 'vitest';
import { equityCompareOption, equityOption } from './equity';
import { BTC_FIRST_HOURS, renderOption, view } from './test-utils/chart-test';

const time = BTC_FIRST_HOURS.time;
// a long position over the first hours of 2020 from 10,000, its drawdown (a fraction <= 0),
// and buy-and-hold on the closes
const equity = [10_000, 10_053.95, 10_092.64, 10_069.85, NaN, 10_067.99];
const drawdown = [0, 0, 0, -0.002258, -0.003332, -0.002442];
const buyAndHold = BTC_FIRST_HOURS.close.map((c) => (10_000 * c) / 7171.55);

describe('equityOption', () => {
  it('draws strategy and buy-and-hold above, drawdown in percent below, on linked time axes', () => {
    const o = view(equityOption({ time, equity, drawdown, buyAndHold }));
    expect(o.xAxis.map((a) => [a.type, a.gridIndex])).toEqual([
      ['time', 0],
      ['time', 1],
    ]);
    expect(o.yAxis.map((a) => [a.name, a.gridIndex, a.max])).toEqual([
      ['equity', 0, undefined],
      ['drawdown %', 1, 0],
    ]);
    expect(o.series.map((s) => [s.name, s.type, s.xAxisIndex ?? 0, s.yAxisIndex ?? 0])).toEqual([
      ['Strategy', 'line', 0, 0],
      ['Buy and hold', 'line', 0, 0],
      ['Drawdown %', 'line', 1, 1],
    ]);
    expect(o.legend?.data).toEqual(['Strategy', 'Buy and hold', 'Drawdown %']);
  });

  it('pairs values with times, drawdown times 100, and leaves a gap for a missing value', () => {
    const o = view(equityOption({ time, equity, drawdown, buyAndHold }));
    expect(o.series[0].data[1]).toEqual([time[1], 10_053.95]);
    expect(o.series[0].data[4]).toEqual([time[4], null]);
    expect(o.series[1].data[5]).toEqual([time[5], (10_000 * 7220.31) / 7171.55]);
    const dd = o.series[2].data as [number, number][];
    expect(dd.map((p) => p[0])).toEqual(time);
    expect(dd[4][1]).toBeCloseTo(-0.3332, 12);
    expect(Math.max(...dd.map((p) => p[1]))).toBe(0);
  });

  it('leaves buy-and-hold out when there is none', () => {
    for (const bh of [undefined, null]) {
      const o = view(equityOption({ time, equity, drawdown, buyAndHold: bh }));
      expect(o.series.map((s) => s.name)).toEqual(['Strategy', 'Drawdown %']);
    }
  });

  it("draws with the app's ECharts setup", () => {
    const r = renderOption(equityOption({ time, equity, drawdown, buyAndHold }));
    expect(r.complaints).toEqual([]);
    expect(r.option.series).toHaveLength(3);
  });
});

describe('equityCompareOption', () => {
  const runs = [
    { name: 'gbc 365d/30d', time, equity: [10_000, 10_100, 10_050, 10_200, 10_150, 10_300] },
    { name: 'sgdc online', time: time.slice(2), equity: [5_000, 4_900, 5_100, 5_250] },
  ];

  it('puts one line per run, each scaled to start at 1, on one time axis', () => {
    const o = view(equityCompareOption(runs));
    expect(o.xAxis.map((a) => a.type)).toEqual(['time']);
    expect(o.yAxis[0].name).toBe('equity (start = 1)');
    expect(o.legend?.data).toEqual(['gbc 365d/30d', 'sgdc online']);
    expect(o.series.map((s) => [s.name, s.type, s.data.length])).toEqual([
      ['gbc 365d/30d', 'line', 6],
      ['sgdc online', 'line', 4],
    ]);
    expect(o.series[0].data[0]).toEqual([time[0], 1]);
    expect(o.series[0].data[5]).toEqual([time[5], 1.03]);
    expect(o.series[1].data).toEqual([
      [time[2], 1],
      [time[3], 0.98],
      [time[4], 1.02],
      [time[5], 1.05],
    ]);
  });

  it('does not divide by a zero start', () => {
    const o = view(equityCompareOption([{ name: 'flat start', time: time.slice(0, 2), equity: [0, 5] }]));
    expect(o.series[0].data).toEqual([
      [time[0], 0],
      [time[1], 5],
    ]);
  });

  it("draws with the app's ECharts setup, no runs included", () => {
    expect(renderOption(equityCompareOption(runs)).complaints).toEqual([]);
    expect(renderOption(equityCompareOption([])).complaints).toEqual([]);
  });
});
