/**
 * The live job: one paper-trading session (one saved model on one symbol), long-running; cancel
 * is stop. A new session resolves its model's configuration from the store (as the backtest job
 * does), fetches the source's closed bars back far enough for a retrain and the warm-up, stores
 * them and runs the live loop (src/core/live/session.ts); every processed bar is stored with the
 * engine's checkpoint, so `runLiveJob` with the id of a stored session resumes it from its last
 * processed bar (backfilling what it missed first). Also here: status, ledger (CSV too) and
 * saving the current model as `<model_id>_updated_<timestamp>`.
 */
import { readModelMetricsJson } from '../train/metrics-json-check';
import { UPDATED_MODEL_UNAVAILABLE as WHY, type UpdatedModelMetricsJson } from '../train/metrics-json';
import type { Bars } from '../data/bars';
import { LiveEngine } from '../live/engine';
import { runLiveSession, type LiveStatus } from '../live/session';
import { HubSource } from '../live/sources/hub';
import { KlineSource, type FetchFn } from '../live/sources/kline';
import type { LoadDeps } from '../data/load';
import type { LiveBar, LiveDecision } from '../live/types';
import { WebhookSender } from '../live/webhook';
import {
  checkLiveSource,
  type HubLiveSourceConfig,
  type KlineLiveSourceConfig,
  type LiveSourceConfig,
} from '../live/source-config';
import { modelConfigFromMetrics } from '../pipeline/model-config';
import {
  createLiveSession,
  getLiveSession,
  liveBars,
  liveDecisions,
  liveEvents,
  logLiveEvent,
  recordLiveBar,
  setLiveSessionState,
  setLiveSessionStatus,
  trimLiveBars,
  type LiveEventRecord,
  type LiveSessionRecord,
} from '../store/live';
import { getModelRecord, saveModel } from '../store/models';
import { freeRunId, saveRun } from '../store/runs';
import { parseWindow } from '../split/windows';
import { updatedModelId } from '../util/ids';
import type { WalkForwardRequest } from '../walkforward/types';
import { DataError, InputError } from '../errors';
import type { JobEnv } from './env';
import type { JobContext } from './runner';

export type { HubLiveSourceConfig, KlineLiveSourceConfig, LiveSourceConfig };
export { checkLiveSource };

/** live.start: a model, a symbol, a source, and the backtest's settings. */
export interface LiveStartRequest extends Omit<
  WalkForwardRequest,
  'model' | 'symbols' | 'dataset' | 'timeframe' | 'max_folds' | 'save_updates'
> {
  /** resume this stored session (other fields are then read from the store) */
  session_id?: string;
  model_id: string;
  symbol: string;
  source: LiveSourceConfig;
  /** POST each signal change here (optional) */
  webhook_url?: string;
  /** poll at least this often (s; default 60): a replayed source's clock runs faster than a bar */
  poll_every_s?: number;
}

/** What a session stores as its config: the start request, resolved (its walk-forward request and bar size). */
export interface LiveSessionConfig extends LiveStartRequest {
  session_id: string;
  request: WalkForwardRequest;
  bar_ms: number;
}

export interface LiveDeps {
  fetch: FetchFn;
  /** the wait between polls */
  sleep: (ms: number) => Promise<void>;
  /** the wait between retries of one source request (default: sleep) */
  retrySleep?: (ms: number) => Promise<void>;
  now: () => number;
  /** test knobs of the loop */
  pollDelayMs?: number;
  maxPolls?: number;
  errorWaitMs?: number;
  webhookBackoffMs?: number;
  /** per source request (default 10 s) */
  timeoutMs?: number;
  backoffMs?: number;
  /** parquet-wasm and the file cache, for a Hugging Face dataset source */
  hub?: Omit<LoadDeps, 'hubUrl'>;
  /** bars of margin kept beyond a retrain's needs (engine default 4,000) */
  margin?: number;
  onWebhookIdle?: (idle: Promise<void>) => void;
}

export interface LiveJobResult {
  session_id: string;
  status: LiveStatus;
}

/** fetch, timers and the clock of the worker; sleeps end early (within a second) on cancel. */
export function defaultLiveDeps(signal: { readonly cancelled: boolean }): LiveDeps {
  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  return {
    fetch: (u, i) => fetch(u, i),
    sleep: async (ms) => {
      const until = Date.now() + ms;
      while (!signal.cancelled && Date.now() < until) await wait(Math.min(1000, until - Date.now()));
    },
    now: () => Date.now(),
  };
}

export function liveSessionId(modelId: string, symbol: string, ms: number): string {
  const stamp = new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `live_${symbol.replace(/[^A-Za-z0-9]+/g, '')}_${modelId}_${stamp}`;
}

