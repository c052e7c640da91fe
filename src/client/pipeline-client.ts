/**
 * The typed API the UI calls. Wraps the pipeline worker with comlink, forwards progress
 * through `Comlink.proxy` callbacks, and cancels jobs cooperatively (a flag in the
 * worker) with `terminate()` as the last resort when a job does not stop in time.
 */
import * as Comlink from 'comlink';
import type { PipelineApi } from '../../workers/pipeline-api';
import type { Progress } from '../core/util/progress';
import { CancelledError } from '../core/errors';
import type { BackendInfo, BackendPreference } from '../core/compute/backend-types';
import { JobStore } from './job-store';
import { installErrorTransfer } from '../../workers/env/errors';

installErrorTransfer(); // coded errors from the worker keep their class here

export type { PipelineApi };
export type Remote = Comlink.Remote<PipelineApi>;

export interface JobHandle<T> {
  id: string;
  promise: Promise<T>;
  cancel(): void;
}

export interface JobOptions {
  onProgress?: (p: Progress) => void;
  /** what the job is, for the 'interrupted' note after a reload (e.g. 'Training gbc') */
  label?: string;
  /** how long a cancelled job may take to stop before the worker is terminated */
  terminateAfterMs?: number;
}

let jobCounter = 0;
const newJobId = () => `job_${Date.now().toString(36)}_${++jobCounter}`;

/**
 * Jobs running right now are also written to localStorage, so that a page closed in the
 * middle of one can say on the next start that it was interrupted (never "running forever").
 */
const RUNNING_KEY = 'candle-lab.running-jobs.v1';
export interface RunningJobNote {
  id: string;
  label: string;
  startedAt: number;
}
function readRunning(): RunningJobNote[] {
  try {
    return JSON.parse(localStorage.getItem(RUNNING_KEY) ?? '[]') as RunningJobNote[];
  } catch {
    return [];
  }
}
function writeRunning(list: RunningJobNote[]): void {
  try {
    localStorage.setItem(RUNNING_KEY, JSON.stringify(list));
  } catch {
    // storage unavailable: interruption notes are best effort
  }
}
/** Jobs that were running when the page last closed; reading them clears the list. */
export function takeInterruptedJobs(): RunningJobNote[] {
  const list = readRunning();
  writeRunning([]);
  return list;
}

export class PipelineClient {
  /** the state of each kind of job, outliving the panels that started them */
  readonly jobs = new JobStore();
  private worker!: Worker;
  private remote!: Remote;
  private preference: BackendPreference;
  /** set when the worker had to be replaced (after a forced terminate) */
  private restarts = 0;
  private active = new Set<string>();
  private activityListeners = new Set<(running: number) => void>();

  /** Called with the number of running jobs whenever it changes. */
  onActivity(listener: (running: number) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  get runningJobs(): number {
    return this.active.size;
  }

  private track(id: string, label: string | undefined, running: boolean): void {
    if (running) this.active.add(id);
    else this.active.delete(id);
    const notes = readRunning().filter((n) => n.id !== id);
    if (running && label) notes.push({ id, label, startedAt: Date.now() });
    writeRunning(notes);
    this.activityListeners.forEach((l) => l(this.active.size));
  }

  constructor(preference: BackendPreference = 'auto') {
    this.preference = preference;
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/pipeline.worker.ts', import.meta.url), {
      type: 'module',
      name: 'pipeline',
    });
    this.remote = Comlink.wrap<PipelineApi>(this.worker);
  }

  get api(): Remote {
    return this.remote;
  }

  get workerRestarts(): number {
    return this.restarts;
  }

  /** Selects the TensorFlow.js backend in the worker (webgpu, webgl, wasm, cpu; or a forced one). */
  async setBackend(preference: BackendPreference): Promise<BackendInfo> {
    this.preference = preference;
    return this.remote.compute.init(preference);
  }

  /**
   * Starts a long call in the worker. `call` receives the remote API, a job id (pass it
   * to the worker so it can be cancelled) and a proxied progress callback.
   */
  startJob<T>(
    call: (remote: Remote, jobId: string, onProgress: (p: Progress) => void) => Promise<T>,
    options: JobOptions = {},
  ): JobHandle<T> {
    const id = newJobId();
    this.track(id, options.label, true);
    let settled = false;
    let rejectCancelled: ((e: Error) => void) | null = null;
    const cancelled = new Promise<never>((_, reject) => (rejectCancelled = reject));
    cancelled.catch(() => undefined);
    const progress = Comlink.proxy((p: Progress) => options.onProgress?.(p));
    const work = call(this.remote, id, progress);
    const promise = Promise.race([work, cancelled]).finally(() => {
      settled = true;
      this.track(id, options.label, false);
    });
    const cancel = () => {
      if (settled) return;
      void this.remote.jobs.cancel(id).catch(() => undefined);
      const grace = options.terminateAfterMs ?? 3000;
      setTimeout(() => {
        if (settled) return;
        // The job ignored the flag (e.g. inside one long wasm or GPU call): stop the worker.
        this.worker.terminate();
        this.restarts++;
        this.spawn();
        void this.remote.compute.init(this.preference).catch(() => undefined);
        rejectCancelled?.(new CancelledError('Cancelled: the worker was stopped and restarted'));
      }, grace);
    };
    return { id, promise, cancel };
  }

  dispose(): void {
    this.worker.terminate();
  }
}
