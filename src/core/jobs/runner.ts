/**
 * The job runner: every long job (train, backtest, optimize, and what comes next) runs through
 * `JobRunner.run`, which gives it a cancel flag, a progress callback that also records the last
 * progress, and a log; and keeps each job's status for `jobs.status(id)` (the seed's
 * `train.status(job_id)`). Workers only forward calls here; nothing about a job's state lives in
 * a worker file.
 */
import { CancelledError, toErrorPayload, type ErrorPayload } from '../errors';
import { createCancelFlag, type CancelSignal, type Progress, type ProgressFn } from '../util/progress';
import { JobLog } from './job-log';

export interface JobStatus {
  job_id: string;
  /** what kind of job: 'train', 'backtest', 'optimize', ... */
  kind: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  progress: Progress | null;
  error?: ErrorPayload;
  startedAt: number;
  endedAt?: number;
}

/** What a running job gets from the runner. */
export interface JobContext {
  jobId: string;
  signal: CancelSignal;
  progress: ProgressFn;
  log: JobLog;
}

const KEEP_FINISHED = 50;

export class JobRunner {
  private readonly flags = new Map<string, ReturnType<typeof createCancelFlag>>();
  private readonly statuses = new Map<string, JobStatus>();

  constructor(private readonly now: () => number = Date.now) {}

  private anonymous = 0;

  async run<T>(
    jobId: string | undefined,
    kind: string,
    onProgress: ProgressFn | undefined,
    job: (ctx: JobContext) => Promise<T>,
  ): Promise<T> {
    jobId ??= `job_${++this.anonymous}`;
    const flag = createCancelFlag();
    const st: JobStatus = { job_id: jobId, kind, status: 'running', progress: null, startedAt: this.now() };
    this.flags.set(st.job_id, flag);
    this.statuses.set(st.job_id, st);
    const log = new JobLog(this.now);
    const progress: ProgressFn = (p) => {
      st.progress = p;
      onProgress?.(p);
    };
    try {
      const out = await job({ jobId: st.job_id, signal: flag, progress, log });
      st.status = 'completed';
      return out;
    } catch (err) {
      st.status = err instanceof CancelledError ? 'cancelled' : 'failed';
      st.error = toErrorPayload(err);
      throw err;
    } finally {
      st.endedAt = this.now();
      this.flags.delete(st.job_id);
      while (this.statuses.size > KEEP_FINISHED) {
        const oldest = [...this.statuses.values()].find((s) => s.status !== 'running');
        if (!oldest) break;
        this.statuses.delete(oldest.job_id);
      }
    }
  }

  /** Asks a running job to stop at its next cancel point; false when no such job runs. */
  cancel(jobId: string): boolean {
    const flag = this.flags.get(jobId);
    flag?.cancel();
    return flag !== undefined;
  }

  status(jobId: string): JobStatus | null {
    return this.statuses.get(jobId) ?? null;
  }

  /** Jobs still running (for a UI that comes back to a panel mid-job). */
  running(): JobStatus[] {
    return [...this.statuses.values()].filter((s) => s.status === 'running');
  }
}
