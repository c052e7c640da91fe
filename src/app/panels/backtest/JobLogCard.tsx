/** The job's log beside its result: the request, the dataset and commit, each step with its timing. */
import { saveBytes } from '../../download';

export function JobLogCard({ log, name }: { log: string | null; name: string }) {
  if (!log) return null;
  return (
    <details className="card" data-testid="job-log">
      <summary>Job log ({log.trim().split('\n').length} lines)</summary>
      <pre className="raw">{log}</pre>
      <button type="button" onClick={() => saveBytes(log, name, 'text/plain')}>
        Download job.log
      </button>
    </details>
  );
}
