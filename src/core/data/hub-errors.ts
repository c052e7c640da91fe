/**
 * Hub errors with messages a user can act on. Built from the HTTP status (or the way the hub
 * misbehaved) and what we were doing, never from the request (so no URL with parameters, no
 * header, no token gets in).
 */
import { HubError } from '../errors';
import { isNetworkError, statusOf } from './retry';

export interface HubErrorContext {
  dataset: string;
  hubUrl: string;
  revision: string;
  /** what was being done, e.g. 'listing files', 'downloading data/x.parquet' */
  what: string;
  tokenGiven: boolean;
  attempts: number;
  /** the file concerned, when there is one */
  file?: string;
}

/** Ways a hub can answer that are not an HTTP error but still no usable file. */
export type HubFaultKind = 'html-body' | 'empty-file' | 'truncated' | 'stalled' | 'checksum';

export interface HubFault {
  kind: HubFaultKind;
  /** bytes received and expected, for a cut or stalled download */
  loaded?: number;
  total?: number;
  /** how long no data came, for a stall */
  idleMs?: number;
  /** what did not match, for 'checksum' */
  detail?: string;
}

/** A cut transfer or a damaged file is worth another try; the other faults are not. */
const RETRYABLE: Record<HubFaultKind, boolean> = {
  'html-body': false,
  'empty-file': false,
  truncated: true,
  stalled: false,
  checksum: true,
};

/**
 * An error that carries a HubFault; thrown where the fault is seen (the fetch wrapper, the
 * downloader) and turned into a HubError with the full context by toHubError.
 */
export function hubFaultError(fault: HubFault): Error & { hubFault: HubFault; retryable: boolean } {
  return Object.assign(new Error(`hub fault: ${fault.kind}`), {
    hubFault: fault,
    retryable: RETRYABLE[fault.kind],
  });
}

export function faultOf(err: unknown): HubFault | undefined {
  const f = err && typeof err === 'object' ? (err as { hubFault?: HubFault }).hubFault : undefined;
  return f && typeof f.kind === 'string' ? f : undefined;
}

const bytes = (n: number) => n.toLocaleString('en-US');

function faultMessage(f: HubFault, ctx: HubErrorContext): string {
  const { dataset, hubUrl } = ctx;
  const file = ctx.file ?? 'the file';
  const tries = ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
  const progress =
    f.loaded !== undefined && f.total !== undefined
      ? ` after ${bytes(f.loaded)} of ${bytes(f.total)} bytes`
      : '';
  switch (f.kind) {
    case 'html-body':
      return (
        `The hub at ${hubUrl} sent a web page instead of the data while ${ctx.what} for ${dataset}: ` +
        'the hub endpoint is probably not a Hugging Face Hub API address (it should look like https://huggingface.co), ' +
        'or a proxy or sign-in page answered in its place. Check the hub endpoint in Settings, or open it in a browser tab to see the page.'
      );
    case 'empty-file':
      return (
        `${file} in ${dataset} is empty on the hub (0 bytes): there are no candles in it to load. ` +
        'Choose other files with the file pattern, or ask the dataset owner to upload the file again.'
      );
    case 'truncated':
      return (
        `The download of ${file} from ${hubUrl} ended early${progress}${tries}: the hub answered, but the transfer was cut short. ` +
        'Nothing was cached. Load again to retry; if it keeps happening, a proxy or an unstable connection is cutting long downloads.'
      );
    case 'stalled':
      return (
        `The hub at ${hubUrl} stopped sending data while ${ctx.what} for ${dataset}: nothing came for ` +
        `${Math.round((f.idleMs ?? 0) / 1000)} s${progress ? ` (${progress.trim()})` : ''}. Nothing was cached. ` +
        'The hub or the connection is overloaded; try again later.'
      );
    case 'checksum':
      return (
        `${file} from ${hubUrl} does not match the hub's listing (${f.detail ?? 'different content'})${tries}: ` +
        'it was damaged on the way. Nothing was cached. Load again to retry.'
      );
  }
}

function errorText(err: unknown): string {
  if (!err || typeof err !== 'object') return '';
  // the hub's JSON body only: the Error message of HubApiError also holds the URL, which names the revision
  const e = err as { data?: { error?: unknown; message?: unknown } };
  return [e.data?.error, e.data?.message].filter((x) => typeof x === 'string').join(' ');
}

/** Maps any failure of a hub call to a HubError (CancelledError and HubError pass through). */
export function toHubError(err: unknown, ctx: HubErrorContext): Error {
  if (err instanceof HubError) return err;
  if (err instanceof Error && (err.name === 'CancelledError' || err.name === 'AbortError')) return err;
  const { dataset, hubUrl, revision } = ctx;
  const fault = faultOf(err);
  if (fault) return new HubError(fault.kind, dataset, faultMessage(fault, ctx));
  const status = statusOf(err);
  if (status === 401) {
    return new HubError(
      'unauthorized',
      dataset,
      ctx.tokenGiven
        ? `The hub refused the access token for ${dataset} (HTTP 401) while ${ctx.what}: check that the token is valid and has read access to this dataset.`
        : `Dataset ${dataset} needs a Hugging Face access token (HTTP 401) while ${ctx.what}: it is private or gated (the hub also answers this way for a dataset that does not exist). Enter a token with read access (it starts with hf_).`,
      401,
    );
  }
  if (status === 403) {
    return new HubError(
      'forbidden',
      dataset,
      `Access to ${dataset} is not granted (HTTP 403) while ${ctx.what}: if it is a gated dataset, accept its conditions on ${hubUrl}/datasets/${dataset} with the account that owns the token${ctx.tokenGiven ? '' : ', then enter a token'}.`,
      403,
    );
  }
  if (status === 404) {
    const text = errorText(err);
    const revisionMissing = /\brev(ision)?\b/i.test(text) && !/repo|dataset/i.test(text);
    return new HubError(
      'not-found',
      dataset,
      revisionMissing
        ? `Dataset ${dataset} has no revision ${JSON.stringify(revision)} (HTTP 404): expected a branch, tag or commit that exists.`
        : `No dataset ${dataset} found on ${hubUrl} (HTTP 404) while ${ctx.what}: check the id (owner/name) and the revision ${JSON.stringify(revision)}.`,
      404,
    );
  }
  if (status !== undefined) {
    const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
    const hint =
      status === 429
        ? 'the hub is rate-limiting requests; wait a minute and try again.'
        : status >= 500
          ? 'the hub is having trouble; try again later.'
          : 'the request was refused.';
    return new HubError(
      'http',
      dataset,
      `The hub answered HTTP ${status}${tries} while ${ctx.what} for ${dataset}: ${hint}`,
      status,
    );
  }
  if (
    isNetworkError(err) ||
    (err && typeof err === 'object' && (err as { retryable?: unknown }).retryable === true)
  ) {
    return new HubError(
      'network',
      dataset,
      `Could not reach the hub at ${hubUrl} while ${ctx.what} for ${dataset}${ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : ''}: check the network connection and the hub endpoint.`,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
