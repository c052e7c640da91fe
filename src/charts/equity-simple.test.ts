import { describe, expect, it } from 'vitest';
import { simpleEquityOption } from './equity-simple';
import { BTC_FIRST_HOURS, renderOption, view } from './test-utils/chart-test';

const time = BTC_FIRST_HOURS.time;
const equity = [10_000, 10_053.95, 10_092.64, 10_069.85, 10_058.92, 10_067.99];
const buyAndHold = BTC_FIRST_HOURS.close.map((c) => (10_000 * c) / 7171.55);

describe('simpleEquityOption', () => {
  it('draws the strategy against dashed buy-and-hold on one time axis', () => {
    const o = view(simpleEquityOption({ time, equity, buyAndHold, name: 'Optimised (out of sample)' }));
    expect(o.xAxis.map((a) => a.type)).toEqual(['time']);
    expect(o.yAxis.map((a) => a.name)).toEqual(['equity']);
    expect(o.legend?.data).toEqual(['Optimised (out of sample)', 'Buy and hold']);
    expect(o.series.map((s) => [s.name, s.type, s.sampling, s.lineStyle?.type])).toEqual([
      ['Optimised (out of sample)', 'line', 'lttb', undefined],
      ['Buy and hold', 'line', 'lttb', 'dashed'],
    ]);
    expect(o.series[0].data).toEqual(time.map((t, i) => [t, equity[i]]));
    expect(o.series[1].data[0]).toEqual([time[0], 10_000]);
  });

  it("names the strategy 'Strategy' by default, and has no buy-and-hold line without one", () => {
    const o = view(simpleEquityOption({ time, equity }));
    expect(o.series.map((s) => s.name)).toEqual(['Strategy']);
    expect(o.legend?.data).toEqual(['Strategy']);
  });

  it('leaves a gap for a value that is not a number', () => {
    const o = view(simpleEquityOption({ time: time.slice(0, 3), equity: [10_000, NaN, Infinity] }));
    expect(o.series[0].data).toEqual([
      [time[0], 10_000],
      [time[1], null],
      [time[2], null],
    ]);
  });

  it("draws with the app's ECharts setup", () => {
    const r = renderOption(simpleEquityOption({ time, equity, buyAndHold }));
    expect(r.complaints).toEqual([]);
    expect(r.option.series).toHaveLength(2);
  });
});
