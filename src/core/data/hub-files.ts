/**
 * The bytes of a resolved dataset's files, for the loader: a cached copy when it has the size
 * the hub lists (a copy of another size was cut short when stored, and is evicted), else a
 * download (checked against the listing by downloadHubFile). Nothing is cached here: the loader
 * stores downloads once they have been decoded (`storeDownloads`), so a file that does not parse
 * is never cached, and evicts a cached copy that does not parse (`unreadableFiles`, `evict`).
 * Also the progress wiring for stalls: "waiting for the hub (no data for 12 s)".
 */
import { DataError, HubError, InputError } from '../errors';
import type { Progress, ProgressFn } from '../util/progress';
import { throwIfCancelled } from '../util/progress';
import type { DataCache, FileKey } from './cache';
import {
  downloadHubFile,
  hubFileInfo,
  type FileFormat,
  type HubAccess,
  type ResolvedDataset,
  type ResolvedFile,
} from './hub';

export interface FetchedFile {
  path: string;
  bytes: Uint8Array;
  format: FileFormat;
  etag: string | null;
  fromCache: boolean;
  /** where the file is (fromCache) or is to be (a download) cached; null without an ETag */
  key: FileKey | null;
}

export interface FetchFilesOptions {
  access: HubAccess;
  cache?: DataCache;
  /** files already read from the cache (the cache-first path), by path */
  preloaded?: Map<string, { bytes: Uint8Array; etag: string | null }>;
  /** the resolution came from the cache because the hub is unreachable: read the cache only */
  offline: boolean;
  /** a cached resolution exists, so a failing hub call falls back to the cache instead of retrying */
  fallback: boolean;
  /** paths whose cached copy must not be used (it did not parse) */
  fresh?: Set<string>;
  onBytes: (path: string, loaded: number, total: number) => void;
}

/** The hub could not be reached, or stopped answering: a cached copy may stand in. */
export function hubUnreachable(err: unknown): boolean {
  return err instanceof HubError && (err.kind === 'network' || err.kind === 'stalled');
}

const sizeOk = (bytes: Uint8Array, f: ResolvedFile) => !(f.size > 0) || bytes.length === f.size;

/** A cached copy of a path at the commit, when its size is the listed one; evicted otherwise. */
async function findUsable(cache: DataCache, keyBase: Omit<FileKey, 'etag'>, f: ResolvedFile) {
  const hit = await cache.findFile(keyBase);
  if (hit && !sizeOk(hit.bytes, f)) {
    await cache.deleteFile({ ...keyBase, etag: hit.etag });
    return undefined;
  }
  return hit;
}

async function fetchOne(
  resolved: ResolvedDataset,
  f: ResolvedFile,
  opts: FetchFilesOptions,
  state: { offline: boolean },
): Promise<FetchedFile> {
  const { access, cache } = opts;
  const keyBase = {
    hubUrl: access.hubUrl,
    dataset: resolved.dataset,
    commit: resolved.filesCommit,
    path: f.path,
  };
  const file = (bytes: Uint8Array, etag: string | null, fromCache: boolean): FetchedFile => ({
    path: f.path,
    bytes,
    format: f.format,
    etag,
    fromCache,
    key: etag ? { ...keyBase, etag } : null,
  });
  const useCache = cache && !opts.fresh?.has(f.path) ? cache : undefined;
  const pre = opts.fresh?.has(f.path) ? undefined : opts.preloaded?.get(f.path);
  if (pre) return file(pre.bytes, pre.etag, true);
  if (state.offline) {
    const hit = useCache ? await findUsable(useCache, keyBase, f) : undefined;
    if (!hit)
      throw new HubError(
        'network',
        resolved.dataset,
        `Could not reach the hub at ${access.hubUrl}, and ${f.path} of ${resolved.dataset} is not in the offline cache.`,
      );
    return file(hit.bytes, hit.etag, true);
  }
  let info;
  try {
    info = await hubFileInfo(
      resolved,
      f,
      opts.fallback ? { ...access, retry: { ...access.retry, retries: 0 } } : access,
    );
  } catch (err) {
    const hit = useCache && hubUnreachable(err) ? await findUsable(useCache, keyBase, f) : undefined;
    if (!hit) throw err;
    state.offline = true;
    return file(hit.bytes, hit.etag, true);
  }
  const key: FileKey = { ...keyBase, etag: info.etag };
  if (useCache) {
    const bytes = await useCache.getFile(key);
    if (bytes && sizeOk(bytes, f)) return file(bytes, info.etag, true);
    if (bytes) await useCache.deleteFile(key); // cut short when it was stored
  }
  const bytes = await downloadHubFile(resolved, f, info, {
    ...access,
    onBytes: (loaded, total) => opts.onBytes(f.path, loaded, total),
  });
  return file(bytes, info.etag, false);
}

