/**
 * The live paper-trading ledger in IndexedDB: one record per session (its config, status and the
 * engine's checkpoint), one decision and one bar per processed bar, and an event log. A bar's
 * decision, the bar and the checkpoint after it are written in one transaction, so a session
 * read back after a reload is always at a bar boundary and resumes from the next bar.
 */
import type { LiveSessionConfig } from '../jobs/live';
import type { SerializedModel } from '../models/types';
import type { EngineCheckpoint, LiveBar, LiveDecision } from '../live/types';
import type { CandleLabDb } from './db';
import { StorageError } from '../errors';

export type LiveSessionStatus = 'running' | 'stopped' | 'failed';

export interface LiveSessionRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: LiveSessionStatus;
  /** the session's request, as started and resolved */
  config: LiveSessionConfig;
  /** the engine's state after its last bar (the model apart, below) */
  checkpoint: EngineCheckpoint | null;
  /** the current model, rewritten when it changes (retrain, online update) */
  model: SerializedModel | null;
  /** the last state shown to the user (waiting, source error, ...) */
  state: Record<string, unknown> | null;
}

export interface LiveDecisionRecord extends LiveDecision {
  session: string;
}

export interface LiveBarRecord extends LiveBar {
  session: string;
}

export interface LiveEventRecord {
  id?: number;
  session: string;
  /** epoch ms (the source's clock where it has one) */
  at: number;
  kind: string;
  message: string;
  data?: Record<string, unknown>;
}

export async function createLiveSession(
  db: CandleLabDb,
  rec: LiveSessionRecord,
  history: LiveBar[],
): Promise<void> {
  await db.transaction('rw', db.liveSessions, db.liveBars, async () => {
    if (await db.liveSessions.get(rec.id)) throw new StorageError('exists', `live session ${rec.id} exists`);
    await db.liveSessions.put(rec);
    await db.liveBars.bulkPut(history.map((b) => ({ ...b, session: rec.id })));
  });
}

/** One processed bar: its decision, the bar and the checkpoint after it, together. */
export async function recordLiveBar(
  db: CandleLabDb,
  session: string,
  o: {
    bar: LiveBar;
    decision: LiveDecision;
    checkpoint: EngineCheckpoint;
    model?: SerializedModel | null;
    now: number;
  },
): Promise<void> {
  await db.transaction('rw', db.liveSessions, db.liveDecisions, db.liveBars, async () => {
    await db.liveBars.put({ ...o.bar, session });
    await db.liveDecisions.put({ ...o.decision, session });
    const changes: Partial<LiveSessionRecord> = { checkpoint: o.checkpoint, updatedAt: o.now };
    if (o.model !== undefined) changes.model = o.model;
    await db.liveSessions.update(session, changes);
  });
}

/** Drop stored bars older than `before` (the engine's buffer no longer holds them). */
export async function trimLiveBars(db: CandleLabDb, session: string, before: number): Promise<void> {
  await db.liveBars
    .where('[session+time]')
    .between([session, -Infinity], [session, before], true, false)
    .delete();
}

export async function liveBars(db: CandleLabDb, session: string): Promise<LiveBar[]> {
  const rows = await db.liveBars.where('session').equals(session).sortBy('time');
  return rows.map(({ session: _s, ...b }) => b);
}

export async function liveDecisions(
  db: CandleLabDb,
  session: string,
  opts: { after?: number; limit?: number } = {},
): Promise<LiveDecision[]> {
  let rows = await db.liveDecisions
    .where('[session+time]')
    .between([session, opts.after ?? -Infinity], [session, Infinity], false, true)
    .toArray();
  if (opts.limit !== undefined) rows = rows.slice(-opts.limit);
  return rows.map(({ session: _s, ...d }) => d);
}

export async function logLiveEvent(db: CandleLabDb, e: LiveEventRecord): Promise<void> {
  await db.liveEvents.add(e);
}

export async function liveEvents(db: CandleLabDb, session: string, limit = 200): Promise<LiveEventRecord[]> {
  const rows = await db.liveEvents.where('session').equals(session).toArray();
  return rows.slice(-limit);
}

export async function getLiveSession(db: CandleLabDb, id: string): Promise<LiveSessionRecord> {
  const r = await db.liveSessions.get(id);
  if (!r) throw new StorageError('not-found', `no live session ${id}`);
  return r;
}

export async function listLiveSessions(db: CandleLabDb): Promise<LiveSessionRecord[]> {
  return (await db.liveSessions.orderBy('createdAt').toArray()).reverse();
}

export async function setLiveSessionStatus(
  db: CandleLabDb,
  id: string,
  status: LiveSessionStatus,
  state: Record<string, unknown> | null,
  now: number,
): Promise<void> {
  await db.liveSessions.update(id, { status, state, updatedAt: now });
}

export async function setLiveSessionState(
  db: CandleLabDb,
  id: string,
  state: Record<string, unknown>,
): Promise<void> {
  await db.liveSessions.update(id, { state });
}
