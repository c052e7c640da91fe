/**
 * Pure builders for backtest results: the equity curve with buy-and-hold beside it and
 * the drawdown beneath (one zoomable time axis), and overlaid equity curves of several runs.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface EquitySeries {
  time: ArrayLike<number>;
  equity: ArrayLike<number>;
  drawdown: ArrayLike<number>;
  buyAndHold?: ArrayLike<number> | null;
}

const pairs = (t: ArrayLike<number>, v: ArrayLike<number>, scale = 1) => {
  const out = new Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = [t[i], Number.isFinite(v[i]) ? v[i] * scale : null];
  return out;
};

export function equityOption(s: EquitySeries): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['Strategy', 'Buy and hold', 'Drawdown %'] },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 72, right: 24, top: 36, height: '52%' },
      { left: 72, right: 24, top: '72%', height: '16%' },
    ],
    xAxis: [
      { type: 'time', gridIndex: 0, axisLabel: { show: false } },
      { type: 'time', gridIndex: 1 },
    ],
    yAxis: [
      { type: 'value', scale: true, gridIndex: 0, name: 'equity' },
      { type: 'value', gridIndex: 1, name: 'drawdown %', max: 0 },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1] },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 4 },
    ],
    series: [
      {
        name: 'Strategy',
        type: 'line',
        showSymbol: false,
        sampling: 'lttb',
        data: pairs(s.time, s.equity),
        lineStyle: { width: 1.5 },
      },
      ...(s.buyAndHold
        ? [
            {
              name: 'Buy and hold',
              type: 'line',
              showSymbol: false,
              sampling: 'lttb',
              data: pairs(s.time, s.buyAndHold),
              lineStyle: { width: 1, type: 'dashed' },
            },
          ]
        : []),
      {
        name: 'Drawdown %',
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        showSymbol: false,
        sampling: 'lttb',
        areaStyle: { opacity: 0.3 },
        data: pairs(s.time, s.drawdown, 100),
        itemStyle: { color: '#dc2626' },
      },
    ],
  };
}

/** Several runs' equity curves, each normalised to start at 1, on one time axis. */
export function equityCompareOption(
  runs: { name: string; time: ArrayLike<number>; equity: ArrayLike<number> }[],
): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: runs.map((r) => r.name), type: 'scroll' },
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: 'equity (start = 1)' },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 4 }],
    series: runs.map((r) => {
      const first = r.equity[0] || 1;
      const data = new Array(r.time.length);
      for (let i = 0; i < r.time.length; i++) data[i] = [r.time[i], r.equity[i] / first];
      return { name: r.name, type: 'line', showSymbol: false, sampling: 'lttb', data };
    }),
  };
}
