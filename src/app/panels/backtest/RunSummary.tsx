/**
 * The head of a run's result: its id, model and fold plan, how it traded (long only or long and
 * short, fill timing, accounting, online learning) beside the KPI cards, out-of-sample model
 * quality, warnings and the updated models it saved.
 */
import type { WalkForwardReport } from '../../../core/walkforward/report-type';
import { fmt, KpiCards } from './KpiCards';
import { PromoteToLive } from '../live/PromoteToLive';

export function tradingMode(c: WalkForwardReport['config']): string[] {
  return [
    c.long_short ? 'long and short' : 'long only',
    c.fill === 'close' ? "fills at the deciding bar's close" : "fills at the next bar's open",
    c.accounting === 'seed' ? "the seed's accounting" : 'per-fill accounting',
    `fees ${c.fees_bps} + slippage ${c.slippage_bps} bps per fill`,
    c.online ? 'online learning' : 'no online learning',
    ...(c.pooled ? ['one pooled model'] : []),
    ...(c.expanding ? ['expanding training window'] : []),
  ];
}

export function RunSummary({ runId, report }: { runId: string; report: WalkForwardReport }) {
  const c = report.config;
  const m = report.model_metrics;
  return (
    <div className="card">
      <h3>
        Run <code data-testid="run-id">{runId}</code>
      </h3>
      <p className="help">
        {c.model.kind} ({c.model.model_id ?? 'configured by hand'}), {report.plan.fold_count} folds.{' '}
        {report.plan.description}
      </p>
      <ul className="tags" aria-label="How the run traded" data-testid="run-mode">
        {tradingMode(c).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <KpiCards results={report.results} testId="kpis" />
      <PromoteToLive report={report} />
      <p className="help" data-testid="oos-quality">
        Out-of-sample model quality over all test rows:{' '}
        {c.model.task === 'regression'
          ? `IC ${fmt(m.ic, 4)}, MAE ${fmt(m.mae, 5)}`
          : `AUC ${fmt(m.auc, 4)}, accuracy ${fmt(m.accuracy, 4)}`}
      </p>
      {report.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {report.updated_model_ids.length > 0 && (
        <p className="ok" data-testid="updated-models">
          Saved updated model(s): {report.updated_model_ids.map((u) => u.model_id).join(', ')}
        </p>
      )}
    </div>
  );
}