function sourceOf(
  cfg: LiveSourceConfig,
  symbol: string,
  barMs: number,
  deps: LiveDeps,
): KlineSource | HubSource {
  checkLiveSource(cfg);
  if (cfg.kind === 'hub') {
    if (!deps.hub) throw new InputError('source', 'A dataset source needs the data layer (parquet, cache).');
    return new HubSource({
      request: { dataset: cfg.dataset.trim(), revision: cfg.revision?.trim() || undefined },
      deps: { ...deps.hub, hubUrl: cfg.hub_url.trim().replace(/\/+$/, '') },
      symbol,
      barMs,
      now: deps.now,
    });
  }
  return new KlineSource({
    baseUrl: cfg.base_url,
    symbol: cfg.exchange_symbol ?? symbol.replace('/', ''),
    interval: cfg.interval ?? '1h',
    barMs,
    fetch: deps.fetch,
    sleep: deps.retrySleep ?? deps.sleep,
    timeoutMs: deps.timeoutMs,
    backoffMs: deps.backoffMs,
  });
}

function toBars(symbol: string, rows: LiveBar[]): Bars {
  const col = (k: keyof LiveBar) => Float64Array.from(rows, (r) => r[k]);
  return {
    symbol,
    time: col('time'),
    open: col('open'),
    high: col('high'),
    low: col('low'),
    close: col('close'),
    volume: col('volume'),
  };
}

/** The settings part of a start request: the walk-forward request without the model. */
function walkForwardOf(req: LiveStartRequest, model: WalkForwardRequest['model']): WalkForwardRequest {
  const {
    session_id: _i,
    model_id: _m,
    symbol,
    source: _s,
    webhook_url: _w,
    poll_every_s: _p,
    ...settings
  } = req;
  return { ...settings, model, symbols: [symbol] };
}

/** `id`, else `id_2`, `id_3`, ...: two sessions started within the same second get their own ids. */
async function freeSessionId(env: JobEnv, id: string): Promise<string> {
  let free = id;
  for (let i = 2; await env.db.liveSessions.get(free); i++) free = `${id}_${i}`;
  return free;
}

/** The longest wait between polls: a dataset's refresh interval, else poll_every_s. */
function pollEveryMs(cfg: LiveStartRequest): number | undefined {
  const s = (cfg.source.kind === 'hub' ? cfg.source.refresh_s : undefined) ?? cfg.poll_every_s;
  return s ? s * 1000 : undefined;
}

