/**
 * Runs the folds of a walk-forward plan across a small pool of module workers (one per
 * core, at most 4), for tree models whose folds are independent CPU work. Each worker gets
 * the plan once; tasks are handed out as workers free up; results are identical to running
 * them in order (each fold is deterministic and self-contained). Cancel terminates the pool.
 */
import * as Comlink from 'comlink';
import type { FoldResult, WalkForwardPlan } from '../src/core/walkforward/types';
import { CancelledError } from '../src/core/errors';
import { type CancelSignal } from '../src/core/util/progress';
import type { foldWorkerApi } from './fold.worker';

export function poolSize(tasks: number): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores, tasks));
}

export async function runFoldsInPool(
  plan: WalkForwardPlan,
  options: { signal?: CancelSignal; onDone?: (r: FoldResult, done: number, total: number) => void } = {},
): Promise<FoldResult[]> {
  const total = plan.tasks.length;
  const n = poolSize(total);
  const workers = Array.from(
    { length: n },
    () => new Worker(new URL('./fold.worker.ts', import.meta.url), { type: 'module', name: 'fold' }),
  );
  const remotes = workers.map((w) => Comlink.wrap<typeof foldWorkerApi>(w));
  const results: FoldResult[] = new Array(total);
  let next = 0;
  let done = 0;
  try {
    await Promise.all(remotes.map((r) => r.init(plan)));
    await Promise.all(
      remotes.map(async (r) => {
        while (next < total) {
          if (options.signal?.cancelled) throw new CancelledError();
          const task = next++;
          const res = await r.run(task);
          results[task] = res;
          done++;
          options.onDone?.(res, done, total);
        }
      }),
    );
    return results;
  } finally {
    workers.forEach((w) => w.terminate());
  }
}
