import { describe, expect, it } from 'vitest';
import { tradesOption, type TradeMarker } from './trades';
import { BTC_FIRST_HOURS, renderOption, view } from './test-utils/chart-test';

const { time, close } = BTC_FIRST_HOURS;
const trades: TradeMarker[] = [
  {
    side: 'long',
    entryTime: time[1],
    entryPrice: 7171.43,
    exitTime: time[3],
    exitPrice: 7237.41,
    returnPct: 0.92,
  },
  {
    side: 'short',
    entryTime: time[3],
    entryPrice: 7237.41,
    exitTime: time[5],
    exitPrice: 7213.86,
    returnPct: 0.3254,
  },
];

describe('tradesOption', () => {
  it('draws the close price with entry triangles and upside-down exit triangles on one time axis', () => {
    const o = view(tradesOption('BTC/USDT', time, close, trades));
    expect(o.xAxis.map((a) => a.type)).toEqual(['time']);
    expect(o.yAxis.map((a) => [a.name, a.scale])).toEqual([['BTC/USDT', true]]);
    expect(o.legend?.data).toEqual(['BTC/USDT', 'Entries', 'Exits']);
    expect(o.series.map((s) => [s.name, s.type, s.symbol, s.symbolRotate])).toEqual([
      ['BTC/USDT', 'line', undefined, undefined],
      ['Entries', 'scatter', 'triangle', undefined],
      ['Exits', 'scatter', 'triangle', 180],
    ]);
    expect(o.series[0].data).toEqual(time.map((t, i) => [t, close[i]]));
  });

  it('puts each marker at its time and price, labelled with the side and the return', () => {
    const o = view(tradesOption('BTC/USDT', time, close, trades));
    expect(o.series[1].data).toEqual([
      [time[1], 7171.43, 'long entry'],
      [time[3], 7237.41, 'short entry'],
    ]);
    expect(o.series[2].data).toEqual([
      [time[3], 7237.41, 'exit 0.92%'],
      [time[5], 7213.86, 'exit 0.33%'],
    ]);
  });

  it("draws with the app's ECharts setup, with no trades too", () => {
    expect(renderOption(tradesOption('BTC/USDT', time, close, trades)).complaints).toEqual([]);
    const none = renderOption(tradesOption('ETH/USDT', time, close, []));
    expect(none.complaints).toEqual([]);
    expect(none.option.series[1].data).toEqual([]);
  });
});