/** Runs (or resumes) a session until cancelled. */
export async function runLiveJob(
  req: LiveStartRequest,
  env: JobEnv,
  ctx: JobContext,
  deps: LiveDeps = defaultLiveDeps(ctx.signal),
): Promise<LiveJobResult> {
  const now = deps.now;
  if (env.ensureCompute) await env.ensureCompute(); // linear and neural models run on TensorFlow.js
  const stored = req.session_id ? await env.db.liveSessions.get(req.session_id) : undefined;
  let session: LiveSessionRecord;
  let engine: LiveEngine;
  let source: KlineSource | HubSource;
  if (stored) {
    session = stored;
    const start = stored.config;
    source = sourceOf(start.source, start.symbol, start.bar_ms, deps);
    const bars = await liveBars(env.db, stored.id);
    const cp = stored.checkpoint ? { ...stored.checkpoint, model: stored.model } : undefined;
    const history = toBars(start.symbol, bars);
    engine = await LiveEngine.create({
      request: start.request,
      history,
      barMs: start.bar_ms,
      checkpoint: cp,
      margin: deps.margin,
    });
    ctx.log.info(`resuming live session ${stored.id} after ${new Date(engine.lastTime).toISOString()}`);
  } else {
    const record = await getModelRecord(env.db, req.model_id);
    const request = walkForwardOf(req, modelConfigFromMetrics(record.id, record.metrics));
    const barMs = parseWindow(req.source.interval ?? '1h', 1);
    source = sourceOf(req.source, req.symbol, barMs, deps);
    // history: a retrain's training window, a test window, the warm-up margin
    const probe = LiveEngine.retention(request, barMs, deps.margin);
    const serverNow = await source.serverTime(ctx.signal);
    const batch = await source.fetchSince(serverNow - (probe + 2) * barMs, ctx.signal);
    const history = toBars(req.symbol, batch.bars);
    engine = await LiveEngine.create({ request, history, barMs, margin: deps.margin });
    const id = req.session_id ?? (await freeSessionId(env, liveSessionId(record.id, req.symbol, now())));
    session = {
      id,
      createdAt: now(),
      updatedAt: now(),
      status: 'running',
      config: { ...req, session_id: id, request, bar_ms: barMs },
      checkpoint: engine.checkpoint(false),
      model: null,
      state: null,
    };
    await createLiveSession(env.db, session, batch.bars);
    ctx.log.info(
      `live session ${id}: ${record.id} on ${req.symbol}, ${batch.bars.length} bars of history from ${source.name}`,
    );
  }
  const id = session.id;
  await setLiveSessionStatus(env.db, id, 'running', session.state, now());
  const cfg = session.config;
  const event = (e: Omit<LiveEventRecord, 'session'>) => logLiveEvent(env.db, { ...e, session: id });
  const webhook = cfg.webhook_url
    ? new WebhookSender({
        url: cfg.webhook_url,
        fetch: deps.fetch as never,
        sleep: deps.retrySleep ?? deps.sleep,
        backoffMs: deps.webhookBackoffMs,
        onOutcome: (w) =>
          event({
            at: now(),
            kind: w.ok ? 'webhook' : 'webhook-failed',
            message: w.ok
              ? `POST ${cfg.webhook_url}: ${w.payload.signal} (HTTP ${w.status}, attempt ${w.attempts})`
              : `POST ${cfg.webhook_url} failed after ${w.attempts} attempts: ${w.error}`,
            data: {
              payload: w.payload as unknown as Record<string, unknown>,
              status: w.status,
              attempts: w.attempts,
            },
          }),
      })
    : undefined;
  let trimmedBase = engine.bars.base;
  try {
    const status = await runLiveSession({
      id,
      modelId: cfg.model_id,
      engine,
      source,
      signal: ctx.signal,
      sleep: deps.sleep,
      now,
      pollDelayMs: deps.pollDelayMs,
      maxPolls: deps.maxPolls,
      errorWaitMs: deps.errorWaitMs,
      maxWaitMs: pollEveryMs(cfg),
      webhook,
      onBar: async (decision: LiveDecision, bar: LiveBar) => {
        const model = engine.modelDirty ? (engine.currentModel()?.serialized ?? null) : undefined;
        engine.modelDirty = false;
        await recordLiveBar(env.db, id, {
          bar,
          decision,
          checkpoint: engine.checkpoint(false),
          model,
          now: now(),
        });
        if (engine.bars.base - trimmedBase >= 500) {
          trimmedBase = engine.bars.base;
          await trimLiveBars(env.db, id, engine.bars.view().time[0]);
        }
        ctx.progress({
          stage: 'bar',
          fraction: 0,
          message: `${new Date(bar.time).toISOString()} target ${decision.target}`,
        });
      },
      onEvent: (e) => event(e),
      onStatus: async (s) => {
        await setLiveSessionState(env.db, id, s as unknown as Record<string, unknown>);
        ctx.progress({ stage: s.state, fraction: 0, message: s.message });
      },
    });
    if (webhook) {
      deps.onWebhookIdle?.(webhook.idle());
    }
    await setLiveSessionStatus(env.db, id, 'stopped', status as unknown as Record<string, unknown>, now());
    return { session_id: id, status };
  } catch (e) {
    await setLiveSessionStatus(
      env.db,
      id,
      'failed',
      { state: 'failed', message: (e as Error).message },
      now(),
    );
    throw e;
  } finally {
    engine.dispose();
  }
}

/** live.status: the stored session, its newest decision and the last events. */
export async function liveStatus(env: JobEnv, id: string) {
  const s = await getLiveSession(env.db, id);
  const last = await liveDecisions(env.db, id, { limit: 1 });
  return {
    session_id: s.id,
    status: s.status,
    state: s.state,
    config: s.config,
    last_decision: last[0] ?? null,
    events: await liveEvents(env.db, id, 50),
  };
}

/** live.ledger: every decision (orders, fills, positions, equity) and the event log. */
export async function liveLedger(env: JobEnv, id: string, after?: number) {
  await getLiveSession(env.db, id);
  return {
    decisions: await liveDecisions(env.db, id, { after }),
    events: await liveEvents(env.db, id, 1000),
  };
}

const CSV_HEADER =
  'time,open,close,fold,retrained,signal,target,fill_time,fill_quantity,fill_price,fill_fee,fill_slippage,cash,quantity,equity,position,buy_and_hold,online_update';

/** The ledger as CSV: one line per bar (and one more per extra fill on that bar). */
export function ledgerCsv(decisions: LiveDecision[]): string {
  const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
  const lines = [CSV_HEADER];
  for (const d of decisions) {
    const fills = d.fills.length ? d.fills : [null];
    for (const f of fills)
      lines.push(
        [
          iso(d.time),
          d.open,
          d.close,
          d.fold,
          d.retrained ? 1 : 0,
          d.signal ?? '',
          d.target,
          f ? iso(f.time) : '',
          f?.quantity ?? '',
          f?.price ?? '',
          f?.fee ?? '',
          f?.slippage ?? '',
          d.cash,
          d.quantity,
          d.equity,
          d.position,
          d.buy_and_hold,
          iso(d.online_update),
        ].join(','),
      );
  }
  return `${lines.join('\n')}\n`;
}

