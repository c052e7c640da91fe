/**
 * Live sessions from the UI's side: start (the worker runs each as a job until stopped), stop,
 * and resume after a reload every stored session that was running but runs in no worker now
 * (a fresh page has a fresh worker). Framework-free; the Live panel polls `list`.
 */
import * as Comlink from 'comlink';
import type { LiveStartRequest } from '../../workers/live-api';
import type { Remote } from './pipeline-client';

export type LiveSessionItem = Awaited<ReturnType<Remote['live']['sessions']>>[number];

export function newLiveSessionId(modelId: string, symbol: string, now = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `live_${symbol.replace(/[^A-Za-z0-9]+/g, '')}_${stamp}_${modelId}`;
}

export class LiveSessions {
  /** the last failure of each session's job in this page (a refused start, a fault) */
  readonly failures = new Map<string, string>();
  constructor(
    private readonly api: () => Remote,
    /** a dataset source's access token for its hub URL (sent beside the request, never stored with it) */
    private readonly tokenFor: (hubUrl: string) => string | undefined = () => undefined,
  ) {}

  /** Starts (or, with a stored id, resumes) a session; returns its id at once. */
  start(req: LiveStartRequest & { session_id?: string }): string {
    const id = req.session_id ?? newLiveSessionId(req.model_id, req.symbol);
    this.failures.delete(id);
    const token = req.source.kind === 'hub' ? this.tokenFor(req.source.hub_url) : undefined;
    this.api()
      .live.start(
        { ...req, session_id: id },
        Comlink.proxy(() => undefined),
        token,
      )
      .catch((e: unknown) => this.failures.set(id, e instanceof Error ? e.message : String(e)));
    return id;
  }

  stop(id: string): Promise<boolean> {
    return this.api().live.stop(id);
  }

  list(): Promise<LiveSessionItem[]> {
    return this.api().live.sessions();
  }

  /** Sessions stored as running that no worker runs (the page was reloaded): resume each. */
  async resumeAll(): Promise<string[]> {
    const resumed: string[] = [];
    for (const s of await this.list())
      if (s.status === 'running' && !s.runningHere) {
        this.start({ ...s.config, session_id: s.id });
        resumed.push(s.id);
      }
    return resumed;
  }
}
