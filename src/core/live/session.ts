/**
 * runLiveSession: the polling loop around a LiveEngine. Ask the source for every closed bar
 * after the last processed one; feed them to the engine in time order (so missed bars, after a
 * reload or a sleeping tab, are backfilled before anything newer is decided); store each bar's
 * decision before the next; then sleep until just after the next bar closes. Gaps (bars missing
 * on the grid), late bars (arriving more than a bar after their close), forming bars dropped,
 * duplicates and rows out of order are reported as events; a failing source sets a clear state
 * ('source-error', with what failed) and is retried with backoff, losing nothing. Webhooks go
 * out on each change of the target position. Stops when the cancel flag is set.
 */
import { CancelledError, LabError } from '../errors';
import type { CancelSignal } from '../util/progress';
import type { LiveEngine } from './engine';
import type { BarSource } from './sources/types';
import type { LiveBar, LiveDecision } from './types';
import { signalName, type WebhookSender } from './webhook';

export type LiveState = 'backfilling' | 'waiting' | 'source-error' | 'stopped';

export interface LiveStatus {
  state: LiveState;
  /** open time of the newest processed bar */
  last_time: number;
  /** when the next bar closes (ms, source clock) */
  next_close: number;
  /** the source's clock at its last answer */
  source_now: number | null;
  message: string;
  error_code?: string;
  bars_processed: number;
}

export interface LiveEvent {
  at: number;
  kind: 'gap' | 'late' | 'forming' | 'duplicates' | 'out-of-order' | 'source-error' | 'backfill' | 'retrain';
  message: string;
  data?: Record<string, unknown>;
}

export interface LiveSessionOptions {
  id: string;
  modelId: string;
  engine: LiveEngine;
  source: BarSource;
  signal: CancelSignal;
  /** store one processed bar (awaited before the next bar) */
  onBar: (decision: LiveDecision, bar: LiveBar) => Promise<void>;
  onEvent?: (e: LiveEvent) => void | Promise<void>;
  onStatus?: (s: LiveStatus) => void | Promise<void>;
  webhook?: WebhookSender;
  /** wait (ms); should resolve early on cancel (the job's default checks the flag every second) */
  sleep: (ms: number) => Promise<void>;
  /** local clock, used when the source has not answered yet */
  now: () => number;
  /** poll this long after a bar's close (default 3 s) */
  pollDelayMs?: number;
  /** never sleep longer than this between polls (default 60 s) */
  maxWaitMs?: number;
  /** first wait after a source error (default 2 s, doubling up to maxWaitMs) */
  errorWaitMs?: number;
  /** stop after this many polls (tests) */
  maxPolls?: number;
}

export async function runLiveSession(o: LiveSessionOptions): Promise<LiveStatus> {
  const { engine, source } = o;
  const barMs = engine.barMs;
  const maxWait = o.maxWaitMs ?? 60_000;
  let errorWait = o.errorWaitMs ?? 2000;
  let processed = 0;
  let sourceNow: number | null = null;
  let target = engine.checkpoint(false).target;
  const status = (state: LiveState, message: string, code?: string): LiveStatus => ({
    state,
    last_time: engine.lastTime,
    next_close: engine.lastTime + 2 * barMs,
    source_now: sourceNow,
    message,
    ...(code ? { error_code: code } : {}),
    bars_processed: processed,
  });
  const event = (e: LiveEvent) => o.onEvent?.(e);
  const sleep = (ms: number) => (o.signal.cancelled ? Promise.resolve() : o.sleep(ms));

  for (let poll = 0; !o.signal.cancelled && (o.maxPolls === undefined || poll < o.maxPolls); poll++) {
    let batch;
    try {
      batch = await source.fetchSince(engine.lastTime, o.signal);
    } catch (e) {
      if (e instanceof CancelledError || o.signal.cancelled) break;
      const msg = e instanceof Error ? e.message : String(e);
      const code = e instanceof LabError ? e.code : 'unknown';
      await event({ at: o.now(), kind: 'source-error', message: `${source.name}: ${msg}`, data: { code } });
      await o.onStatus?.(status('source-error', `The source cannot be reached: ${msg}. Retrying.`, code));
      await sleep(errorWait);
      errorWait = Math.min(errorWait * 2, maxWait);
      continue;
    }
    errorWait = o.errorWaitMs ?? 2000;
    sourceNow = batch.now;
    if (batch.forming)
      await event({
        at: batch.now,
        kind: 'forming',
        message: `${batch.forming} forming bar(s) ignored (not closed yet)`,
      });
    if (batch.duplicates)
      await event({
        at: batch.now,
        kind: 'duplicates',
        message: `${batch.duplicates} duplicated bar(s) dropped`,
      });
    if (batch.outOfOrder)
      await event({
        at: batch.now,
        kind: 'out-of-order',
        message: `${batch.outOfOrder} bar(s) came out of order; sorted`,
      });
    if (batch.bars.length > 1) {
      await event({
        at: batch.now,
        kind: 'backfill',
        message: `${batch.bars.length} closed bars to catch up, oldest first`,
      });
      await o.onStatus?.(status('backfilling', `Catching up ${batch.bars.length} bars`));
    }
    let late = 0;
    engine.prime(batch.bars); // a backfill's features in one pass
    for (const bar of batch.bars) {
      if (o.signal.cancelled) break;
      const missing = Math.round((bar.time - engine.lastTime) / barMs) - 1;
      if (missing > 0 && Number.isFinite(engine.lastTime))
        await event({
          at: batch.now,
          kind: 'gap',
          message: `${missing} bar(s) missing before ${new Date(bar.time).toISOString()}`,
          data: { missing, after: engine.lastTime, before: bar.time },
        });
      if (batch.now - (bar.time + barMs) > barMs) late++;
      const fold = engine.currentFold;
      const d = await engine.step(bar);
      await o.onBar(d, bar);
      processed++;
      if (d.retrained)
        await event({
          at: batch.now,
          kind: 'retrain',
          message: `fold ${d.fold} (was ${fold}): retrained on the last training window`,
        });
      if (d.target !== target) {
        target = d.target;
        o.webhook?.send({
          session: o.id,
          symbol: engine.bars.symbol,
          bar_time: new Date(d.time).toISOString(),
          signal: signalName(d.target),
          target: d.target,
          probability: d.signal,
          model_id: o.modelId,
          price: d.close,
        });
      }
    }
    if (late)
      await event({
        at: batch.now,
        kind: 'late',
        message: `${late} bar(s) arrived more than one bar after their close`,
      });
    const nextClose = engine.lastTime + 2 * barMs;
    const wait = Math.max(250, Math.min(maxWait, nextClose - batch.now + (o.pollDelayMs ?? 3000)));
    await o.onStatus?.(
      status('waiting', `Waiting for the bar closing at ${new Date(nextClose).toISOString()}`),
    );
    if (o.maxPolls !== undefined && poll + 1 >= o.maxPolls) break;
    await sleep(wait);
  }
  return status('stopped', 'Stopped');
}