/** Save the session's current model as `<model_id>_updated_<timestamp>` with its own metrics.json. */
export async function saveLiveModel(
  env: JobEnv,
  id: string,
  nowMs = (env.now ?? Date.now)(),
): Promise<string> {
  const s = await getLiveSession(env.db, id);
  const cfg = s.config;
  if (!s.model)
    throw new InputError('session_id', 'This session has no fitted model yet (no test window has started).');
  const parent = await getModelRecord(env.db, cfg.model_id);
  const newId = updatedModelId(cfg.model_id, nowMs);
  const cp = s.checkpoint;
  const read = readModelMetricsJson(parent.metrics, `models/${parent.id}/metrics.json`);
  if (!read.ok)
    throw new DataError('bad-model', `Model ${parent.id}'s metrics.json cannot be read: ${read.problems[0]}`);
  const p = read.metrics;
  const why =
    'the live session model has no validation of its own: it is evaluated bar by bar in the session ledger';
  const metrics: UpdatedModelMetricsJson = {
    model_id: newId,
    origin: 'updated',
    parent_model_id: cfg.model_id,
    created_at: new Date(nowMs).toISOString(),
    app_version: env.appVersion,
    model: { ...p.model, format: s.model.format },
    config: cfg.request.model,
    dataset: p.dataset,
    ...(p.dataset ? {} : { dataset_unavailable: WHY.dataset }),
    symbols: [cfg.symbol],
    features: p.features,
    label: p.label,
    split: null,
    split_unavailable: WHY.split,
    scaler: cp?.scaler ?? p.scaler,
    validation: {
      rows: 0,
      metrics: {},
      baseline: null,
      baseline_unavailable: why,
      baselineName: null,
      window: why,
    },
    validation_per_symbol: null,
    validation_per_symbol_unavailable: WHY.validation_per_symbol,
    importance: {
      gain: null,
      gain_unavailable: why,
      permutation: null,
      permutation_unavailable: WHY.permutation,
    },
    timings: null,
    timings_unavailable: WHY.timings,
    backend: p.backend,
    iterations: p.iterations,
    history: null,
    history_unavailable: WHY.history,
    walk_forward: {
      fold: cp?.fold?.index ?? 0,
      train_rows: 0,
      test_start: cp?.fold ? new Date(cp.fold.test_start).toISOString() : null,
      test_end: cp?.fold ? new Date(cp.fold.test_end).toISOString() : null,
      online: cfg.online ?? false,
      online_updates: cp?.online_updates ?? 0,
      description: `live session ${s.id} on ${cfg.symbol}, last bar ${cp ? new Date(cp.last_time).toISOString() : 'none'}: retrained on its last training window, then updated online with every label revealed since`,
    },
  };
  await saveModel(env.db, {
    id: newId,
    serialized: s.model,
    metrics,
    createdAt: nowMs,
    dataset: parent.dataset,
    symbols: [cfg.symbol],
    parentId: cfg.model_id,
  });
  return newId;
}

/**
 * The ledger as a stored run of kind 'live' (ledger.csv, events.json, report.json), so it is
 * listed in Artifacts and travels in export bundles like any run. Returns the run id.
 */
export async function saveLiveLedger(
  env: JobEnv,
  id: string,
  nowMs = (env.now ?? Date.now)(),
): Promise<string> {
  const s = await getLiveSession(env.db, id);
  const { decisions, events } = await liveLedger(env, id);
  const cfg = s.config;
  const last = decisions.at(-1);
  const capital = Number(s.config.request?.initial_capital ?? 10_000);
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const runId = await freeRunId(env.db, `live_${stamp}`);
  await saveRun(env.db, {
    id: runId,
    kind: 'live',
    createdAt: nowMs,
    modelId: cfg.model_id,
    summary: {
      session: s.id,
      model_id: cfg.model_id,
      symbols: [cfg.symbol],
      bars: decisions.length,
      first_bar: decisions[0] ? new Date(decisions[0].time).toISOString() : null,
      last_bar: last ? new Date(last.time).toISOString() : null,
      results: last
        ? {
            total_return_pct: (last.equity / capital - 1) * 100,
            buy_and_hold_return_pct: (last.buy_and_hold / capital - 1) * 100,
          }
        : null,
    },
    files: {
      'ledger.csv': ledgerCsv(decisions),
      'events.json': JSON.stringify(events, null, 2),
      // report.json as every run has one (run_id, config): the session, its state and checkpoint
      'report.json': JSON.stringify(
        {
          run_id: runId,
          kind: 'live',
          created_at: new Date(nowMs).toISOString(),
          config: s.config,
          session: { id: s.id, status: s.status, state: s.state, checkpoint: s.checkpoint },
        },
        null,
        2,
      ),
    },
  });
  return runId;
}
