/**
 * Pure builder: the genetic algorithm's history -> line chart of the best and median objective
 * per generation (folds one after another on the x axis), with the feasible share beneath.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface GaHistoryPoint {
  /** 0-based fold of the walk-forward run */
  fold: number;
  /** 0-based generation within the fold */
  generation: number;
  best: number;
  median: number;
  /** feasible candidates in the population */
  feasible: number;
  /** population size (for the feasible share) */
  population: number;
}

/** Unbounded objective values (no losing bar) are not drawn: they would flatten the chart. */
const shown = (v: number) => (Number.isFinite(v) && Math.abs(v) < 1e9 ? v : null);

export function gaHistoryOption(points: readonly GaHistoryPoint[], objective: string): EChartsCoreOption {
  const manyFolds = points.some((p) => p.fold > 0);
  const labels = points.map((p) =>
    manyFolds ? `F${p.fold + 1} g${p.generation + 1}` : `${p.generation + 1}`,
  );
  const boundaries = points
    .map((p, i) => (i > 0 && p.fold !== points[i - 1].fold ? labels[i] : null))
    .filter((x): x is string => x !== null);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['best', 'median', 'feasible %'] },
    grid: [
      { left: 64, right: 24, top: 36, height: '55%' },
      { left: 64, right: 24, top: '75%', height: '12%' },
    ],
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    xAxis: [
      { type: 'category', data: labels, gridIndex: 0, axisLabel: { show: false } },
      {
        type: 'category',
        data: labels,
        gridIndex: 1,
        name: manyFolds ? 'fold, generation' : 'generation',
        nameLocation: 'middle',
        nameGap: 26,
      },
    ],
    yAxis: [
      { type: 'value', scale: true, gridIndex: 0, name: objective },
      { type: 'value', gridIndex: 1, min: 0, max: 100, name: 'feasible %' },
    ],
    series: [
      {
        name: 'best',
        type: 'line',
        showSymbol: !manyFolds,
        data: points.map((p) => shown(p.best)),
        markLine: boundaries.length
          ? {
              symbol: 'none',
              silent: true,
              label: { show: false },
              lineStyle: { type: 'dashed', opacity: 0.4 },
              data: boundaries.map((x) => ({ xAxis: x })),
            }
          : undefined,
      },
      { name: 'median', type: 'line', showSymbol: false, data: points.map((p) => shown(p.median)) },
      {
        name: 'feasible %',
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: points.map((p) => (p.population > 0 ? (100 * p.feasible) / p.population : null)),
      },
    ],
  };
}
