/**
 * Retries with exponential backoff for hub requests: 429, 5xx, network errors and errors marked
 * `retryable: true` (a cut transfer) are retried; errors marked `retryable: false` and anything
 * else fail at once. The sleep is injectable so tests do not wait.
 */
import { CancelledError } from '../errors';
import { throwIfCancelled, type CancelSignal } from '../util/progress';

export interface RetryOptions {
  /** retries after the first attempt (default 4) */
  retries?: number;
  /** first delay in ms (default 500), doubled each retry up to maxDelayMs (default 8000) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  cancel?: CancelSignal;
  signal?: AbortSignal;
  /** told before each retry (attempt is 1-based) */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An HTTP status carried by hub errors (ours and @huggingface/hub's HubApiError). */
export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; statusCode?: unknown };
    if (typeof e.statusCode === 'number') return e.statusCode;
    if (typeof e.status === 'number') return e.status;
  }
  return undefined;
}

/** fetch() rejects with a TypeError when the network fails (offline, DNS, connection reset). */
export function isNetworkError(err: unknown): boolean {
  return (
    err instanceof TypeError ||
    (err instanceof Error && /network|fetch failed|ECONN|socket/i.test(err.message))
  );
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof CancelledError) return false;
  const marked = err && typeof err === 'object' ? (err as { retryable?: unknown }).retryable : undefined;
  if (marked === true || marked === false) return marked;
  if (err instanceof Error && err.name === 'AbortError') return false;
  const s = statusOf(err);
  if (s !== undefined) return s === 429 || s === 408 || s >= 500;
  return isNetworkError(err);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? 4;
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 8000;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    throwIfCancelled(opts.cancel);
    if (opts.signal?.aborted) throw new CancelledError();
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= retries || !isRetryable(err) || opts.cancel?.cancelled || opts.signal?.aborted)
        throw err;
      const delayMs = Math.min(max, base * 2 ** attempt);
      const s = statusOf(err);
      const fault = (err as { hubFault?: { kind?: string } }).hubFault?.kind;
      const reason = s ? `HTTP ${s}` : (fault ?? 'network error');
      opts.onRetry?.({ attempt: attempt + 1, delayMs, reason });
      await sleep(delayMs);
    }
  }
}
