/**
 * The random-forest worker pool of the pipeline worker: min(hardwareConcurrency, 4) module
 * workers (nested workers), spawned on the first rfc fit and kept warm. A fit bins the rows once,
 * sends each worker the binned rows, deals out tree ranges and merges the parts
 * (src/core/models/trees/parallel.ts): the model is fitRfc's, bit for bit. Fits are queued one
 * at a time; a cancelled fit terminates the workers (fresh ones are spawned next time); if the
 * workers fail (e.g. no nested workers in this browser) rfc falls back to fitRfc on this thread.
 * `installForestPool()` makes fitModel use the pool for 'rfc' (registry.setForestFitter).
 */
import { setForestFitter } from '../src/core/models/registry';
import {
  fitForestParallel,
  fitRfc,
  type ForestJob,
  type ForestPart,
  type ForestParams,
  type ForestRunner,
  type TreeFitOptions,
  type TreeFitResult,
} from '../src/core/models/trees';
import {
  CancelledError,
  fromErrorPayload,
  InternalError,
  isUserFacing,
  type ErrorPayload,
} from '../src/core/errors';

export type ForestRequest =
  { type: 'load'; job: ForestJob } | { type: 'run'; run: number; range: [number, number] };

export type ForestResponse =
  | { type: 'tree'; run: number }
  | { type: 'part'; run: number; part: ForestPart }
  | { type: 'error'; run: number; error: ErrorPayload };

const MAX_POOL = 4;

export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return Math.max(1, Math.min(cores || 2, MAX_POOL));
}

/** One pool worker seen as a ForestRunner: one range in flight at a time. */
class WorkerRunner implements ForestRunner {
  private readonly worker: Worker;
  private runs = 0;
  private pending: {
    run: number;
    onTree: () => void;
    resolve: (p: ForestPart) => void;
    reject: (e: Error) => void;
  } | null = null;

  constructor(index: number) {
    this.worker = new Worker(new URL('./forest.worker.ts', import.meta.url), {
      type: 'module',
      name: `forest-${index}`,
    });
    this.worker.onmessage = (e: MessageEvent<ForestResponse>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(new InternalError(`forest worker failed: ${e.message || 'could not start'}`));
    };
  }

  private receive(msg: ForestResponse): void {
    const p = this.pending;
    if (!p || msg.run !== p.run) return;
    if (msg.type === 'tree') p.onTree();
    else if (msg.type === 'part') {
      this.pending = null;
      p.resolve(msg.part);
    } else this.fail(fromErrorPayload(msg.error));
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  load(job: ForestJob): void {
    this.worker.postMessage({ type: 'load', job } satisfies ForestRequest);
  }

  run(range: [number, number], onTree: () => void): Promise<ForestPart> {
    if (this.pending) return Promise.reject(new InternalError('forest worker is busy'));
    const run = ++this.runs;
    return new Promise((resolve, reject) => {
      this.pending = { run, onTree, resolve, reject };
      this.worker.postMessage({ type: 'run', run, range } satisfies ForestRequest);
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(new InternalError('forest worker stopped'));
  }
}

export class ForestPool {
  readonly size: number;
  private runners: WorkerRunner[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private broken = false;

  constructor(size = defaultPoolSize()) {
    this.size = Math.max(1, Math.floor(size));
  }

  /** rfc fit across the pool (on this thread when the pool has one worker or workers are unavailable). */
  fit(options: TreeFitOptions<ForestParams>): Promise<TreeFitResult> {
    const next = this.queue.then(() => this.fitNow(options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async fitNow(options: TreeFitOptions<ForestParams>): Promise<TreeFitResult> {
    if (this.size < 2 || this.broken || typeof Worker === 'undefined') return fitRfc(options);
    try {
      if (this.runners.length === 0)
        this.runners = Array.from({ length: this.size }, (_, i) => new WorkerRunner(i));
      return await fitForestParallel({ ...options, runners: this.runners });
    } catch (err) {
      this.dispose(); // no stale trees keep building after a cancel or a failure
      // a cancel, or a mistake in the request or the data, fails the same way on this thread
      if (err instanceof CancelledError || isUserFacing(err)) throw err;
      // e.g. a browser without nested workers: the same model, on this thread
      this.broken = true;
      console.warn(
        `forest pool unavailable, fitting rfc on one thread: ${err instanceof Error ? err.message : String(err)}`,
      );
      return fitRfc(options);
    }
  }

  /** Terminates the workers; the next fit spawns fresh ones. */
  dispose(): void {
    for (const r of this.runners) r.terminate();
    this.runners = [];
  }
}

let shared: ForestPool | null = null;

/** The pipeline worker's pool (created on first use). */
export function forestPool(): ForestPool {
  shared ??= new ForestPool();
  return shared;
}

/** Makes fitModel fit 'rfc' on the shared pool. Called once at worker start-up. */
export function installForestPool(): void {
  setForestFitter((options) => forestPool().fit(options));
}
