/** The optimizer's headline results: out-of-sample return, Sharpe in and out, deflated and probabilistic Sharpe. */
import type { OptimizeReportJson } from '../../../core/optimize/report';
import { formatInt } from '../../format';
import { num, pct } from './result-format';

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="kpi" role="listitem" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      <div className="kpi-sub">{sub}</div>
    </div>
  );
}

export function ResultKpis({ report }: { report: OptimizeReportJson }) {
  const s = report.summary;
  const trials = formatInt(report.folds[0]?.candidates_evaluated ?? 0);
  return (
    <div className="kpis" role="list" aria-label="Headline results">
      <Kpi
        testId="ga-kpi-oos-return"
        label="Out-of-sample return"
        value={pct(s.out_of_sample.total_return_pct)}
        sub={`buy and hold ${pct(s.out_of_sample.buy_and_hold_return_pct)}`}
      />
      <Kpi
        testId="ga-kpi-sharpe"
        label="Sharpe in → out"
        value={`${num(s.in_sample_mean.sharpe_ratio)} → ${num(s.out_of_sample.sharpe_ratio)}`}
        sub="in: mean of folds; out: all test windows"
      />
      <Kpi
        testId="ga-dsr"
        label="Deflated Sharpe (in-sample)"
        value={num(s.mean_in_sample_dsr, 3)}
        sub={`P(true Sharpe > luck of ${trials} trials), mean of folds`}
      />
      <Kpi
        testId="ga-psr"
        label="P(Sharpe > 0) out of sample"
        value={num(s.out_of_sample_psr, 3)}
        sub="probabilistic Sharpe, no selection on these bars"
      />
    </div>
  );
}
