/** Runs the A/B statistics over the compared runs in the worker and shows the stored report. */
import type { AbJobResult } from '../../../core/jobs/ab';
import { JobFailure } from '../../components/JobFailure';
import { ProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../hooks/useJob';
import { AbReportView } from './AbReportView';

export function AbCompare({ runIds, onSaved }: { runIds: string[]; onSaved?: () => void }) {
  const job = useJob<AbJobResult>('A/B statistics');
  const running = job.state.status === 'running';
  const result = job.state.status === 'done' ? job.state.result : undefined;
  const same = result && result.report.config.run_ids.join() === runIds.join();
  const start = async () => {
    const r = await job.start((api, id, onProgress) => api.ab.compare({ run_ids: runIds }, onProgress, id));
    if (r) onSaved?.();
  };
  return (
    <section aria-label="Is one run really better?">
      <h4>Is one really better?</h4>
      <p className="help">
        Paired tests on the bars both runs traded out of sample: bootstrap intervals of the differences, a
        second opinion on the Sharpe difference, the models&apos; forecasts compared row by row, and how much
        more data a verdict would need. Saved as an A/B run.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void start()} disabled={running}>
          Test the differences
        </button>
      </div>
      {running && <ProgressBar progress={job.state.progress} label="A/B statistics" onCancel={job.cancel} />}
      <JobFailure state={job.state} what="the comparison" testId="ab-error" />
      {same && result && <AbReportView report={result.report} />}
    </section>
  );
}
