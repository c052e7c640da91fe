/**
 * Progress and cancellation for long work. Core code reports through a callback and
 * checks a cancel signal between units of work; it knows nothing of the UI or workers.
 */
import { CancelledError } from '../errors';

export interface Progress {
  /** short machine-readable stage name, e.g. 'download', 'features', 'training' */
  stage: string;
  /** 0..1 overall fraction */
  fraction: number;
  /** human-readable detail, e.g. 'tree 40/100' */
  message?: string;
  /** optional extra numbers (bytes, epoch, loss...) */
  detail?: Record<string, number | string>;
}

export type ProgressFn = (p: Progress) => void;

export interface CancelSignal {
  readonly cancelled: boolean;
}

export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.cancelled) throw new CancelledError();
}

/** A mutable cancel flag: the worker flips it when the UI asks to cancel. */
export function createCancelFlag(): CancelSignal & { cancel(): void } {
  let cancelled = false;
  return {
    get cancelled() {
      return cancelled;
    },
    cancel() {
      cancelled = true;
    },
  };
}

/** Lets the event loop run (so a cancel message can arrive) without slowing tight loops much. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
