/** Pure builder: training / validation loss per iteration or epoch -> line chart. */
import type { EChartsCoreOption } from 'echarts/core';

export function lossOption(
  history: { loss: number[]; valLoss?: number[] },
  xName = 'epoch',
): EChartsCoreOption {
  const idx = history.loss.map((_, i) => i + 1);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['loss', 'validation loss'] },
    grid: { left: 56, right: 24, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: idx, name: xName, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', scale: true, name: 'loss' },
    series: [
      { name: 'loss', type: 'line', showSymbol: false, data: history.loss },
      ...(history.valLoss
        ? [{ name: 'validation loss', type: 'line', showSymbol: false, data: history.valLoss }]
        : []),
    ],
  };
}
