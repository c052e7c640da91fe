/**
 * Hugging Face Hub access with @huggingface/hub against an injected endpoint: resolve which
 * files of a dataset to read (its own parquet, else the hub's `refs/convert/parquet`
 * conversion, else CSV, else JSON Lines), pin the resolved commit, and download files with
 * progress, cancellation, stall detection and retries. A download is returned only when its
 * size matches the hub's listing (and its sha256, where the hub lists one for an LFS file).
 * The token goes only into the Authorization header of requests to the hub's own origin; it is
 * never put in URLs, messages or logs.
 */
import { datasetInfo, fileDownloadInfo, listFiles } from '@huggingface/hub';
import { CancelledError } from '../errors';
import { throwIfCancelled, type CancelSignal } from '../util/progress';
import { HubError } from '../errors';
import { watchedFetch, type StallOptions } from './hub-fetch';
import { faultOf, hubFaultError, toHubError } from './hub-errors';
import { withRetry, type RetryOptions } from './retry';

export const CONVERT_REVISION = 'refs/convert/parquet';

export type FileFormat = 'parquet' | 'csv' | 'jsonl';

export interface DatasetRequest {
  /** owner/name */
  dataset: string;
  /** branch, tag or commit (default 'main') */
  revision?: string;
  config?: string;
  split?: string;
  /** a glob over file paths (`*`, `**`, `?`), e.g. 'csv/BTC*.csv'; wins over config/split */
  pattern?: string;
}

export interface HubAccess {
  hubUrl: string;
  accessToken?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  cancel?: CancelSignal;
  retry?: RetryOptions;
  /** when a request that gets no data is reported, and when it fails */
  stall?: StallOptions;
}

export interface ResolvedFile {
  path: string;
  /** bytes, as the hub's listing gives them */
  size: number;
  format: FileFormat;
  /** the LFS sha256 from the listing, when the file is in LFS */
  sha256?: string;
}

export interface ResolvedDataset {
  hubUrl: string;
  dataset: string;
  /** the revision asked for */
  revision: string;
  /** the commit the requested revision resolved to */
  commit: string;
  /** the commit the files are read at (the conversion's commit for 'parquet-conversion') */
  filesCommit: string;
  source: 'parquet' | 'parquet-conversion' | 'csv' | 'jsonl';
  files: ResolvedFile[];
  /** every file found at the revision (for messages and the UI) */
  found: string[];
}

export function formatOf(path: string): FileFormat | null {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.(csv|tsv)$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return null;
}

/** `*` one path segment part, `**` any depth, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function selects(path: string, req: DatasetRequest): boolean {
  if (req.pattern) return globToRegExp(req.pattern).test(path);
  const segs = path.split('/');
  const base = segs.pop() ?? '';
  if (req.config && req.config !== 'default' && !segs.includes(req.config)) return false;
  if (req.split && !segs.includes(req.split) && !new RegExp(`^${req.split}[-_.]`).test(base)) return false;
  return true;
}

function fetchWith(access: HubAccess): typeof fetch {
  return watchedFetch(access.fetch ?? fetch, access);
}

/** Runs one hub call with retries and maps failures to HubError. */
async function call<T>(
  access: HubAccess,
  ctx: { dataset: string; revision: string; what: string; file?: string },
  fn: () => Promise<T>,
): Promise<T> {
  let attempts = 0;
  try {
    return await withRetry(
      () => {
        attempts++;
        return fn();
      },
      { ...access.retry, cancel: access.cancel, signal: access.signal },
    );
  } catch (err) {
    if (access.signal?.aborted) throw new CancelledError();
    throw toHubError(err, { ...ctx, hubUrl: access.hubUrl, tokenGiven: !!access.accessToken, attempts });
  }
}

async function commitOf(access: HubAccess, dataset: string, revision: string): Promise<string> {
  const info = await call(access, { dataset, revision, what: `resolving revision ${revision}` }, () =>
    datasetInfo({
      name: dataset,
      revision,
      hubUrl: access.hubUrl,
      accessToken: access.accessToken,
      fetch: fetchWith(access),
      additionalFields: ['sha'],
    }),
  );
  if (typeof info.sha !== 'string' || !/^[0-9a-f]{40}$/.test(info.sha)) {
    throw new HubError('http', dataset, `The hub did not report a commit for ${dataset} at ${revision}.`);
  }
  return info.sha;
}

async function listAll(access: HubAccess, dataset: string, revision: string, commit: string) {
  return call(access, { dataset, revision, what: 'listing files' }, async () => {
    const out: { path: string; size: number; sha256?: string }[] = [];
    for await (const f of listFiles({
      repo: { type: 'dataset', name: dataset },
      revision: commit,
      recursive: true,
      hubUrl: access.hubUrl,
      accessToken: access.accessToken,
      fetch: fetchWith(access),
    })) {
      if (f.type === 'file')
        out.push({ path: f.path, size: f.size, ...(f.lfs ? { sha256: f.lfs.oid } : {}) });
    }
    return out;
  });
}

