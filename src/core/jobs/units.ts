/**
 * Every kind of unit an executor can run, by name. A unit is a pure async function of the
 * job's shared context and the unit's index; its result must be structured-cloneable (it
 * crosses a worker boundary in the browser). Worker threads run units through `runUnit`,
 * so adding a kind here is all a new job needs to run on the pool.
 */
import { InternalError } from '../errors';
import type { CancelSignal, ProgressFn } from '../util/progress';
import { runMemberFit, type MemberFitResult, type MemberJob } from '../models/ensemble';
import { fitModel } from '../models/registry';
import { runTrial, type TrialContext, type TrialResult } from '../tune/trial';
import { runFold, runFoldChain } from '../walkforward/fold';
import type { FoldResult, PartialFitEvent, WalkForwardPlan } from '../walkforward/types';
import { detachFrom, isPackedContext, unpackContext } from './pack';

/**
 * What a unit may get from an executor on the same thread: the cancel flag, progress inside the
 * unit and test instrumentation. A worker pool passes none (it cancels by terminating).
 */
export interface UnitHooks {
  signal?: CancelSignal;
  onProgress?: ProgressFn;
  onPartialFit?: (e: PartialFitEvent) => void;
}

interface UnitDef<C, R> {
  run(context: C, index: number, hooks?: UnitHooks): Promise<R>;
}

export const UNITS = {
  /** one task of a walk-forward plan: scaler, fit, predict (and online updates) */
  'walkforward.fold': {
    run: (plan: WalkForwardPlan, index: number, hooks: UnitHooks = {}) =>
      runFold({ plan, task: index, ...hooks }),
  } satisfies UnitDef<WalkForwardPlan, FoldResult>,
  /** one chain of warm-started walk-forward folds (a symbol's folds in order, walkforward/fold.ts foldChains) */
  'walkforward.chain': {
    run: (plan: WalkForwardPlan, index: number, hooks: UnitHooks = {}) =>
      runFoldChain({ plan, chain: index, ...hooks }),
  } satisfies UnitDef<WalkForwardPlan, FoldResult[]>,
  /** one hyperparameter trial: its configuration walked forward over the tuning folds (ASHA rungs inside) */
  'tune.trial': {
    run: (context: TrialContext, index: number, hooks: UnitHooks = {}) =>
      runTrial(context, index, hooks.signal),
  } satisfies UnitDef<TrialContext, TrialResult>,
  /** one member fit of an ensemble: fit on its rows, predict its out-of-fold block (or keep the model) */
  'ensemble.member': {
    run: (job: MemberJob, index: number) => runMemberFit(job, index, fitModel),
  } satisfies UnitDef<MemberJob, MemberFitResult>,
};

export type UnitKind = keyof typeof UNITS;
export type UnitContext<K extends UnitKind> = Parameters<(typeof UNITS)[K]['run']>[0];
export type UnitResult<K extends UnitKind> = Awaited<ReturnType<(typeof UNITS)[K]['run']>>;

export function runUnit<K extends UnitKind>(
  kind: K,
  context: UnitContext<K>,
  index: number,
  hooks?: UnitHooks,
): Promise<UnitResult<K>> {
  const def = UNITS[kind];
  if (!def) throw new InternalError(`No unit kind "${String(kind)}".`);
  const run = def.run as (c: UnitContext<K>, i: number, h?: UnitHooks) => Promise<UnitResult<K>>;
  return run(context, index, hooks);
}

/**
 * What a worker thread holds: one job's context at a time (until unloaded), and runs its units on
 * request. A context may come packed (pack.ts): its arrays are then views of one transferred
 * buffer, which `unload` hands back for the executor's next pack.
 */
export function createUnitHost() {
  let loaded: { kind: UnitKind; context: unknown; buffer: ArrayBuffer | null } | null = null;
  return {
    load(kind: UnitKind, context: unknown): void {
      loaded = isPackedContext(context)
        ? { kind, context: unpackContext(context), buffer: context.buffer }
        : { kind, context, buffer: null };
    },
    async run(index: number): Promise<unknown> {
      if (!loaded) throw new InternalError('A unit was run before its job was loaded.');
      const { buffer } = loaded;
      const result = await runUnit(loaded.kind, loaded.context as never, index);
      return buffer ? detachFrom(result, buffer) : result;
    },
    /** drops the job's context (the thread is kept for the next job); returns its packed buffer, if any */
    unload(): ArrayBuffer | null {
      const buffer = loaded?.buffer ?? null;
      loaded = null;
      return buffer;
    },
  };
}
