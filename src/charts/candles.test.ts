import { describe, expect, it } from 'vitest';
import { candlestickOption } from './candles';
import { BTC_FIRST_HOURS, renderOption, view, type ItemView } from './test-utils/chart-test';

const UP = '#16a34a';
const DOWN = '#dc2626';

describe('candlestickOption', () => {
  it('draws candles above and volume below on two linked time axes', () => {
    const o = view(candlestickOption(BTC_FIRST_HOURS));
    expect(o.xAxis.map((a) => [a.type, a.gridIndex])).toEqual([
      ['time', 0],
      ['time', 1],
    ]);
    expect(o.yAxis.map((a) => [a.name, a.gridIndex])).toEqual([
      ['BTC/USDT', 0],
      ['volume', 1],
    ]);
    expect(o.series.map((s) => [s.name, s.type, s.xAxisIndex, s.yAxisIndex])).toEqual([
      ['BTC/USDT', 'candlestick', 0, 0],
      ['Volume', 'bar', 1, 1],
    ]);
    expect(o.dataZoom.map((z) => [z.type, z.xAxisIndex])).toEqual([
      ['inside', [0, 1]],
      ['slider', [0, 1]],
    ]);
  });

  it("gives each candle in ECharts' order [time, open, close, low, high]", () => {
    const candles = view(candlestickOption(BTC_FIRST_HOURS)).series[0].data;
    expect(candles).toHaveLength(6);
    expect(candles[0]).toEqual([Date.UTC(2020, 0, 1, 0), 7189.43, 7171.55, 7170.15, 7190.52]);
    expect(candles[5]).toEqual([Date.UTC(2020, 0, 1, 5), 7213.86, 7220.31, 7213.86, 7224.09]);
  });

  it('colours each volume bar by its candle: green up (or flat), red down', () => {
    const vol = view(candlestickOption(BTC_FIRST_HOURS)).series[1].data as ItemView[];
    expect(vol.map((v) => v.value)).toEqual(
      BTC_FIRST_HOURS.time.map((t, i) => [t, BTC_FIRST_HOURS.volume[i]]),
    );
    // closes against opens: down, up, up, down, down, up
    expect(vol.map((v) => v.itemStyle?.color)).toEqual([DOWN, UP, UP, DOWN, DOWN, UP]);
    const flat = view(candlestickOption({ ...BTC_FIRST_HOURS, close: BTC_FIRST_HOURS.open }));
    expect((flat.series[1].data as ItemView[]).every((v) => v.itemStyle?.color === UP)).toBe(true);
  });

  it('opens zoomed on the last bars', () => {
    const zoom = (initialBars?: number) =>
      view(candlestickOption(BTC_FIRST_HOURS, { initialBars })).dataZoom.map((z) => [z.start, z.end]);
    // 500 by default: more than there are, so all of them
    expect(zoom()).toEqual([
      [0, 100],
      [0, 100],
    ]);
    // the last 3 of 6
    expect(zoom(3)).toEqual([
      [50, 100],
      [50, 100],
    ]);
    const none = { symbol: 'BTC/USDT', time: [], open: [], high: [], low: [], close: [], volume: [] };
    const empty = view(candlestickOption(none));
    expect(empty.series[0].data).toEqual([]);
    expect(empty.dataZoom[0].start).toBe(0);
  });

  it('takes the typed arrays the data layer gives', () => {
    const b = BTC_FIRST_HOURS;
    const typed = {
      symbol: b.symbol,
      time: Float64Array.from(b.time),
      open: Float64Array.from(b.open),
      high: Float64Array.from(b.high),
      low: Float64Array.from(b.low),
      close: Float64Array.from(b.close),
      volume: Float64Array.from(b.volume),
    };
    expect(candlestickOption(typed)).toEqual(candlestickOption(b));
  });

  it("draws with the app's ECharts setup", () => {
    const r = renderOption(candlestickOption(BTC_FIRST_HOURS));
    expect(r.complaints).toEqual([]);
    expect(r.option.series.map((s) => s.type)).toEqual(['candlestick', 'bar']);
    expect(r.svg).toContain('<svg');
    expect(r.svg).toContain('BTC/USDT');
  });
});