/**
 * Resolves the files to read for a dataset request and pins the commit. Order: the dataset's
 * own parquet files; else the hub's parquet conversion ({config}/{split}/NNNN.parquet at
 * refs/convert/parquet); else CSV; else JSON Lines. Throws HubError('no-usable-files') listing
 * what was found when nothing fits.
 */
export async function resolveDataset(req: DatasetRequest, access: HubAccess): Promise<ResolvedDataset> {
  const dataset = req.dataset.trim();
  if (!/^[\w.-]+\/[\w.-]+$/.test(dataset)) {
    throw new HubError(
      'not-found',
      dataset,
      `Dataset id ${JSON.stringify(dataset)} is not valid: expected owner/name, like lab/binance-ohlcv-1h-btc-eth.`,
    );
  }
  const revision = req.revision?.trim() || 'main';
  const commit = await commitOf(access, dataset, revision);
  throwIfCancelled(access.cancel);
  const all = await listAll(access, dataset, revision, commit);
  const found = all.map((f) => f.path);
  const pick = (format: FileFormat) =>
    all
      .filter((f) => formatOf(f.path) === format && selects(f.path, req))
      .map((f) => ({ ...f, format }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const base = { hubUrl: access.hubUrl, dataset, revision, commit, found };

  const own = pick('parquet');
  if (own.length) return { ...base, filesCommit: commit, source: 'parquet', files: own };

  // the hub's conversion, when the request did not pin files by pattern and one exists
  if (!req.pattern && revision === 'main') {
    let convCommit: string | null = null;
    try {
      convCommit = await commitOf(access, dataset, CONVERT_REVISION);
    } catch (err) {
      if (!(err instanceof HubError && err.kind === 'not-found')) throw err;
    }
    if (convCommit) {
      const conv = await listAll(access, dataset, CONVERT_REVISION, convCommit);
      const configs = [...new Set(conv.map((f) => f.path.split('/')[0]))];
      const config = req.config ?? (configs.includes('default') ? 'default' : configs[0]);
      const files = conv
        .filter((f) => {
          const segs = f.path.split('/');
          if (segs[0] !== config || formatOf(f.path) !== 'parquet') return false;
          return !req.split || segs[1] === req.split || segs[1] === `partial-${req.split}`;
        })
        .map((f) => ({ ...f, format: 'parquet' as const }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      if (files.length) return { ...base, filesCommit: convCommit, source: 'parquet-conversion', files };
    }
  }
  const csv = pick('csv');
  if (csv.length) return { ...base, filesCommit: commit, source: 'csv', files: csv };
  const jsonl = pick('jsonl');
  if (jsonl.length) return { ...base, filesCommit: commit, source: 'jsonl', files: jsonl };

  const shown = found.slice(0, 20).join(', ') + (found.length > 20 ? `, and ${found.length - 20} more` : '');
  const sel = req.pattern
    ? ` matching ${JSON.stringify(req.pattern)}`
    : req.config || req.split
      ? ` for config ${req.config ?? '(any)'} / split ${req.split ?? '(any)'}`
      : '';
  throw new HubError(
    'no-usable-files',
    dataset,
    `Dataset ${dataset} at ${revision} has no usable data files${sel}: expected parquet, CSV or JSON Lines files (or a hub parquet conversion); found ${found.length ? shown : 'no files'}.`,
  );
}

export interface FileInfo {
  etag: string;
  size: number;
  url: string;
}

/** Size and ETag of a file at the pinned commit (a one-byte range request). */
export async function hubFileInfo(
  resolved: ResolvedDataset,
  file: ResolvedFile,
  access: HubAccess,
): Promise<FileInfo> {
  const ctx = {
    dataset: resolved.dataset,
    revision: resolved.revision,
    what: `looking up ${file.path}`,
    file: file.path,
  };
  // an empty file has no byte 0 to ask for: the hub would answer 416
  if (file.size === 0)
    throw hubError(access, ctx, hubFaultError({ kind: 'empty-file', loaded: 0, total: 0 }));
  const info = await call(access, ctx, () =>
    fileDownloadInfo({
      repo: { type: 'dataset', name: resolved.dataset },
      path: file.path,
      revision: resolved.filesCommit,
      hubUrl: access.hubUrl,
      accessToken: access.accessToken,
      fetch: fetchWith(access),
    }),
  );
  if (!info) {
    throw new HubError(
      'not-found',
      resolved.dataset,
      `File ${file.path} is missing from ${resolved.dataset} at ${resolved.filesCommit.slice(0, 8)} (HTTP 404).`,
      404,
    );
  }
  return { etag: info.etag, size: info.size, url: info.url };
}

function hubError(
  access: HubAccess,
  ctx: { dataset: string; revision: string; what: string; file?: string },
  err: unknown,
) {
  return toHubError(err, { ...ctx, hubUrl: access.hubUrl, tokenGiven: !!access.accessToken, attempts: 1 });
}

export interface DownloadOptions extends HubAccess {
  /** bytes received so far for this file and its total */
  onBytes?: (loaded: number, total: number) => void;
}

/** The sha256 an LFS file must have: from the listing, else from an ETag that is one. */
function expectedSha256(file: ResolvedFile, info: FileInfo): string | undefined {
  if (file.sha256 && /^[0-9a-f]{64}$/i.test(file.sha256)) return file.sha256.toLowerCase();
  const etag = info.etag.replace(/^W\//, '').replace(/"/g, '');
  return /^[0-9a-f]{64}$/i.test(etag) ? etag.toLowerCase() : undefined;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A web page where a data file was expected (a sign-in page sent with the file's content type). */
function looksLikeHtml(chunk: Uint8Array): boolean {
  const head = new TextDecoder().decode(chunk.subarray(0, 256)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/**
 * Reads a response body of `expected` bytes with progress. Throws hub faults for a body that
 * ends early or breaks off ('truncated', retried), is longer than the listing ('checksum'), is
 * a web page ('html-body'), or is empty ('empty-file').
 */
async function readExactly(res: Response, expected: number, opts: DownloadOptions): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let loaded = 0;
  opts.onBytes?.(0, expected);
  const reader = res.body?.getReader();
  try {
    while (reader) {
      if (opts.cancel?.cancelled) throw new CancelledError();
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded === 0 && looksLikeHtml(value)) throw hubFaultError({ kind: 'html-body' });
      if (loaded + value.length > expected) {
        throw hubFaultError({
          kind: 'checksum',
          detail: `more than the ${expected.toLocaleString('en-US')} bytes it lists arrived`,
        });
      }
      out.set(value, loaded);
      loaded += value.length;
      opts.onBytes?.(loaded, expected);
    }
  } catch (err) {
    await reader?.cancel().catch(() => undefined);
    if (opts.signal?.aborted || err instanceof CancelledError) throw new CancelledError();
    const fault = faultOf(err);
    if (fault?.kind === 'stalled') throw hubFaultError({ ...fault, loaded, total: expected });
    if (fault) throw err;
    // the connection broke after the hub had answered: the transfer was cut, not the hub unreachable
    throw hubFaultError({ kind: 'truncated', loaded, total: expected });
  }
  if (loaded === 0 && expected > 0 && res.headers.get('content-length') === '0') {
    throw hubFaultError({ kind: 'empty-file', loaded: 0, total: expected });
  }
  if (loaded !== expected) throw hubFaultError({ kind: 'truncated', loaded, total: expected });
  return out;
}

/**
 * Downloads a file's bytes with progress. The body is fetched directly (not through
 * downloadFile's Blob) so that progress can be counted per chunk, the transfer can be aborted,
 * and a failed status keeps its code for the retry logic. The bytes are returned only when
 * their count is the listing's size and, for an LFS file, their sha256 is the listed one; a cut
 * or damaged transfer is retried, then reported as a HubError ('truncated', 'checksum').
 */
export async function downloadHubFile(
  resolved: ResolvedDataset,
  file: ResolvedFile,
  info: FileInfo,
  opts: DownloadOptions,
): Promise<Uint8Array> {
  const doFetch = fetchWith(opts);
  const sameOrigin = new URL(info.url, opts.hubUrl).origin === new URL(opts.hubUrl).origin;
  const headers: Record<string, string> = {};
  if (opts.accessToken && sameOrigin) headers.Authorization = `Bearer ${opts.accessToken}`;
  const expected = file.size > 0 ? file.size : info.size;
  const sha256 = expectedSha256(file, info);
  return call(
    opts,
    {
      dataset: resolved.dataset,
      revision: resolved.revision,
      what: `downloading ${file.path}`,
      file: file.path,
    },
    async () => {
      let res: Response;
      try {
        res = await doFetch(info.url, { headers });
      } catch (err) {
        if (opts.signal?.aborted) throw new CancelledError();
        throw err;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw Object.assign(new Error(`HTTP ${res.status}`), { statusCode: res.status });
      }
      const bytes = await readExactly(res, expected, opts);
      if (sha256 && (await sha256Hex(bytes)) !== sha256) {
        throw hubFaultError({ kind: 'checksum', detail: 'its sha256 differs from the listed one' });
      }
      return bytes;
    },
  );
}
