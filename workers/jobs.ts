/**
 * The pipeline worker's job runner and job environment (src/core/jobs): one runner for every
 * long job, whose status and cancel the UI reaches through `jobs.status` / `jobs.cancel`.
 */
import { JobRunner } from '../src/core/jobs/runner';
import type { JobEnv } from '../src/core/jobs/env';
import { datasets } from './env/session';
import { ensureCompute } from './env/compute';
import { database } from './env/store';
import { unitPoolExecutor } from './unit-pool';

export const jobs = new JobRunner();

let env: JobEnv | null = null;

export function jobEnv(): JobEnv {
  env ??= {
    datasets,
    db: database(),
    executor: unitPoolExecutor(),
    appVersion: __APP_VERSION__,
    ensureCompute: async () => (await ensureCompute()).backend,
  };
  return env;
}
