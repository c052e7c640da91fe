/**
 * Pure builder: one strategy's equity against buy-and-hold on a time axis (no drawdown pane),
 * for the optimised strategy's out-of-sample curve. Long curves are drawn with LTTB sampling.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface SimpleEquity {
  time: ArrayLike<number>;
  equity: ArrayLike<number>;
  buyAndHold?: ArrayLike<number> | null;
  /** legend name of the strategy (default 'Strategy') */
  name?: string;
}

const pairs = (t: ArrayLike<number>, v: ArrayLike<number>) => {
  const out = new Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = [t[i], Number.isFinite(v[i]) ? v[i] : null];
  return out;
};

export function simpleEquityOption(s: SimpleEquity): EChartsCoreOption {
  const name = s.name ?? 'Strategy';
  const series: Record<string, unknown>[] = [
    { name, type: 'line', showSymbol: false, sampling: 'lttb', data: pairs(s.time, s.equity) },
  ];
  if (s.buyAndHold)
    series.push({
      name: 'Buy and hold',
      type: 'line',
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { type: 'dashed' },
      data: pairs(s.time, s.buyAndHold),
    });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((x) => x.name as string) },
    grid: { left: 72, right: 24, top: 36, bottom: 64 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: 'equity' },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 8 }],
    series,
  };
}
