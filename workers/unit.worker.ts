/// <reference lib="webworker" />
/** A unit worker: holds one job's shared context and runs its units on request (src/core/jobs/units.ts). */
import { expose, transfer } from 'comlink';
import { createUnitHost } from '../src/core/jobs/units';
import { installErrorTransfer } from './env/errors';

installErrorTransfer();

const host = createUnitHost();

export const unitWorkerApi = {
  load: host.load,
  run: host.run,
  /** drops the job's context; its packed buffer (if any) moves back to the pool for the next job */
  unload(): ArrayBuffer | null {
    const buffer = host.unload();
    return buffer ? transfer(buffer, [buffer]) : null;
  },
};

expose(unitWorkerApi);
