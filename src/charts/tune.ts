/**
 * Pure builders for a hyperparameter study: the objective of every trial in trial order with
 * the best so far, one parameter against the objective, and parameter importance.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface TrialPoint {
  number: number;
  state: 'complete' | 'pruned';
  /** the objective in its own sign */
  value: number;
  params: Record<string, unknown>;
}

const shown = (v: number) => (Number.isFinite(v) && Math.abs(v) < 1e8 ? v : null);

export function trialHistoryOption(
  trials: readonly TrialPoint[],
  objective: string,
  minimize: boolean,
): EChartsCoreOption {
  const complete = trials.filter((t) => t.state === 'complete' && shown(t.value) !== null);
  let best: number | null = null;
  const bestLine = complete.map((t) => {
    best = best === null ? t.value : minimize ? Math.min(best, t.value) : Math.max(best, t.value);
    return [t.number, best];
  });
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { data: ['complete', 'pruned (at its rung)', 'best so far'] },
    grid: { left: 64, right: 24, top: 36, bottom: 40 },
    xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 26, minInterval: 1 },
    yAxis: { type: 'value', scale: true, name: objective },
    series: [
      { name: 'complete', type: 'scatter', data: complete.map((t) => [t.number, t.value]) },
      {
        name: 'pruned (at its rung)',
        type: 'scatter',
        symbol: 'triangle',
        data: trials
          .filter((t) => t.state === 'pruned' && shown(t.value) !== null)
          .map((t) => [t.number, t.value]),
      },
      { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: bestLine },
    ],
  };
}

export function paramScatterOption(
  trials: readonly TrialPoint[],
  param: string,
  objective: string,
): EChartsCoreOption {
  const pts = trials.filter((t) => param in t.params && t.state === 'complete' && shown(t.value) !== null);
  const numeric = pts.every((t) => typeof t.params[param] === 'number');
  const cats = numeric ? [] : [...new Set(pts.map((t) => String(t.params[param])))];
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    grid: { left: 64, right: 24, top: 24, bottom: 40 },
    xAxis: numeric
      ? { type: 'value', scale: true, name: param, nameLocation: 'middle', nameGap: 26 }
      : { type: 'category', data: cats, name: param, nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', scale: true, name: objective },
    series: [
      {
        type: 'scatter',
        data: pts.map((t) => [numeric ? t.params[param] : String(t.params[param]), t.value]),
      },
    ],
  };
}

export function importanceBarOption(importance: Record<string, number>): EChartsCoreOption {
  const rows = Object.entries(importance).sort((a, b) => a[1] - b[1]);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', max: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r[0]) },
    series: [{ type: 'bar', data: rows.map((r) => Number(r[1].toFixed(3))) }],
  };
}
