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

/**
 * Lets the event loop run (so a cancel message can arrive) without slowing tight loops much:
 * through a message to itself where MessageChannel exists, because browsers clamp chained
 * setTimeout(0) calls to 4 ms each after the fifth (in a Chromium worker 30 chained
 * setTimeout(0) took 127 ms, 30 messages 0.9 ms). A cancel message already queued runs before
 * the message posted here, so cancellation still gets through. setTimeout elsewhere.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
