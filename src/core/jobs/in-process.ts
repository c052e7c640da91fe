/**
 * The executor that runs units one after another on the calling thread: Node tests, and
 * neural models, which must stay beside the TensorFlow.js backend of the pipeline worker.
 * Between units it yields to the event loop now and then, so a cancel message can arrive.
 */
import { cancelPoint } from '../walkforward/cancel';
import type { Executor } from './executor';
import { runUnit, type UnitResult } from './units';

export function inProcessExecutor(): Executor {
  return {
    name: 'in-process',
    concurrency: () => 1,
    async map(kind, context, count, options = {}) {
      const checkpoint = cancelPoint(options.signal);
      const out: UnitResult<typeof kind>[] = [];
      for (let i = 0; i < count; i++) {
        await checkpoint();
        const r = await runUnit(kind, context, i, {
          signal: options.signal,
          onProgress: options.onUnitProgress ? (p) => options.onUnitProgress?.(i, p) : undefined,
          ...options.instrument,
        });
        out.push(r);
        options.onDone?.(r, i, i + 1, count);
      }
      await checkpoint();
      return out;
    },
  };
}
