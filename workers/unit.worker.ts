/// <reference lib="webworker" />
/** A unit worker: holds one job's shared context and runs its units on request (src/core/jobs/units.ts). */
import { expose } from 'comlink';
import { createUnitHost } from '../src/core/jobs/units';
import { installErrorTransfer } from './env/errors';

installErrorTransfer();

export const unitWorkerApi = createUnitHost();

expose(unitWorkerApi);
