// The live job against the local kline replay server (e2e/replay-server/server.mjs, started in
// process on the repo's real sample), with fake-indexeddb: closed bars only, backfill after a
// sleep, stop and resume from the store, source faults, webhooks. Each poll of the session is
// followed by one tick of the replay clock (one more closed bar), driven by the injected sleep.
import { createServer, type Server } from 'node:http';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startReplayServer,
  type ReplayFault,
  type ReplayServer,
} from '../../../e2e/replay-server/server.mjs';
import type { JobEnv } from '../jobs/env';
import { inProcessExecutor } from '../jobs/in-process';
import { exportBundle, importBundle } from '../export';
import {
  ledgerCsv,
  liveLedger,
  runLiveJob,
  saveLiveLedger,
  saveLiveModel,
  type LiveDeps,
  type LiveStartRequest,
} from '../jobs/live';
import { getArtifact } from '../store/artifacts';
import { createFileCache } from '../store/file-cache';
import { DEFAULT_TOKEN as MOCK_HUB_TOKEN, startMockHub } from '../../../e2e/mock-hub/server.mjs';
import { JobRunner } from '../jobs/runner';
import { DatasetSession } from '../pipeline/datasets';
import { openCandleLabDb } from '../store/db';
import { getModelRecord, saveModel } from '../store/models';
import { sliceBars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { readModelMetricsJson } from '../train/metrics-json-check';
import { runTraining } from '../train/train-job';
import type { LiveDecision } from './types';

let server: ReplayServer;
const START = -400; // the replay clock starts 400 bars before the sample's end
const MODEL = 'gbc_classification_20250101_000000';

beforeAll(async () => {
  server = await startReplayServer({ port: 0 });
});
afterAll(() => server.close());

/** A real metrics.json of the configuration the sessions use (trained once on a short slice). */
let parentTraining: ReturnType<typeof runTraining> | null = null;

async function envWithModel(): Promise<JobEnv> {
  const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `live-${Math.random()}` });
  parentTraining ??= runTraining({
    request: {
      dataset: 'sample',
      symbols: ['BTC/USDT'],
      task: 'classification',
      target_horizon: 6,
      model: 'gbc',
      train_window: '600',
      valid_window: '100',
      seed: 7,
      params: { n_estimators: 8, max_depth: 2 },
    },
    bars: [sliceBars(loadSampleBars('BTC/USDT'), 0, 1200)],
    dataset: { id: 'sample', revision: null, commit: null, hubUrl: null, files: [] },
    appVersion: 'test',
  });
  const trained = await parentTraining;
  await saveModel(db, {
    id: MODEL,
    // the session fits its own model at its first test window; the saved one gives the configuration
    serialized: trained.serialized,
    metrics: { ...trained.metrics, model_id: MODEL },
    createdAt: 0,
    dataset: 'sample',
    symbols: ['BTC/USDT'],
  });
  return { datasets: new DatasetSession(), db, executor: inProcessExecutor(), appVersion: 'test' };
}

function request(over: Partial<LiveStartRequest> = {}): LiveStartRequest {
  return {
    model_id: MODEL,
    symbol: 'BTC/USDT',
    source: { kind: 'kline', base_url: server.url, interval: '1h' },
    train_window: '600',
    test_window: '12', // a retrain every 12 bars
    // one threshold, so the target flips often on this stretch (webhook tests need changes)
    buy_threshold: 0.57,
    sell_threshold: 0.57,
    ...over,
  };
}

interface Run {
  decisions: LiveDecision[];
  events: { kind: string; message: string; data?: Record<string, unknown> }[];
  retryWaits: number[];
  states: string[];
  sessionId: string;
}

