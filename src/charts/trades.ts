/** Pure builder: a symbol's close price with entry (▲) and exit (▼) markers of its trades. */
import type { EChartsCoreOption } from 'echarts/core';

export interface TradeMarker {
  side: string;
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  returnPct: number;
}

export function tradesOption(
  symbol: string,
  time: ArrayLike<number>,
  close: ArrayLike<number>,
  trades: TradeMarker[],
): EChartsCoreOption {
  const price = new Array(time.length);
  for (let i = 0; i < time.length; i++) price[i] = [time[i], close[i]];
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [symbol, 'Entries', 'Exits'] },
    grid: { left: 72, right: 24, top: 36, bottom: 56 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: symbol },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 4 }],
    series: [
      {
        name: symbol,
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        data: price,
        lineStyle: { width: 1 },
      },
      {
        name: 'Entries',
        type: 'scatter',
        symbol: 'triangle',
        symbolSize: 9,
        itemStyle: { color: '#16a34a' },
        data: trades.map((t) => [t.entryTime, t.entryPrice, `${t.side} entry`]),
      },
      {
        name: 'Exits',
        type: 'scatter',
        symbol: 'triangle',
        symbolRotate: 180,
        symbolSize: 9,
        itemStyle: { color: '#dc2626' },
        data: trades.map((t) => [t.exitTime, t.exitPrice, `exit ${t.returnPct.toFixed(2)}%`]),
      },
    ],
  };
}
