/**
 * Pure builders for A/B reports: an interval plot (one row per comparison: the estimate as a
 * point, its interval as a segment, a dashed line at zero) and the cumulative difference of
 * two runs' per-bar returns with the band where two equal strategies would stay.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface IntervalRow {
  label: string;
  estimate: number;
  lo: number;
  hi: number;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

export function intervalOption(rows: IntervalRow[], axisName: string): EChartsCoreOption {
  const labels = rows.map((r) => r.label);
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    grid: { left: 160, right: 32, top: 24, bottom: 48 },
    xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      ...rows.map((r) => ({
        name: `${r.label} interval`,
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 3 },
        data: [
          [finite(r.lo), r.label],
          [finite(r.hi), r.label],
        ],
      })),
      {
        name: 'estimate',
        type: 'scatter',
        symbolSize: 10,
        data: rows.map((r) => [finite(r.estimate), r.label]),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed' }, data: [{ xAxis: 0 }] },
      },
    ],
  };
}

export interface CumulativeDifference {
  /** bar times (ms) of the points */
  time: number[];
  observed: number[];
  lo: number[];
  hi: number[];
  /** legend name of the observed line, e.g. 'B - A' */
  name: string;
}

export function cumulativeDifferenceOption(c: CumulativeDifference): EChartsCoreOption {
  const pts = (v: number[]) => c.time.map((t, i) => [t, finite(v[i])]);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [c.name, 'band if equal (95%)'] },
    grid: { left: 72, right: 24, top: 36, bottom: 64 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'cumulative return difference', scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 8 }],
    series: [
      { name: c.name, type: 'line', showSymbol: false, data: pts(c.observed) },
      {
        name: 'band if equal (95%)',
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: pts(c.hi),
      },
      {
        name: 'band if equal (95%)',
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: pts(c.lo),
      },
    ],
  };
}
