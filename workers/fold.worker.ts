/// <reference lib="webworker" />
/** A fold worker: holds one walk-forward plan and runs its folds on request (tree models). */
import { expose } from 'comlink';
import { runFold } from '../src/core/walkforward/fold';
import type { WalkForwardPlan } from '../src/core/walkforward/types';

let plan: WalkForwardPlan | null = null;

export const foldWorkerApi = {
  init(p: WalkForwardPlan): void {
    plan = p;
  },
  run(task: number) {
    if (!plan) throw new Error('fold worker used before init');
    return runFold({ plan, task });
  },
};

expose(foldWorkerApi);
