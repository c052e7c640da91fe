/**
 * "Build an ensemble from the top k": the k best complete trials (tuning score only) become the
 * members of an ensemble trained by ensemble.build and saved as a model; backtest.run then walks
 * it over the study's folds, and its metrics show beside the best single trial's.
 */
import { useState } from 'react';
import { InputError } from '../../../core/errors';
import type { BacktestJobResult } from '../../../core/jobs/backtest';
import type { TrainJobResult } from '../../../core/jobs/train';
import { COMBINERS, type Combiner } from '../../../core/models/ensemble/combine';
import type { TrialRecord } from '../../../core/store/studies';
import type { StudyReport } from '../../../core/tune/report';
import { TOP_K_DEFAULT, topKBacktestRequest, topKEnsembleRequest } from '../../../core/tune/top-k';
import { Field } from '../../components/Field';
import { JobFailure } from '../../components/JobFailure';
import { ProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../hooks/useJob';
import { errorMessage } from '../../format';
import { Select } from './Select';

const f = (v: number | null | undefined, d = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);

export function TopKEnsemble({
  report,
  trials,
  handle,
}: {
  report: StudyReport;
  trials: readonly TrialRecord[];
  handle: string | null;
}) {
  const [k, setK] = useState(TOP_K_DEFAULT);
  const [combiner, setCombiner] = useState<Combiner>('mean');
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const [members, setMembers] = useState<number[]>([]);
  const build = useJob<TrainJobResult>(`Top-k ensemble of ${report.study_id}`);
  const test = useJob<BacktestJobResult>(`Backtest of the top-k ensemble of ${report.study_id}`);
  const busy = build.state.status === 'running' || test.state.status === 'running';
  const b = report.best;

  const start = async () => {
    setProblem(null);
    if (!handle || !b) return;
    let plan: ReturnType<typeof topKEnsembleRequest>;
    try {
      plan = topKEnsembleRequest(report, trials, { k, combiner, handle });
    } catch (err) {
      setProblem({ field: err instanceof InputError ? err.field : undefined, message: errorMessage(err) });
      return;
    }
    setMembers(plan.trial_numbers);
    const built = await build.start((api, jobId, p) => api.ensemble.build(plan.request, p, jobId));
    if (!built) return;
    const req = topKBacktestRequest(report, b, { handle, model_id: built.model_id });
    await test.start((api, jobId, p) => api.backtest.run(req, p, jobId));
  };

  const ens = test.state.status === 'done' ? test.state.result?.results : undefined;
  const modelId = build.state.result?.model_id;
  const rows: [string, number | undefined, number | null | undefined, number | undefined, number][] = b
    ? [
        ['Sharpe (annualised)', b.tuning.sharpe_ratio, b.evaluation?.sharpe_ratio, ens?.sharpe_ratio, 3],
        [
          'total return %',
          b.tuning.total_return_pct,
          b.evaluation?.total_return_pct,
          ens?.total_return_pct,
          2,
        ],
        [
          'max drawdown %',
          b.tuning.max_drawdown_pct,
          b.evaluation?.max_drawdown_pct,
          ens?.max_drawdown_pct,
          2,
        ],
        ['trades', b.tuning.total_trades, b.evaluation?.total_trades, ens?.total_trades, 0],
      ]
    : [];
  return (
    <div className="card" data-testid="topk-ensemble">
      <div className="row">
        <Field
          label="Ensemble size k"
          type="number"
          min={2}
          value={k}
          onChange={(e) => setK(Math.round(Number(e.target.value)))}
          error={problem?.field === 'k' ? problem.message : null}
        />
        <Select label="Ensemble combiner" value={combiner} options={COMBINERS} onChange={setCombiner} />
        <button type="button" onClick={() => void start()} disabled={!b || !handle || busy}>
          Build an ensemble from the top k
        </button>
      </div>
      <p className="help">
        The k complete trials with the best {report.objective} on the tuning folds (pruned trials excluded)
        become the members; the ensemble is saved as a model and backtested on the study&apos;s{' '}
        {report.periods.tuning_folds + report.periods.evaluation_folds} folds.
      </p>
      {problem && problem.field !== 'k' && (
        <p role="alert" className="error">
          {problem.message}
        </p>
      )}
      {build.state.status === 'running' && (
        <ProgressBar label="Training the ensemble" progress={build.state.progress} onCancel={build.cancel} />
      )}
      {test.state.status === 'running' && (
        <ProgressBar label="Backtesting the ensemble" progress={test.state.progress} onCancel={test.cancel} />
      )}
      {modelId && (
        <p role="status" data-testid="topk-built">
          Saved ensemble <code>{modelId}</code>
          {members.length ? ` of trials ${members.map((n) => `#${n}`).join(', ')}` : ''}.
        </p>
      )}
      {ens && test.state.result && (
        <table className="table" aria-label="Ensemble beside the best trial" data-testid="topk-table">
          <thead>
            <tr>
              <th />
              <th>best trial, tuning folds</th>
              <th>best trial, evaluation folds</th>
              <th>ensemble, every fold (run {test.state.result.run_id})</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, tune, ev, en, d]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{f(tune, d)}</td>
                <td>{f(ev, d)}</td>
                <td data-testid={name === 'Sharpe (annualised)' ? 'topk-sharpe' : undefined}>{f(en, d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <JobFailure state={build.state} what="Building the ensemble" />
      <JobFailure state={test.state} what="Backtesting the ensemble" />
    </div>
  );
}
