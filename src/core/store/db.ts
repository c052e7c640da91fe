/**
 * The app's IndexedDB database, `candle-lab`, through Dexie. The IndexedDB factory is injected
 * (the worker passes `self.indexedDB`, Node tests pass fake-indexeddb), so this module touches
 * no global. Tables:
 *   files       metadata of cached hub files, keyed by [hubUrl+dataset+commit+path+etag]
 *   fileData    their bytes, same key (kept apart so listing the cache does not read megabytes)
 *   resolutions the last resolution of (hubUrl, dataset, revision, selector), for offline loads
 * Models and artifacts get their own tables in a later schema version (Dexie adds tables by
 * declaring `db.version(2).stores({...})` with the new ones; existing data is kept).
 */
import Dexie, { type Table } from 'dexie';
import type { CachedResolution } from '../data/cache';

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

export type CandleLabDb = Dexie & {
  files: Table<CachedFileRecord, [string, string, string, string, string]>;
  fileData: Table<CachedFileData, [string, string, string, string, string]>;
  resolutions: Table<ResolutionRecord, [string, string, string, string]>;
};

export interface OpenDbOptions {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  /** database name (tests use a fresh one each) */
  name?: string;
}

export function openCandleLabDb(opts: OpenDbOptions): CandleLabDb {
  const db = new Dexie(opts.name ?? DB_NAME, { indexedDB: opts.indexedDB, IDBKeyRange: opts.IDBKeyRange }) as CandleLabDb;
  db.version(1).stores({
    files: '[hubUrl+dataset+commit+path+etag], [hubUrl+dataset+commit+path], [hubUrl+dataset], dataset, storedAt',
    fileData: '[hubUrl+dataset+commit+path+etag]',
    resolutions: '[hubUrl+dataset+revision+selector], [hubUrl+dataset]',
  });
  return db;
}
