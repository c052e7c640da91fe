/** The optimizer's result charts: out-of-sample equity against buy and hold, and the GA history. */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { simpleEquityOption } from '../../../charts/equity-simple';
import { gaHistoryOption } from '../../../charts/ga';
import type { OptimizeReportJson, OptimizeView } from '../../../core/optimize/report';
import { historyPoints } from './ga-history';

export function OutOfSampleEquityChart({ curve }: { curve: OptimizeView['curve'] }) {
  const option = useMemo(
    () =>
      simpleEquityOption({
        time: curve.time,
        equity: curve.equity,
        buyAndHold: curve.buyAndHold,
        name: 'Optimised weights (out of sample)',
      }),
    [curve],
  );
  return (
    <Chart
      option={option}
      label="Out-of-sample equity of the optimised weights against buy and hold"
      height={320}
      testId="ga-equity-chart"
    />
  );
}

/** `objective` is the objective's label, e.g. 'Sharpe ratio' */
export function GaHistoryChart({ report, objective }: { report: OptimizeReportJson; objective: string }) {
  const option = useMemo(() => gaHistoryOption(historyPoints(report), objective), [report, objective]);
  return (
    <Chart
      option={option}
      label={`Best and median ${objective} per generation`}
      height={300}
      testId="ga-history-chart"
    />
  );
}
