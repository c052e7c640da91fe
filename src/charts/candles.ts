/**
 * Pure builder: bars -> an ECharts option with candlesticks above and volume below,
 * sharing one zoomable time axis. Colours follow the usual up-green / down-red.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface CandleSeries {
  symbol: string;
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

const UP = '#16a34a';
const DOWN = '#dc2626';

export function candlestickOption(
  s: CandleSeries,
  options: { initialBars?: number } = {},
): EChartsCoreOption {
  const n = s.time.length;
  const candles = new Array(n);
  const volume = new Array(n);
  for (let i = 0; i < n; i++) {
    candles[i] = [s.time[i], s.open[i], s.close[i], s.low[i], s.high[i]];
    volume[i] = {
      value: [s.time[i], s.volume[i]],
      itemStyle: { color: s.close[i] >= s.open[i] ? UP : DOWN },
    };
  }
  const show = Math.min(n, options.initialBars ?? 500);
  const startPct = n > 0 ? Math.max(0, 100 - (show / n) * 100) : 0;
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 64, right: 24, top: 24, height: '58%' },
      { left: 64, right: 24, top: '74%', height: '14%' },
    ],
    xAxis: [
      { type: 'time', gridIndex: 0, axisLabel: { show: false } },
      { type: 'time', gridIndex: 1 },
    ],
    yAxis: [
      { scale: true, gridIndex: 0, name: s.symbol, splitLine: { show: true } },
      { scale: true, gridIndex: 1, name: 'volume', axisLabel: { show: false }, splitLine: { show: false } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], start: startPct, end: 100 },
      { type: 'slider', xAxisIndex: [0, 1], start: startPct, end: 100, bottom: 4 },
    ],
    series: [
      {
        name: s.symbol,
        type: 'candlestick',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: candles,
        large: true,
        largeThreshold: 2000,
        itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
      },
      { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: volume, large: true },
    ],
  };
}
