/** Pure builder: feature importance (name -> value) -> a horizontal bar chart, largest on top. */
import type { EChartsCoreOption } from 'echarts/core';

export function importanceOption(values: Record<string, number>, title = 'Importance'): EChartsCoreOption {
  const entries = Object.entries(values)
    .filter(([, v]) => Number.isFinite(v))
    .sort((a, b) => a[1] - b[1]);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'value', name: title, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: entries.map(([k]) => k) },
    series: [
      { type: 'bar', data: entries.map(([, v]) => Number(v.toFixed(6))), itemStyle: { color: '#0f766e' } },
    ],
  };
}
