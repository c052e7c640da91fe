/**
 * Test helpers of the jobs: a JobEnv over a fresh fake-indexeddb database with the real sample
 * loaded through the app's own loader (parquet-wasm's Node build), and a "pool" executor that
 * behaves like the browser's worker pool: units run concurrently and finish out of order, and
 * the context and every result cross a structured-clone boundary as they do between workers.
 */
import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import * as parquet from 'parquet-wasm/node';
import { DatasetSession } from '../../pipeline/datasets';
import { openCandleLabDb } from '../../store/db';
import { SAMPLE_PARQUET } from '../../test-utils/sample';
import type { Executor } from '../executor';
import type { JobEnv } from '../env';
import { inProcessExecutor } from '../in-process';
import { JobRunner, type JobContext } from '../runner';
import { runUnit } from '../units';

export function testEnv(executor: Executor = inProcessExecutor()): { env: JobEnv; handle: string } {
  const datasets = new DatasetSession();
  const { handle } = datasets.loadLocal(
    'train-00000-of-00001.parquet',
    new Uint8Array(readFileSync(SAMPLE_PARQUET)),
    {
      parquet,
      datasetId: 'sample/binance-ohlcv-1h-btc-eth',
    },
  );
  const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `jobs-${Math.random()}` });
  let t = Date.UTC(2025, 0, 8, 12, 0, 0);
  return { env: { datasets, db, executor, appVersion: 'test', now: () => (t += 1000) }, handle };
}

/** Runs `job` through a JobRunner, as a worker does. */
export function runJob<T>(runner: JobRunner, id: string, job: (ctx: JobContext) => Promise<T>): Promise<T> {
  return runner.run(id, 'test', undefined, job);
}

/** Units in parallel, finishing in reverse order, with structured clones in and out. */
export function clonePoolExecutor(workers = 3): Executor {
  return {
    name: `${workers} cloned workers`,
    concurrency: (n) => Math.min(workers, n),
    async map(kind, context, count, options = {}) {
      const out = new Array(count);
      let done = 0;
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const ctx = structuredClone(context);
          await new Promise((r) => setTimeout(r, (count - i) * 5));
          const r = structuredClone(await runUnit(kind, ctx, i));
          out[i] = r;
          options.onDone?.(r, i, ++done, count);
        }),
      );
      return out;
    },
  };
}
