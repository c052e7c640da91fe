/** Per-fold return and model quality, and the mean gain importance over folds. */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { foldsOption } from '../../../charts/folds';
import { importanceOption } from '../../../charts/importance';
import type { BacktestView } from '../../../core/pipeline/backtest-view';

export function FoldCharts({ view }: { view: BacktestView }) {
  const report = view.report;
  const regression = report.config.model.task === 'regression';
  const qualityName = regression ? 'IC' : 'AUC';
  const folds = useMemo(() => {
    const manySymbols = report.config.symbols.length > 1;
    const rows = report.folds.map((fr) => {
      const bt = Object.values(fr.backtest);
      const ret = bt.length
        ? bt.reduce((s, r) => s + (Number(r.total_return_pct) || 0), 0) / bt.length
        : null;
      return {
        label: `${(fr.fold ?? 0) + 1}${fr.symbols.length === 1 && manySymbols ? ` ${fr.symbols[0]}` : ''}`,
        returnPct: ret,
        quality: (regression ? fr.model_metrics.ic : fr.model_metrics.auc) ?? null,
      };
    });
    return rows.length ? foldsOption(rows, qualityName) : null;
  }, [report, regression, qualityName]);
  const importance = useMemo(
    () => (view.importance?.mean ? importanceOption(view.importance.mean, 'mean gain over folds') : null),
    [view],
  );
  return (
    <div className="charts2">
      {folds && (
        <div className="card">
          <h3>Per fold</h3>
          <Chart
            option={folds}
            label={`Return and ${qualityName} per fold`}
            height={320}
            testId="folds-chart"
          />
        </div>
      )}
      {importance && (
        <div className="card">
          <h3>Feature importance</h3>
          <Chart
            option={importance}
            label="Feature importance, mean over folds"
            height={420}
            testId="bt-importance-chart"
          />
        </div>
      )}
    </div>
  );
}
