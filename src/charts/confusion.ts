/** Pure builder: a confusion matrix (row-major counts, rows = actual, columns = predicted) -> a labelled heatmap. */
import type { EChartsCoreOption } from 'echarts/core';

export function confusionOption(
  counts: ArrayLike<number>,
  nClasses: number,
  classes: string[],
): EChartsCoreOption {
  const data: [number, number, number][] = [];
  let max = 0;
  for (let a = 0; a < nClasses; a++)
    for (let p = 0; p < nClasses; p++) {
      const v = counts[a * nClasses + p];
      data.push([p, a, v]);
      max = Math.max(max, v);
    }
  return {
    animation: false,
    tooltip: {
      formatter: (x: { value: [number, number, number] }) =>
        `actual ${classes[x.value[1]]}, predicted ${classes[x.value[0]]}: ${x.value[2]}`,
    },
    grid: { left: 80, right: 24, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: classes, name: 'predicted', nameLocation: 'middle', nameGap: 30 },
    yAxis: {
      type: 'category',
      data: classes,
      name: 'actual',
      nameLocation: 'middle',
      nameGap: 56,
      inverse: true,
    },
    visualMap: { min: 0, max: Math.max(1, max), show: false, inRange: { color: ['#e0f2f1', '#0f766e'] } },
    series: [{ type: 'heatmap', data, label: { show: true } }],
  };
}
