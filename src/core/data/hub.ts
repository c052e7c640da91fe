/**
 * Hugging Face Hub access with @huggingface/hub against an injected endpoint: resolve which
 * files of a dataset to read (its own parquet, else the hub's `refs/convert/parquet`
 * conversion, else CSV, else JSON Lines), pin the resolved commit, and download files with
 * progress, cancellation and retries. The token goes only into the Authorization header of
 * requests to the hub's own origin; it is never put in URLs, messages or logs.
 */
import { datasetInfo, fileDownloadInfo, listFiles } from '@huggingface/hub';
import { CancelledError } from '../errors';
import { throwIfCancelled, type CancelSignal } from '../util/progress';
import { HubError, TransferError } from '../errors';
import { toHubError } from './hub-errors';
import { isNetworkError, withRetry, type RetryOptions } from './retry';

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
}

export interface ResolvedFile {
  path: string;
  size: number;
  format: FileFormat;
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
  const base = access.fetch ?? fetch;
  if (!access.signal) return base;
  const signal = access.signal;
  return ((input: RequestInfo | URL, init?: RequestInit) => base(input, { ...init, signal })) as typeof fetch;
}

/** Runs one hub call with retries and maps failures to HubError. */
async function call<T>(
  access: HubAccess,
  ctx: { dataset: string; revision: string; what: string },
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
    const out: { path: string; size: number }[] = [];
    for await (const f of listFiles({
      repo: { type: 'dataset', name: dataset },
      revision: commit,
      recursive: true,
      hubUrl: access.hubUrl,
      accessToken: access.accessToken,
      fetch: fetchWith(access),
    })) {
      if (f.type === 'file') out.push({ path: f.path, size: f.size });
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
      .map((f) => ({ path: f.path, size: f.size, format }))
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
        .map((f) => ({ path: f.path, size: f.size, format: 'parquet' as const }))
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
  const info = await call(
    access,
    { dataset: resolved.dataset, revision: resolved.revision, what: `looking up ${file.path}` },
    () =>
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

export interface DownloadOptions extends HubAccess {
  /** bytes received so far for this file and its total */
  onBytes?: (loaded: number, total: number) => void;
}

/**
 * Downloads a file's bytes with progress. The body is fetched directly (not through
 * downloadFile's Blob) so that progress can be counted per chunk, the transfer can be aborted,
 * and a failed status keeps its code for the retry logic.
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
  return call(
    opts,
    { dataset: resolved.dataset, revision: resolved.revision, what: `downloading ${file.path}` },
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
      const total = Number(res.headers.get('content-length') ?? info.size) || info.size;
      const out = new Uint8Array(total);
      let loaded = 0;
      opts.onBytes?.(0, total);
      if (!res.body) {
        const buf = new Uint8Array(await res.arrayBuffer());
        out.set(buf.subarray(0, total));
        loaded = buf.length;
      } else {
        const reader = res.body.getReader();
        try {
          for (;;) {
            if (opts.cancel?.cancelled) throw new CancelledError();
            const { done, value } = await reader.read();
            if (done) break;
            if (loaded + value.length > total)
              throw new TransferError(`${file.path}: received more bytes than announced`);
            out.set(value, loaded);
            loaded += value.length;
            opts.onBytes?.(loaded, total);
          }
        } catch (err) {
          await reader.cancel().catch(() => undefined);
          if (opts.signal?.aborted) throw new CancelledError();
          if (err instanceof CancelledError || err instanceof TransferError) throw err;
          throw isNetworkError(err) ? err : new TransferError(`${file.path}: transfer interrupted`);
        }
      }
      if (loaded !== total) throw new TransferError(`${file.path}: received ${loaded} of ${total} bytes`);
      return out;
    },
  );
}
