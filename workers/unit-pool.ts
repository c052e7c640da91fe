/**
 * The browser's executor (src/core/jobs/executor.ts): a pool of module workers, one per core
 * (at most 4), each loaded with the job's context once; units are handed out as workers free
 * up, and results come back in unit order, so they equal the in-process executor's. Cancel
 * stops handing out units and terminates the pool.
 */
import * as Comlink from 'comlink';
import { CancelledError } from '../src/core/errors';
import type { Executor } from '../src/core/jobs/executor';
import type { unitWorkerApi } from './unit.worker';

function cores(): number {
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
}

export function unitPoolExecutor(maxWorkers = 4): Executor {
  const size = (count: number) => Math.max(1, Math.min(maxWorkers, cores(), count));
  return {
    name: `${size(Infinity)} workers`,
    concurrency: size,
    async map(kind, context, count, options = {}) {
      const n = size(count);
      const workers = Array.from(
        { length: n },
        () => new Worker(new URL('./unit.worker.ts', import.meta.url), { type: 'module', name: 'unit' }),
      );
      const remotes = workers.map((w) => Comlink.wrap<typeof unitWorkerApi>(w));
      const results = new Array(count);
      let next = 0;
      let done = 0;
      try {
        await Promise.all(remotes.map((r) => r.load(kind, context)));
        await Promise.all(
          remotes.map(async (r) => {
            while (next < count) {
              if (options.signal?.cancelled) throw new CancelledError();
              const index = next++;
              const res = await r.run(index);
              results[index] = res;
              done++;
              options.onDone?.(res as never, index, done, count);
            }
          }),
        );
        if (options.signal?.cancelled) throw new CancelledError();
        return results;
      } finally {
        workers.forEach((w) => w.terminate());
      }
    },
  };
}
