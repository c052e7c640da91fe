/**
 * Pure builder: a live session's closes with its paper fills (buys up, sells down) on a time
 * axis. The equity beside buy-and-hold uses equity-simple.ts.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface LivePricePoint {
  time: number;
  close: number;
  fills: { time: number; quantity: number; price: number }[];
}

export function livePriceOption(points: readonly LivePricePoint[], symbol: string): EChartsCoreOption {
  const fills = points.flatMap((p) => p.fills);
  const mark = (buy: boolean) => ({
    name: buy ? 'Buy fills' : 'Sell fills',
    type: 'scatter',
    symbol: 'triangle',
    symbolRotate: buy ? 0 : 180,
    symbolSize: 11,
    itemStyle: { color: buy ? '#1a7f37' : '#cf222e' },
    data: fills.filter((f) => f.quantity > 0 === buy).map((f) => [f.time, f.price]),
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [symbol, 'Buy fills', 'Sell fills'] },
    grid: { left: 72, right: 24, top: 36, bottom: 40 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: 'price' },
    series: [
      { name: symbol, type: 'line', showSymbol: false, data: points.map((p) => [p.time, p.close]) },
      mark(true),
      mark(false),
    ],
  };
}
