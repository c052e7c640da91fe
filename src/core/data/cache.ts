/**
 * The cache the loader talks to: files by hub endpoint + dataset + commit + path + ETag, and the
 * last resolution of a (dataset, revision, selection) so a load can work offline. The Dexie
 * implementation is in ../store; tests may pass an in-memory one.
 */
import type { ResolvedDataset } from './hub';

export interface FileKey {
  hubUrl: string;
  dataset: string;
  commit: string;
  path: string;
  etag: string;
}

export interface ResolutionKey {
  hubUrl: string;
  dataset: string;
  revision: string;
  /** the file selection (config/split/pattern) as a stable string */
  selector: string;
}

/** A resolution as remembered, with the ETag of each file that was downloaded. */
export interface CachedResolution extends ResolvedDataset {
  etags: Record<string, string>;
}

export interface DataCache {
  getFile(key: FileKey): Promise<Uint8Array | undefined>;
  /** any cached version of a path at a commit (used offline, when the ETag cannot be asked for) */
  findFile(key: Omit<FileKey, 'etag'>): Promise<{ etag: string; bytes: Uint8Array } | undefined>;
  putFile(key: FileKey, bytes: Uint8Array): Promise<void>;
  /** removes a cached file (one that is cut short or does not parse) */
  deleteFile(key: FileKey): Promise<void>;
  getResolution(key: ResolutionKey): Promise<CachedResolution | undefined>;
  putResolution(key: ResolutionKey, value: CachedResolution): Promise<void>;
}

export function selectorOf(req: { config?: string; split?: string; pattern?: string }): string {
  return JSON.stringify([req.config ?? null, req.split ?? null, req.pattern ?? null]);
}
