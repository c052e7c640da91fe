/**
 * The file cache over the `candle-lab` database: get/put/list/delete cached hub files with
 * their sizes, and the resolutions that let a dataset load offline. Implements the data
 * layer's DataCache interface.
 */
import type { CachedResolution, DataCache, FileKey, ResolutionKey } from '../data/cache';
import type { CachedFileRecord, CandleLabDb } from './db';

export interface CachedDatasetInfo {
  hubUrl: string;
  dataset: string;
  files: number;
  bytes: number;
  commits: string[];
  lastUsedAt: number;
}

export interface FileCache extends DataCache {
  listFiles(filter?: { hubUrl?: string; dataset?: string }): Promise<CachedFileRecord[]>;
  /** cached datasets with file counts and sizes, for the Settings panel */
  listDatasets(): Promise<CachedDatasetInfo[]>;
  deleteFile(key: FileKey): Promise<void>;
  /** deletes every file and resolution of a dataset; returns the bytes freed */
  deleteDataset(hubUrl: string, dataset: string): Promise<number>;
  clear(): Promise<void>;
  totalBytes(): Promise<number>;
}

const fileKey = (k: FileKey): [string, string, string, string, string] => [
  k.hubUrl,
  k.dataset,
  k.commit,
  k.path,
  k.etag,
];

export function createFileCache(db: CandleLabDb, opts: { now?: () => number } = {}): FileCache {
  const now = opts.now ?? Date.now;
  return {
    async getFile(key) {
      const data = await db.fileData.get(fileKey(key));
      if (!data) return undefined;
      await db.files.update(fileKey(key), { lastUsedAt: now() });
      return data.bytes;
    },
    async findFile(key) {
      const meta = await db.files
        .where('[hubUrl+dataset+commit+path]')
        .equals([key.hubUrl, key.dataset, key.commit, key.path])
        .last();
      if (!meta) return undefined;
      const data = await db.fileData.get(fileKey(meta));
      return data ? { etag: meta.etag, bytes: data.bytes } : undefined;
    },
    async putFile(key, bytes) {
      const t = now();
      await db.transaction('rw', db.files, db.fileData, async () => {
        await db.fileData.put({ ...key, bytes });
        await db.files.put({ ...key, size: bytes.length, storedAt: t, lastUsedAt: t });
      });
    },
    async getResolution(key: ResolutionKey) {
      const r = await db.resolutions.get([key.hubUrl, key.dataset, key.revision, key.selector]);
      return r?.value;
    },
    async putResolution(key: ResolutionKey, value: CachedResolution) {
      await db.resolutions.put({ ...key, value, storedAt: now() });
    },
    async listFiles(filter = {}) {
      const all =
        filter.hubUrl && filter.dataset
          ? await db.files.where('[hubUrl+dataset]').equals([filter.hubUrl, filter.dataset]).toArray()
          : await db.files.toArray();
      return all.filter(
        (f) =>
          (!filter.hubUrl || f.hubUrl === filter.hubUrl) && (!filter.dataset || f.dataset === filter.dataset),
      );
    },
    async listDatasets() {
      const by = new Map<string, CachedDatasetInfo>();
      await db.files.each((f) => {
        const k = JSON.stringify([f.hubUrl, f.dataset]);
        const d = by.get(k) ?? {
          hubUrl: f.hubUrl,
          dataset: f.dataset,
          files: 0,
          bytes: 0,
          commits: [],
          lastUsedAt: 0,
        };
        d.files++;
        d.bytes += f.size;
        if (!d.commits.includes(f.commit)) d.commits.push(f.commit);
        d.lastUsedAt = Math.max(d.lastUsedAt, f.lastUsedAt);
        by.set(k, d);
      });
      return [...by.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt);
    },
    async deleteFile(key) {
      await db.transaction('rw', db.files, db.fileData, async () => {
        await db.files.delete(fileKey(key));
        await db.fileData.delete(fileKey(key));
      });
    },
    async deleteDataset(hubUrl, dataset) {
      return db.transaction('rw', db.files, db.fileData, db.resolutions, async () => {
        const metas = await db.files.where('[hubUrl+dataset]').equals([hubUrl, dataset]).toArray();
        const keys = metas.map(fileKey);
        await db.files.bulkDelete(keys);
        await db.fileData.bulkDelete(keys);
        await db.resolutions.where('[hubUrl+dataset]').equals([hubUrl, dataset]).delete();
        return metas.reduce((s, m) => s + m.size, 0);
      });
    },
    async clear() {
      await db.transaction('rw', db.files, db.fileData, db.resolutions, async () => {
        await db.files.clear();
        await db.fileData.clear();
        await db.resolutions.clear();
      });
    },
    async totalBytes() {
      let total = 0;
      await db.files.each((f) => {
        total += f.size;
      });
      return total;
    },
  };
}
