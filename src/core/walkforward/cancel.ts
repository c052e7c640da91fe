/**
 * Cancel points for long loops: a check of the cancel flag every call, and a yield to the
 * event loop at most every `everyMs` (so a worker can receive the cancel message without the
 * loop paying a macrotask per step; a yield costs about 1 to 4 ms).
 */
import { throwIfCancelled, yieldToEventLoop, type CancelSignal } from '../util/progress';

export function cancelPoint(signal: CancelSignal | undefined, everyMs = 100): () => Promise<void> {
  let last = performance.now();
  return async () => {
    throwIfCancelled(signal);
    if (!signal || performance.now() - last < everyMs) return;
    await yieldToEventLoop();
    last = performance.now();
    throwIfCancelled(signal);
  };
}
