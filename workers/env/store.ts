/** The worker's handle on the app's IndexedDB database (one per worker, opened lazily). */
import { openCandleLabDb, type CandleLabDb } from '../../src/core/store/db';
import { createFileCache, type FileCache } from '../../src/core/store/file-cache';

let db: CandleLabDb | null = null;
let cache: FileCache | null = null;

export function database(): CandleLabDb {
  db ??= openCandleLabDb({ indexedDB: self.indexedDB, IDBKeyRange: self.IDBKeyRange });
  return db;
}

export function fileCache(): FileCache {
  cache ??= createFileCache(database());
  return cache;
}
