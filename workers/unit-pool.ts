/**
 * The browser's executor (src/core/jobs/executor.ts): a pool of module workers, one per core
 * (at most 4), each loaded with the job's context once; units are handed out as workers free
 * up, and results come back in unit order, so they equal the in-process executor's.
 *
 * Workers outlive a job: starting one (fetching and compiling the unit bundle) and the first
 * fits in it (before V8 has optimised the hot loops) cost about as much as several fold fits, so
 * a finished job hands its workers back, context unloaded, for the next job to reuse, and
 * `prepare` starts them while a job still plans. Idle workers are terminated after IDLE_MS.
 * Jobs that run at the same time get separate workers. Cancel stops handing out units and
 * terminates the job's workers (a unit cannot be interrupted otherwise); so does a failed unit.
 *
 * The context goes to each worker packed (src/core/jobs/pack.ts): its typed arrays copied into
 * one buffer that is transferred, not cloned, and that the worker hands back when the job ends,
 * so the next job packs into memory already mapped. Each worker starts on units as soon as its
 * own copy has arrived.
 */
import * as Comlink from 'comlink';
import { CancelledError, InternalError } from '../src/core/errors';
import type { Executor } from '../src/core/jobs/executor';
import { packContext } from '../src/core/jobs/pack';
import type { unitWorkerApi } from './unit.worker';

/** How long a worker with nothing to do is kept for the next job. */
const IDLE_MS = 120_000;

function cores(): number {
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
}

interface PoolWorker {
  worker: Worker;
  remote: Comlink.Remote<typeof unitWorkerApi>;
  /** set when the worker failed outside a call (load error, crash): it is never reused */
  dead: boolean;
  /** rejects when the worker fails, so a call to it cannot wait forever */
  died: Promise<never>;
  /** the buffer of the last context packed for this worker, handed back when that job ended */
  spare: ArrayBuffer | null;
}

function spawn(): PoolWorker {
  const worker = new Worker(new URL('./unit.worker.ts', import.meta.url), { type: 'module', name: 'unit' });
  const w = {
    worker,
    remote: Comlink.wrap<typeof unitWorkerApi>(worker),
    dead: false,
    spare: null,
  } as PoolWorker;
  w.died = new Promise<never>((_, reject) => {
    const fail = (what: string) => {
      w.dead = true;
      worker.terminate();
      reject(new InternalError(`A compute worker stopped (${what}); run the job again.`, 'worker-failed'));
    };
    worker.addEventListener('error', (e) => fail(e.message || 'error'));
    worker.addEventListener('messageerror', () => fail('a message could not be read'));
  });
  w.died.catch(() => undefined); // observed by calls in progress, if any
  return w;
}

/** a call to a worker, failing when the worker fails instead of waiting for an answer forever */
const call = <T>(w: PoolWorker, p: Promise<T>): Promise<T> => Promise.race([p, w.died]);

export function unitPoolExecutor(maxWorkers = 4): Executor {
  const size = (count: number) => Math.max(1, Math.min(maxWorkers, cores(), count));
  const idle: PoolWorker[] = [];
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleRelease = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = idle.length
      ? setTimeout(() => {
          idleTimer = null;
          for (const w of idle.splice(0)) w.worker.terminate();
        }, IDLE_MS)
      : null;
  };
  const take = (n: number): PoolWorker[] => {
    const got = idle.splice(0, n).filter((w) => !w.dead);
    while (got.length < n) got.push(spawn());
    return got;
  };
  const giveBack = (ws: PoolWorker[]) => {
    for (const w of ws) {
      if (!w.dead && idle.length < size(Infinity)) idle.push(w);
      else w.worker.terminate();
    }
    scheduleRelease();
  };
  return {
    name: `${size(Infinity)} workers`,
    concurrency: size,
    prepare(count) {
      const want = size(count);
      while (idle.length < want) idle.push(spawn());
      scheduleRelease();
    },
    async map(kind, context, count, options = {}) {
      const pool = take(size(count));
      const results = new Array(count);
      let next = 0;
      let done = 0;
      let reusable = false;
      try {
        await Promise.all(
          pool.map(async (w) => {
            const packed = packContext(context, w.spare);
            w.spare = null;
            await call(w, w.remote.load(kind, Comlink.transfer(packed, [packed.buffer])));
            while (next < count) {
              if (options.signal?.cancelled) throw new CancelledError();
              const index = next++;
              const res = await call(w, w.remote.run(index));
              results[index] = res;
              done++;
              options.onDone?.(res as never, index, done, count);
            }
          }),
        );
        if (options.signal?.cancelled) throw new CancelledError();
        // every worker is between units here: free the context and keep them for the next job
        await Promise.all(
          pool.map(async (w) => {
            w.spare = await call(w, w.remote.unload());
          }),
        );
        reusable = true;
        return results;
      } finally {
        if (reusable) giveBack(pool);
        else pool.forEach((w) => w.worker.terminate());
      }
    },
  };
}
