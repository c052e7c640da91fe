/**
 * A finished study: the best configuration on the tuning folds beside the same configuration run
 * once on the evaluation folds, the deflated Sharpe ratio and PBO for the trials tried, and
 * "Save best as model" (the training job on the best configuration) and an ensemble of the top k.
 */
import type { TrainJobResult } from '../../../core/jobs/train';
import type { TrialRecord } from '../../../core/store/studies';
import type { StudyReport } from '../../../core/tune/report';
import { bestTrainRequest } from '../../../core/tune/best-model';
import { JobFailure } from '../../components/JobFailure';
import { ProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../hooks/useJob';
import { TopKEnsemble } from './TopKEnsemble';

const f = (v: number | null | undefined, d = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);

export function StudyResult({
  report,
  trials,
  runId,
  handle,
  dataset,
}: {
  report: StudyReport;
  trials: readonly TrialRecord[];
  runId: string;
  handle: string | null;
  dataset: string;
}) {
  const save = useJob<TrainJobResult>('Saving the best configuration as a model');
  const b = report.best;
  const ev = b?.evaluation;
  const st = report.stats;
  const saveBest = () => {
    if (!handle) return;
    const req = { ...bestTrainRequest(report, dataset), handle };
    void save.start((api, jobId, onProgress) => api.train.start(req, onProgress, jobId));
  };
  return (
    <div className="card" data-testid="study-result">
      <h3>
        Study {report.study_id} (run {runId})
      </h3>
      {!b && <p>No trial completed: nothing to evaluate.</p>}
      {b && (
        <>
          <p>
            Best trial #{b.number}: <code>{JSON.stringify(b.params)}</code>
          </p>
          <table className="table" aria-label="Tuning beside evaluation">
            <thead>
              <tr>
                <th />
                <th>tuning ({report.periods.tuning_folds} folds, chosen here)</th>
                <th>evaluation ({report.periods.evaluation_folds} folds, untouched)</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{report.objective}</th>
                <td>{f(b.value, 4)}</td>
                <td data-testid="eval-objective">{f(ev?.value, 4)}</td>
              </tr>
              <tr>
                <th scope="row">Sharpe (annualised)</th>
                <td>{f(b.tuning.sharpe_ratio)}</td>
                <td data-testid="eval-sharpe">{f(ev?.sharpe_ratio)}</td>
              </tr>
              <tr>
                <th scope="row">total return %</th>
                <td>{f(b.tuning.total_return_pct, 2)}</td>
                <td>{f(ev?.total_return_pct, 2)}</td>
              </tr>
              <tr>
                <th scope="row">max drawdown %</th>
                <td>{f(b.tuning.max_drawdown_pct, 2)}</td>
                <td>{f(ev?.max_drawdown_pct, 2)}</td>
              </tr>
              <tr>
                <th scope="row">trades</th>
                <td>{b.tuning.total_trades}</td>
                <td>{ev?.total_trades ?? '–'}</td>
              </tr>
            </tbody>
          </table>
          <p className="help">
            Periods: tuning {report.periods.tune_start.slice(0, 10)} to{' '}
            {report.periods.eval_start.slice(0, 10)}, evaluation {report.periods.eval_start.slice(0, 10)} to{' '}
            {report.periods.eval_end.slice(0, 10)}.
          </p>
        </>
      )}
      <p data-testid="study-stats">
        {st.trials_tried} trials tried ({st.complete} complete, {st.pruned} pruned). Deflated Sharpe ratio of
        the chosen configuration: <strong>{f(st.deflated_sharpe?.dsr)}</strong> (PSR{' '}
        {f(st.deflated_sharpe?.psr)}). Probability of backtest overfitting:{' '}
        <strong>{st.pbo ? f(st.pbo.pbo) : 'n/a (needs 2 complete trials and 2 folds)'}</strong>
        {st.pbo ? ` over ${st.pbo.trials} complete trials x ${st.pbo.folds} folds` : ''}.
      </p>
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={saveBest}
          disabled={!b || !handle || save.state.status === 'running'}
        >
          Save best as model
        </button>
      </div>
      {save.state.status === 'running' && (
        <ProgressBar
          label="Training the best configuration"
          progress={save.state.progress}
          onCancel={save.cancel}
        />
      )}
      {save.state.status === 'done' && save.state.result && (
        <p role="status" data-testid="best-saved">
          Saved as model {save.state.result.model_id}.
        </p>
      )}
      <JobFailure state={save.state} what="Saving the model" />
      <TopKEnsemble report={report} trials={trials} handle={handle} />
    </div>
  );
}
