/**
 * Cooperative cancellation for worker jobs: the UI passes a job id with each long call
 * and may call `jobs.cancel(id)`; core code checks the flag between units of work.
 * The client terminates the worker as a last resort when a job ignores the flag.
 */
import { createCancelFlag, type CancelSignal } from '../src/core/util/progress';

const flags = new Map<string, ReturnType<typeof createCancelFlag>>();

export async function withJob<T>(jobId: string | undefined, run: (signal: CancelSignal) => Promise<T>): Promise<T> {
  const flag = createCancelFlag();
  if (jobId) flags.set(jobId, flag);
  try {
    return await run(flag);
  } finally {
    if (jobId) flags.delete(jobId);
  }
}

export function cancelJob(jobId: string): boolean {
  const flag = flags.get(jobId);
  flag?.cancel();
  return flag !== undefined;
}
