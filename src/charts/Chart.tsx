/**
 * The one ECharts wrapper component. Takes an option built by the pure builders in
 * src/charts, follows the system's light/dark theme, resizes with its box, and exposes
 * an accessible name (ECharts' aria description plus role="img" with a label).
 */
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type EChartsModule = typeof import('./echarts-setup');
type Instance = ReturnType<EChartsModule['echarts']['init']>;

function prefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export interface ChartProps {
  option: EChartsCoreOption;
  /** accessible name, e.g. 'BTC/USDT hourly candles' */
  label: string;
  height?: number;
  testId?: string;
}

export function Chart({ option, label, height = 360, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const [dark, setDark] = useState(prefersDark);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const on = () => setDark(mq.matches);
    mq?.addEventListener('change', on);
    return () => mq?.removeEventListener('change', on);
  }, []);

  useEffect(() => {
    let disposed = false;
    let ro: ResizeObserver | null = null;
    void import('./echarts-setup').then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
      ro = new ResizeObserver(() => chart.current?.resize());
      ro.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [dark]);

  useEffect(() => {
    if (!ready || !chart.current) return;
    chart.current.setOption(
      { backgroundColor: 'transparent', aria: { enabled: true, label: { description: label } }, ...option },
      { notMerge: true },
    );
  }, [ready, option, label]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={ready ? 'true' : 'false'}
      style={{ width: '100%', height }}
    />
  );
}
