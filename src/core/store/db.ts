/**
 * The app's IndexedDB database, `candle-lab`, through Dexie. The IndexedDB factory is injected
 * (the worker passes `self.indexedDB`, Node tests pass fake-indexeddb), so this module touches
 * no global. Tables:
 *   files       metadata of cached hub files, keyed by [hubUrl+dataset+commit+path+etag]
 *   fileData    their bytes, same key (kept apart so listing the cache does not read megabytes)
 *   resolutions the last resolution of (hubUrl, dataset, revision, selector), for offline loads
 *   models      trained models: metrics.json and the serialized model (JSON header + binary payload)
 *   artifacts   backtest (and optimizer) runs: report.json, equity_curve.csv, trades.csv, ...
 * Version 2 added models and artifacts; version 3 stamps each model with `savedAt` (when this
 * device stored it) and indexes [savedAt+createdAt+id], the order of the Models list and of
 * 'latest'; older records get their createdAt. Version 4 adds `studies` (hyperparameter
 * studies: request, status) and `trials` (each finished trial, keyed [study+number], so a study
 * resumes after a reload). Version 5 adds the live paper-trading ledger (store/live.ts):
 * `liveSessions` (config, status, the engine's checkpoint), `liveDecisions` and `liveBars` (one
 * row per processed bar, keyed [session+time]) and `liveEvents` (gaps, source faults, webhooks).
 * Dexie keeps existing data across versions.
 */
import Dexie, { type Table } from 'dexie';
import type { CachedResolution } from '../data/cache';
import type { StudyRecord, TrialRecord } from './studies';
import type { LiveBarRecord, LiveDecisionRecord, LiveEventRecord, LiveSessionRecord } from './live';

export const DB_NAME = 'candle-lab';

export interface CachedFileRecord {
  hubUrl: string;
  dataset: string;
  commit: string;
  path: string;
  etag: string;
  size: number;
  /** epoch ms */
  storedAt: number;
  lastUsedAt: number;
}

export interface CachedFileData {
  hubUrl: string;
  dataset: string;
  commit: string;
  path: string;
  etag: string;
  bytes: Uint8Array;
}

export interface ResolutionRecord {
  hubUrl: string;
  dataset: string;
  revision: string;
  selector: string;
  value: CachedResolution;
  storedAt: number;
}

export interface ModelRecord {
  id: string;
  kind: string;
  task: string;
  /** epoch ms: when the model was trained (its own stamp; kept by export and import) */
  createdAt: number;
  /**
   * epoch ms: when this device stored it (trained, updated or imported here). Orders the
   * Models list and resolves 'latest'; never exported.
   */
  savedAt: number;
  dataset: string;
  symbols: string[];
  /** metrics.json as an object */
  metrics: Record<string, unknown>;
  /** the serialized model: format + JSON header + named binary payloads */
  format: string;
  header: Record<string, unknown>;
  payload: Record<string, Uint8Array>;
  /** bytes of payload plus header, for the Models table */
  size: number;
  /** set on models produced by online learning in a backtest */
  parentId?: string;
}

export interface ArtifactRecord {
  id: string;
  kind: 'backtest' | 'optimize' | 'tuning' | 'ab' | 'live';
  createdAt: number;
  /** the run's headline numbers for lists, and its config */
  summary: Record<string, unknown>;
  /** file name -> contents (report.json, equity_curve.csv, trades.csv, feature_importance.json) */
  files: Record<string, string>;
  modelId?: string;
}

export type CandleLabDb = Dexie & {
  models: Table<ModelRecord, string>;
  artifacts: Table<ArtifactRecord, string>;
  files: Table<CachedFileRecord, [string, string, string, string, string]>;
  fileData: Table<CachedFileData, [string, string, string, string, string]>;
  resolutions: Table<ResolutionRecord, [string, string, string, string]>;
  studies: Table<StudyRecord, string>;
  trials: Table<TrialRecord, [string, number]>;
  liveSessions: Table<LiveSessionRecord, string>;
  liveDecisions: Table<LiveDecisionRecord, [string, number]>;
  liveBars: Table<LiveBarRecord, [string, number]>;
  liveEvents: Table<LiveEventRecord, number>;
};

export interface OpenDbOptions {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  /** database name (tests use a fresh one each) */
  name?: string;
}

export function openCandleLabDb(opts: OpenDbOptions): CandleLabDb {
  const db = new Dexie(opts.name ?? DB_NAME, {
    indexedDB: opts.indexedDB,
    IDBKeyRange: opts.IDBKeyRange,
  }) as CandleLabDb;
  db.version(1).stores({
    files:
      '[hubUrl+dataset+commit+path+etag], [hubUrl+dataset+commit+path], [hubUrl+dataset], dataset, storedAt',
    fileData: '[hubUrl+dataset+commit+path+etag]',
    resolutions: '[hubUrl+dataset+revision+selector], [hubUrl+dataset]',
  });
  db.version(2).stores({
    models: 'id, createdAt, kind',
    artifacts: 'id, createdAt, kind, modelId',
  });
  db.version(3)
    .stores({ models: 'id, createdAt, kind, savedAt, [savedAt+createdAt+id]' })
    .upgrade((tx) =>
      tx
        .table('models')
        .toCollection()
        .modify((m: Partial<ModelRecord>) => {
          if (typeof m.savedAt !== 'number') m.savedAt = m.createdAt;
        }),
    );
  db.version(4).stores({ studies: 'id, createdAt, status', trials: '[study+number], study' });
  db.version(5).stores({
    liveSessions: 'id, createdAt, status',
    liveDecisions: '[session+time], session',
    liveBars: '[session+time], session',
    liveEvents: '++id, session, [session+at]',
  });
  return db;
}