/** Polls `polls` times; after poll i the replay clock advances by ticks(i) bars. */
async function run(
  env: JobEnv,
  o: {
    polls: number;
    ticks?: (i: number) => number;
    req?: Partial<LiveStartRequest>;
    deps?: Partial<LiveDeps>;
    faults?: ReplayFault[];
    faultsAfterFirstPoll?: ReplayFault[];
  },
): Promise<Run> {
  let i = 0;
  const retryWaits: number[] = [];
  const states: string[] = [];
  const deps: LiveDeps = {
    fetch: (u, init) => fetch(u, init),
    sleep: async () => {
      if (i === 0) for (const f of o.faultsAfterFirstPoll ?? []) server.fault(f);
      server.tick(o.ticks ? o.ticks(i) : 1);
      i++;
    },
    retrySleep: async (ms) => {
      retryWaits.push(ms);
    },
    now: () => Date.now(),
    maxPolls: o.polls,
    margin: 300,
    backoffMs: 1,
    timeoutMs: 300,
    errorWaitMs: 1,
    webhookBackoffMs: 1,
    ...o.deps,
  };
  for (const f of o.faults ?? []) server.fault(f);
  let idle: Promise<void> = Promise.resolve();
  deps.onWebhookIdle = (p) => (idle = p);
  const runner = new JobRunner();
  const out = await runner.run(
    undefined,
    'live',
    (p) => states.push(p.stage),
    (ctx) => runLiveJob(request(o.req), env, ctx, deps),
  );
  await idle;
  server.reset();
  const ledger = await liveLedger(env, out.session_id);
  return { ...ledger, retryWaits, states, sessionId: out.session_id };
}

const strip = (ds: LiveDecision[]) => ds.map((d) => JSON.stringify(d));