/** The files' bytes, in order; `offline` turns true when the hub could not be reached. */
export async function fetchHubFiles(
  resolved: ResolvedDataset,
  files: ResolvedFile[],
  opts: FetchFilesOptions,
): Promise<{ files: FetchedFile[]; offline: boolean }> {
  const state = { offline: opts.offline };
  const out: FetchedFile[] = [];
  for (const f of files) {
    throwIfCancelled(opts.access.cancel);
    const got = await fetchOne(resolved, f, opts, state);
    opts.onBytes(f.path, got.bytes.length, got.bytes.length);
    out.push(got);
  }
  return { files: out, offline: state.offline };
}

/** Caches the files downloaded now (call once they have been decoded). */
export async function storeDownloads(cache: DataCache | undefined, files: FetchedFile[]): Promise<void> {
  if (!cache) return;
  for (const f of files) if (!f.fromCache && f.key) await cache.putFile(f.key, f.bytes);
}

export async function evict(cache: DataCache, files: FetchedFile[]): Promise<void> {
  for (const f of files) if (f.key) await cache.deleteFile(f.key);
}

const PARSE_CODES = new Set(['bad-parquet', 'bad-csv', 'bad-jsonl', 'no-rows']);

/**
 * The files a decoding error is about: those its message names, or every file for a parse error
 * that names none. [] when the error is not a parse error (a mapping or validation problem).
 */
export function unreadableFiles(err: unknown, files: FetchedFile[]): FetchedFile[] {
  if (!(err instanceof DataError) || !PARSE_CODES.has(err.code)) return [];
  const named = files.filter((f) => err.message.includes(f.path));
  if (named.length) return named;
  return err.code === 'no-rows' ? [] : files;
}

/**
 * Progress for a hub load: the caller's callback, remembering the last report so a stall can be
 * shown at the same stage and fraction; and the hub access with the stall limit of the request.
 */
export function withStallProgress<A extends HubAccess>(
  access: A,
  stallTimeoutMs: number | undefined,
  onProgress?: ProgressFn,
): { access: A; onProgress: ProgressFn } {
  if (stallTimeoutMs !== undefined && !(Number.isFinite(stallTimeoutMs) && stallTimeoutMs > 0)) {
    throw new InputError(
      'stallTimeoutMs',
      `The stall limit must be a positive number of milliseconds, got ${String(stallTimeoutMs)}.`,
    );
  }
  let last: Progress = { stage: 'resolve', fraction: 0 };
  const report: ProgressFn = (p) => {
    last = p;
    onProgress?.(p);
  };
  const onWait = (idleMs: number) =>
    onProgress?.({
      ...last,
      message: `waiting for the hub (no data for ${Math.floor(idleMs / 1000)} s)`,
      detail: { ...last.detail, waitingMs: Math.round(idleMs) },
    });
  const stall = { ...access.stall, onWait, timeoutMs: stallTimeoutMs ?? access.stall?.timeoutMs };
  return { access: { ...access, stall }, onProgress: report };
}
