/**
 * Job state that outlives the panels: the running job of each kind (training, a backtest, an
 * optimisation, an import), its progress, its result or its error, kept here rather than in a
 * component, so leaving a panel and coming back shows the job's progress or its outcome.
 * Framework-free: React reads it through useSyncExternalStore (src/app/hooks/useJob.ts).
 */
import type { ErrorCategory } from '../core/errors';
import type { Progress } from '../core/util/progress';

export interface JobState<T> {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress?: Progress;
  /** progress messages so far (for live charts, e.g. loss per epoch) */
  history: Progress[];
  result?: T;
  error?: string;
  /** what kind of failure (an InputError is the user's to fix; 'internal' is a fault) */
  errorCategory?: ErrorCategory;
  /** the request field an InputError names */
  errorField?: string;
  startedAt?: number;
}

const IDLE: JobState<never> = { status: 'idle', history: [] };

export class JobStore {
  private states = new Map<string, JobState<unknown>>();
  private listeners = new Map<string, Set<() => void>>();

  get<T>(key: string): JobState<T> {
    return (this.states.get(key) as JobState<T> | undefined) ?? IDLE;
  }

  set<T>(key: string, next: JobState<T> | ((s: JobState<T>) => JobState<T>)): void {
    const value = typeof next === 'function' ? next(this.get<T>(key)) : next;
    this.states.set(key, value);
    this.listeners.get(key)?.forEach((l) => l());
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}
