/** Pure builder: per-fold strategy return (bars) and out-of-sample model quality (line). */
import type { EChartsCoreOption } from 'echarts/core';

export function foldsOption(
  folds: { label: string; returnPct: number | null; quality: number | null }[],
  qualityName: string,
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['Return %', qualityName] },
    grid: { left: 56, right: 56, top: 36, bottom: 48 },
    xAxis: {
      type: 'category',
      data: folds.map((f) => f.label),
      name: 'fold',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: [
      { type: 'value', name: 'return %' },
      { type: 'value', name: qualityName, scale: true },
    ],
    series: [
      {
        name: 'Return %',
        type: 'bar',
        data: folds.map((f) => ({
          value: f.returnPct,
          itemStyle: { color: (f.returnPct ?? 0) >= 0 ? '#16a34a' : '#dc2626' },
        })),
      },
      { name: qualityName, type: 'line', yAxisIndex: 1, data: folds.map((f) => f.quality) },
    ],
  };
}
