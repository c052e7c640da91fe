/**
 * Worker jobs: cooperative cancellation and status. The UI passes a job id with each
 * long call and may call `jobs.cancel(id)`; core code checks the flag between units of
 * work. `jobs.status(id)` answers the seed's `train.status(job_id)`: the last progress,
 * and the outcome. The client terminates the worker as a last resort when a job ignores
 * the flag.
 */
import { CancelledError } from '../src/core/errors';
import { createCancelFlag, type CancelSignal, type Progress,  } from '../src/core/util/progress';

export interface JobStatus {
  job_id: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  progress: Progress | null;
  error?: string;
  startedAt: number;
  endedAt?: number;
}

const flags = new Map<string, ReturnType<typeof createCancelFlag>>();
const statuses = new Map<string, JobStatus>();
const KEEP_FINISHED = 50;

export async function withJob<T>(
  jobId: string | undefined,
  run: (signal: CancelSignal, track: (p: Progress) => void) => Promise<T>,
): Promise<T> {
  const flag = createCancelFlag();
  const st: JobStatus | null = jobId
    ? { job_id: jobId, status: 'running', progress: null, startedAt: Date.now() }
    : null;
  if (jobId && st) {
    flags.set(jobId, flag);
    statuses.set(jobId, st);
  }
  const track = (p: Progress) => {
    if (st) st.progress = p;
  };
  try {
    const out = await run(flag, track);
    if (st) st.status = 'completed';
    return out;
  } catch (err) {
    if (st) {
      st.status = err instanceof CancelledError ? 'cancelled' : 'failed';
      st.error = err instanceof Error ? err.message : String(err);
    }
    throw err;
  } finally {
    if (st) st.endedAt = Date.now();
    if (jobId) flags.delete(jobId);
    while (statuses.size > KEEP_FINISHED) statuses.delete(statuses.keys().next().value as string);
  }
}

export function cancelJob(jobId: string): boolean {
  const flag = flags.get(jobId);
  flag?.cancel();
  return flag !== undefined;
}

export function jobStatus(jobId: string): JobStatus | null {
  return statuses.get(jobId) ?? null;
}