describe('live session against the replay server', () => {
  let env: JobEnv;
  let clean: Run;
  let lastIndex: number;
  beforeAll(async () => {
    env = await envWithModel();
    server.setIndex(START);
    clean = await run(env, { polls: 30 });
    lastIndex = server.index();
  }, 60_000);

  it('processes one closed bar per poll, retrains on schedule, trades and stores every decision', () => {
    expect(clean.decisions).toHaveLength(29); // the first poll finds nothing new
    const times = clean.decisions.map((d) => d.time);
    expect(times.every((t, k) => k === 0 || t - times[k - 1] === 3_600_000)).toBe(true);
    expect(times.at(-1)).toBe(server.times[lastIndex]);
    expect(clean.decisions.filter((d) => d.retrained).length).toBeGreaterThanOrEqual(2);
    expect(clean.decisions.some((d) => d.fills.length > 0)).toBe(true);
    expect(clean.decisions.every((d) => d.signal !== null && d.features !== null)).toBe(true);
    const csv = ledgerCsv(clean.decisions).trim().split('\n');
    expect(csv[0]).toMatch(/^time,open,close,fold/);
    expect(csv.length).toBeGreaterThan(clean.decisions.length);
  });

  it('never feeds a forming bar to the model: a source that returns it changes no decision', async () => {
    server.setIndex(START);
    const r = await run(env, { polls: 30, faults: [{ mode: 'forming', times: 1000 }] });
    expect(strip(r.decisions)).toEqual(strip(clean.decisions));
    expect(r.events.some((e) => e.kind === 'forming')).toBe(true);
  }, 60_000);

  it('backfills the bars missed while asleep, oldest first, to the same ledger', async () => {
    server.setIndex(START);
    // asleep for 9 bars after poll 3: one poll then gets 10 bars
    const r = await run(env, { polls: 21, ticks: (i) => (i === 3 ? 10 : 1) });
    expect(strip(r.decisions)).toEqual(strip(clean.decisions));
    expect(r.events.some((e) => e.kind === 'backfill' && /10 closed bars/.test(e.message))).toBe(true);
    expect(r.events.some((e) => e.kind === 'late')).toBe(true);
  }, 60_000);

  it('resumes a stopped session from the store at its last bar, with the same ledger', async () => {
    server.setIndex(START);
    const first = await run(env, { polls: 12 });
    expect(first.decisions).toHaveLength(11);
    // the tab was closed for 5 bars, then the session resumes
    server.tick(5);
    const again = await run(env, { polls: 14, req: { session_id: first.sessionId } });
    expect(again.sessionId).toBe(first.sessionId);
    expect(strip(again.decisions)).toEqual(strip(clean.decisions));
    // the ledger as a run of kind 'live' goes through an export bundle and back
    const runId = await saveLiveLedger(env, first.sessionId, Date.UTC(2026, 0, 2, 3, 4, 5));
    const zip = await exportBundle(env.db, { artifacts: [runId], appVersion: 'test' });
    const other = await envWithModel();
    const imported = await importBundle(other.db, zip, { onClash: 'skip' });
    expect(imported).toMatchObject({ ok: true, added: { artifacts: [runId] } });
    const back = await getArtifact(other.db, runId);
    expect(back.kind).toBe('live');
    expect(back.files['ledger.csv']).toBe(ledgerCsv(again.decisions));
    const id = await saveLiveModel(env, first.sessionId, Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(id).toBe(`${MODEL}_updated_20260102_030405`);
    const rec = await getModelRecord(env.db, id);
    expect(rec.parentId).toBe(MODEL);
    // one metrics.json layout for every model: the live model's passes the same check
    const read = readModelMetricsJson(rec.metrics);
    expect(read.ok).toBe(true);
    expect(read.ok && read.metrics.origin).toBe('updated');
    expect(read.ok && read.metrics.walk_forward?.description).toContain(first.sessionId);
  }, 60_000);

  it('shows a bar the source lacks as a gap and trades on without it', async () => {
    server.setIndex(START);
    const missing = server.times[server.times.length + START + 10];
    const r = await run(env, { polls: 30, faults: [{ mode: 'gap', time: missing, times: 1000 }] });
    const gap = r.events.find((e) => e.kind === 'gap');
    expect(gap?.data).toMatchObject({ missing: 1, before: missing + 3_600_000 });
    expect(gap?.message).toMatch(/1 bar\(s\) missing before/);
    expect(r.decisions.map((d) => d.time)).toEqual(
      clean.decisions.map((d) => d.time).filter((t) => t !== missing),
    );
    // up to the gap, the same decisions
    const k = clean.decisions.findIndex((d) => d.time === missing);
    expect(strip(r.decisions.slice(0, k))).toEqual(strip(clean.decisions.slice(0, k)));
  }, 60_000);

  it('reads the same bars from a private Hugging Face dataset and decides the same; its token is never stored', async () => {
    const hub = await startMockHub({ port: 0 });
    try {
      const H = 3_600_000;
      let now = server.times[server.times.length + START] + H + 10 * 60_000; // the replay clock's start
      const waits: number[] = [];
      const r = await run(env, {
        polls: 30,
        req: {
          source: {
            kind: 'hub',
            dataset: 'lab/binance-private', // the sample, readable with the mock hub's token only
            hub_url: hub.url,
            interval: '1h',
            refresh_s: 120,
          },
        },
        deps: {
          now: () => now,
          sleep: async (ms) => {
            waits.push(ms);
            now += H;
          },
          hub: {
            parquet: await import('parquet-wasm/node'),
            cache: createFileCache(
              openCandleLabDb({ indexedDB, IDBKeyRange, name: `live-hub-${Math.random()}` }),
            ),
            accessToken: MOCK_HUB_TOKEN,
          },
        },
      });
      expect(strip(r.decisions)).toEqual(strip(clean.decisions));
      expect(hub.requests().every((q) => q.auth)).toBe(true);
      expect(Math.max(...waits)).toBeLessThanOrEqual(120_000); // re-read at least every refresh_s
      const stored = await env.db.liveSessions.get(r.sessionId);
      expect(JSON.stringify(stored)).not.toContain(MOCK_HUB_TOKEN);
    } finally {
      await hub.close();
    }
  }, 120_000);

  it.each<[string, ReplayFault[], (r: Run) => void]>([
    [
      'a timeout',
      [{ mode: 'timeout', ms: 1500, times: 1 }],
      (r) => expect(r.retryWaits.length).toBeGreaterThan(0),
    ],
    [
      '429 with Retry-After',
      [{ mode: '429', retryAfter: 2, times: 1 }],
      (r) => expect(r.retryWaits).toContain(2000),
    ],
    ['a 5xx', [{ mode: '5xx', status: 502, times: 2 }], (r) => expect(r.retryWaits.length).toBe(2)],
    [
      'an unreachable source (more 5xx than retries)',
      [{ mode: '5xx', status: 503, times: 12 }],
      (r) => {
        const err = r.events.find((e) => e.kind === 'source-error');
        expect(err?.message).toMatch(/HTTP 503/);
        expect(err?.data?.code).toBe('source-http');
        expect(r.states).toContain('source-error');
      },
    ],
    [
      'malformed rows',
      [{ mode: 'malformed', times: 2 }],
      (r) => expect(r.retryWaits.length).toBeGreaterThan(0),
    ],
    [
      'duplicated bars',
      [{ mode: 'duplicate', times: 3 }],
      (r) => expect(r.events.some((e) => e.kind === 'duplicates')).toBe(true),
    ],
    [
      'bars out of order',
      [{ mode: 'out-of-order', times: 3 }],
      (r) => expect(r.events.some((e) => e.kind === 'out-of-order')).toBe(true),
    ],
  ])(
    'loses nothing on %s and says so',
    async (_name, faults, check) => {
      server.setIndex(START);
      // the fault hits the second poll (after the history was loaded), which has 3 new bars
      const r = await run(env, { polls: 28, ticks: (i) => (i === 0 ? 3 : 1), faultsAfterFirstPoll: faults });
      expect(strip(r.decisions)).toEqual(strip(clean.decisions));
      check(r);
    },
    60_000,
  );

  describe('webhooks', () => {
    let receiver: Server;
    let url: string;
    let bodies: Record<string, unknown>[] = [];
    let failFirst = 0;
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (failFirst > 0) {
            failFirst--;
            res.writeHead(500).end();
            return;
          }
          bodies.push({ ...JSON.parse(body), content_type: req.headers['content-type'], method: req.method });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const a = receiver.address();
      url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/hook`;
    });
    afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

    it('POSTs exactly one documented payload per signal change', async () => {
      bodies = [];
      server.setIndex(START);
      const r = await run(env, { polls: 30, req: { webhook_url: url } });
      expect(strip(r.decisions)).toEqual(strip(clean.decisions));
      const changes = r.decisions.filter((d, k) => d.target !== (k === 0 ? 0 : r.decisions[k - 1].target));
      expect(changes.length).toBeGreaterThan(1);
      expect(bodies).toHaveLength(changes.length);
      bodies.forEach((b, k) => {
        const d = changes[k];
        expect(b).toEqual({
          session: r.sessionId,
          symbol: 'BTC/USDT',
          bar_time: new Date(d.time).toISOString(),
          signal: d.target > 0 ? 'long' : 'flat',
          target: d.target,
          probability: d.signal,
          model_id: MODEL,
          price: d.close,
          content_type: 'application/json',
          method: 'POST',
        });
      });
      expect(r.events.filter((e) => e.kind === 'webhook')).toHaveLength(changes.length);
    }, 60_000);

    it('retries a failing receiver, logs every outcome and never stops the session', async () => {
      bodies = [];
      failFirst = 2;
      server.setIndex(START);
      const ok = await run(env, { polls: 30, req: { webhook_url: url } });
      const first = ok.events.find((e) => e.kind === 'webhook');
      expect(first?.data?.attempts).toBe(3);
      expect(bodies.length).toBe(ok.events.filter((e) => e.kind === 'webhook').length);

      server.setIndex(START);
      const dead = await run(env, { polls: 30, req: { webhook_url: 'http://127.0.0.1:9/unreachable' } });
      expect(strip(dead.decisions)).toEqual(strip(clean.decisions));
      const failed = dead.events.filter((e) => e.kind === 'webhook-failed');
      expect(failed.length).toBeGreaterThan(1);
      expect(failed[0].message).toMatch(/failed after 4 attempts/);
    }, 60_000);
  });
});
