/**
 * The worker's `live` namespace (live.start / status / stop / ledger): message pumps over
 * src/core/jobs/live.ts. A session is a long job of the worker's runner; its job id is its
 * session id, so stop is the runner's cancel and a reload resumes it with the same id.
 */
import { proxy } from 'comlink';
import {
  defaultLiveDeps,
  ledgerCsv,
  liveLedger,
  liveStatus,
  runLiveJob,
  saveLiveLedger,
  saveLiveModel,
  type LiveStartRequest,
} from '../src/core/jobs/live';
import { listLiveSessions } from '../src/core/store/live';
import { InputError } from '../src/core/errors';
import type { ProgressFn } from '../src/core/util/progress';
import { parquetModule } from './env/parquet';
import { database, fileCache } from './env/store';
import { jobEnv, jobs } from './jobs';

export type { LiveStartRequest };

export const liveApi = proxy({
  /**
   * Runs (or, with a stored session's id, resumes) a session until stopped; resolves when it
   * stops. `accessToken`: a Hugging Face dataset source's token, kept out of the stored config.
   */
  start: async (
    req: LiveStartRequest & { session_id: string },
    onProgress: ProgressFn,
    accessToken?: string,
  ) => {
    if (jobs.status(req.session_id)?.status === 'running')
      throw new InputError('session_id', `Live session ${req.session_id} is already running.`);
    // one running session per model and symbol
    const twin = (await listLiveSessions(database())).find((s) => {
      const c = s.config;
      return (
        s.id !== req.session_id &&
        c.model_id === req.model_id &&
        c.symbol === req.symbol &&
        jobs.status(s.id)?.status === 'running'
      );
    });
    if (twin)
      throw new InputError(
        'model_id',
        `${req.model_id} already trades ${req.symbol} live (${twin.id}); stop it first.`,
      );
    return jobs.run(req.session_id, 'live', onProgress, async (ctx) =>
      runLiveJob(req, jobEnv(), ctx, {
        ...defaultLiveDeps(ctx.signal),
        // a Hugging Face dataset source reads through the data layer and its cache
        hub: { parquet: await parquetModule(), cache: fileCache(), accessToken },
      }),
    );
  },
  status: (sessionId: string) => liveStatus(jobEnv(), sessionId),
  stop: (sessionId: string) => jobs.cancel(sessionId),
  ledger: (sessionId: string, after?: number) => liveLedger(jobEnv(), sessionId, after),
  ledgerCsv: async (sessionId: string) => ledgerCsv((await liveLedger(jobEnv(), sessionId)).decisions),
  /** stored sessions, newest first, and whether each runs in this worker now */
  sessions: async () =>
    (await listLiveSessions(database())).map((s) => ({
      id: s.id,
      status: s.status,
      state: s.state,
      config: s.config,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      runningHere: jobs.status(s.id)?.status === 'running',
    })),
  saveModel: (sessionId: string) => saveLiveModel(jobEnv(), sessionId),
  /** the ledger as a run of kind 'live' (Artifacts, export bundles) */
  saveLedger: (sessionId: string) => saveLiveLedger(jobEnv(), sessionId),
});
