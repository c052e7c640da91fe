/**
 * Hub errors with messages a user can act on. Built from the HTTP status and what we were
 * doing, never from the request (so no URL with parameters, no header, no token gets in).
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
