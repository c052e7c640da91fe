/**
 * The executor: runs many independent units of one kind (walk-forward folds today; tuning
 * trials and ensemble members use the same seam) on however many threads there are. A job
 * hands it a unit kind, a context every unit of the job shares (sent once per thread) and a
 * unit count; it gets the results back in unit order, whatever order they finished in.
 *
 * Units are pure functions of (context, index) registered in `units.ts`, so any executor gives
 * the same results: `inProcessExecutor` (Node tests, neural models next to the WebGPU backend)
 * runs them one after another; the browser's worker pool (workers/unit-pool.ts) spreads them
 * over module workers.
 */
import type { CancelSignal } from '../util/progress';
import type { UnitContext, UnitHooks, UnitKind, UnitResult } from './units';

export interface ExecutorRunOptions<K extends UnitKind> {
  signal?: CancelSignal;
  /** each unit's result as soon as it is done (`done` counts finished units) */
  onDone?: (result: UnitResult<K>, index: number, done: number, total: number) => void;
  /** progress inside unit `index` (only executors on the calling thread report it) */
  onUnitProgress?: (index: number, p: Parameters<NonNullable<UnitHooks['onProgress']>>[0]) => void;
  /** test instrumentation passed to units on the calling thread */
  instrument?: Pick<UnitHooks, 'onPartialFit'>;
}

export interface Executor {
  /** a short description for logs, e.g. 'in-process' or '2 workers' */
  readonly name: string;
  /** how many units run at the same time for a job of `count` units */
  concurrency(count: number): number;
  /**
   * A hint that a job of up to `count` units will call map soon: an executor with threads starts
   * them now, so their start-up overlaps the job's own set-up (planning).
   */
  prepare?(count: number): void;
  map<K extends UnitKind>(
    kind: K,
    context: UnitContext<K>,
    count: number,
    options?: ExecutorRunOptions<K>,
  ): Promise<UnitResult<K>[]>;
}
