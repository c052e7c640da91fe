/**
 * Test-only helpers for the chart builders: a typed look inside a built option, and a real
 * draw of it with the app's own ECharts setup (echarts-setup.ts: the chart types and
 * components the app registers) in ECharts' server-side SVG mode, in Node with no DOM.
 * ECharts throws on an option it cannot lay out (a series on an axis that does not exist, ...)
 * and reports on the console a chart type or component the app did not register; the tests
 * fail on both.
 */
import { vi } from 'vitest';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from '../echarts-setup';

echarts.use([SVGRenderer]);

/** A data item in object form ({value, itemStyle}). */
export interface ItemView {
  value: unknown;
  itemStyle?: { color?: string };
}
export interface SeriesView {
  name?: string;
  type: string;
  xAxisIndex?: number;
  yAxisIndex?: number;
  data: unknown[];
  showSymbol?: boolean;
  sampling?: string;
  symbol?: string;
  symbolRotate?: number;
  lineStyle?: { type?: string; width?: number };
  itemStyle?: { color?: string };
  areaStyle?: object;
  label?: { show?: boolean };
  markLine?: { data: { xAxis: string }[] };
}
export interface AxisView {
  type?: string;
  name?: string;
  gridIndex?: number;
  data?: unknown[];
  inverse?: boolean;
  scale?: boolean;
  min?: number;
  max?: number;
}
export interface OptionView {
  series: SeriesView[];
  xAxis: AxisView[];
  yAxis: AxisView[];
  grid: object[];
  dataZoom: { type: string; start?: number; end?: number; xAxisIndex?: number[] }[];
  legend?: { data: string[] };
  visualMap?: { min: number; max: number };
  tooltip?: { formatter?: (p: unknown) => string };
}

const asArray = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** The option a builder made, with series, axes, grids and zooms as arrays even when single. */
export function view(o: EChartsCoreOption): OptionView {
  return {
    ...o,
    series: asArray(o.series),
    xAxis: asArray(o.xAxis),
    yAxis: asArray(o.yAxis),
    grid: asArray(o.grid),
    dataZoom: asArray(o.dataZoom),
  } as OptionView;
}

export interface Rendered {
  svg: string;
  /** the option as ECharts holds it after merging in its defaults */
  option: OptionView;
  /** what ECharts wrote to the console while drawing */
  complaints: string[];
}

export function renderOption(option: EChartsCoreOption, width = 800, height = 400): Rendered {
  const complaints: string[] = [];
  const record = (...args: unknown[]) => void complaints.push(args.map(String).join(' '));
  const warn = vi.spyOn(console, 'warn').mockImplementation(record);
  const error = vi.spyOn(console, 'error').mockImplementation(record);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return { svg: chart.renderToSVGString(), option: view(chart.getOption()), complaints };
  } finally {
    chart.dispose();
    warn.mockRestore();
    error.mockRestore();
  }
}

/** Real hourly BTC/USDT candles (Binance, 2020-01-01 00:00 to 05:00 UTC), as in the sample. */
export const BTC_FIRST_HOURS = {
  symbol: 'BTC/USDT',
  time: [0, 1, 2, 3, 4, 5].map((h) => Date.UTC(2020, 0, 1, h)),
  open: [7189.43, 7171.43, 7210.38, 7237.41, 7221.8, 7213.86],
  high: [7190.52, 7225.0, 7239.3, 7239.74, 7225.41, 7224.09],
  low: [7170.15, 7171.1, 7206.46, 7215.0, 7211.22, 7213.86],
  close: [7171.55, 7210.24, 7237.99, 7221.65, 7213.86, 7220.31],
  volume: [2449.049, 3865.038, 3228.365, 2513.307, 1176.666, 928.221],
};
