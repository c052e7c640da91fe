/**
 * An exchange kline REST source: `GET {base}/api/v3/klines?symbol=&interval=&startTime=&limit=`,
 * rows `[open time, open, high, low, close, volume, close time, ...]` (prices as strings or
 * numbers), and `GET {base}/api/v3/time` -> `{ serverTime }` for the exchange's clock.
 *
 * Only closed bars come out: a row whose close time is not before the server's time (the bar
 * still forming) is dropped and counted. Rows are checked one by one (a malformed row fails the
 * whole answer, so no bar is silently lost: the poll is retried), de-duplicated and put in time
 * order (both counted). Each request has a timeout; timeouts, network failures and 5xx answers
 * are retried with exponential backoff, a 429 waits its Retry-After. fetch, sleep and the
 * timeout are injected, so tests drive them.
 */
import { CancelledError, TransferError } from '../../errors';
import type { CancelSignal } from '../../util/progress';
import type { LiveBar } from '../types';
import type { BarSource, SourceBatch } from './types';

export type FetchFn = (url: string, init?: { signal?: AbortSignal; method?: string }) => Promise<Response>;

export interface KlineSourceOptions {
  baseUrl: string;
  /** the exchange's symbol, e.g. BTCUSDT */
  symbol: string;
  /** e.g. 1h */
  interval: string;
  barMs: number;
  fetch: FetchFn;
  sleep?: (ms: number) => Promise<void>;
  /** per request (default 10 s) */
  timeoutMs?: number;
  /** attempts per request (default 5) */
  attempts?: number;
  /** first backoff (default 500 ms; doubles) */
  backoffMs?: number;
  /** rows per page (default 1000) */
  limit?: number;
  /** called before each retry: what failed and how long the wait is */
  onRetry?: (why: string, waitMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
}

/** One kline row -> a bar and its close time, or a reason it is unusable. */
export function parseKlineRow(row: unknown): { bar: LiveBar; closeTime: number } | string {
  if (!Array.isArray(row) || row.length < 7) return 'not an array of at least 7 fields';
  const [time, open, high, low, close, volume, closeTime] = row.slice(0, 7).map(num);
  const bar = { time, open, high, low, close, volume };
  for (const [k, v] of Object.entries({ ...bar, closeTime }))
    if (!Number.isFinite(v)) return `${k} is not a number (${JSON.stringify(row)})`;
  if (!(open > 0 && high > 0 && low > 0 && close > 0 && volume >= 0))
    return `non-positive price (${JSON.stringify(row)})`;
  if (!(high >= low)) return `high below low (${JSON.stringify(row)})`;
  return { bar, closeTime };
}

export class KlineSource implements BarSource {
  readonly kind = 'kline';
  private readonly sleep;
  constructor(private readonly o: KlineSourceOptions) {
    this.sleep = o.sleep ?? defaultSleep;
  }

  get name(): string {
    return `${this.o.baseUrl} ${this.o.symbol} ${this.o.interval}`;
  }

  /** GET with timeout and retries; the parsed JSON body. */
  private async get(path: string, signal?: CancelSignal): Promise<unknown> {
    const attempts = this.o.attempts ?? 5;
    let wait = this.o.backoffMs ?? 500;
    let last: TransferError | null = null;
    for (let a = 0; a < attempts; a++) {
      if (signal?.cancelled) throw new CancelledError();
      if (a > 0) {
        const ms =
          last?.code === 'source-rate-limited'
            ? Number((last as TransferError & { waitMs?: number }).waitMs)
            : wait;
        this.o.onRetry?.(last!.message, ms);
        await this.sleep(ms);
        if (last?.code !== 'source-rate-limited') wait *= 2;
      }
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), this.o.timeoutMs ?? 10_000);
      try {
        const res = await this.o.fetch(`${this.o.baseUrl.replace(/\/+$/, '')}${path}`, {
          signal: ctl.signal,
        });
        if (res.status === 429 || res.status === 418) {
          const after = Number(res.headers.get('Retry-After'));
          const e = new TransferError(
            `rate limited (HTTP ${res.status}${Number.isFinite(after) ? `, Retry-After ${after}s` : ''})`,
            res.status,
            'source-rate-limited',
          ) as TransferError & { waitMs?: number };
          e.waitMs = Number.isFinite(after) && after >= 0 ? after * 1000 : wait;
          last = e;
          continue;
        }
        if (res.status >= 500) {
          last = new TransferError(`server error HTTP ${res.status}`, res.status, 'source-http');
          continue;
        }
        if (!res.ok)
          throw new TransferError(
            `HTTP ${res.status} from ${path.split('?')[0]}: ${(await res.text()).slice(0, 200)}`,
            res.status,
            'source-refused',
          );
        try {
          return await res.json();
        } catch {
          last = new TransferError('the answer is not JSON', res.status, 'source-malformed');
        }
      } catch (e) {
        if (e instanceof TransferError) throw e;
        last = ctl.signal.aborted
          ? new TransferError(
              `no answer within ${this.o.timeoutMs ?? 10_000} ms`,
              undefined,
              'source-timeout',
            )
          : new TransferError(`network error: ${(e as Error).message}`, undefined, 'source-network');
      } finally {
        clearTimeout(timer);
      }
    }
    throw last!;
  }

  /** The exchange's clock (ms). */
  async serverTime(signal?: CancelSignal): Promise<number> {
    const body = (await this.get('/api/v3/time', signal)) as { serverTime?: unknown };
    const t = num(body?.serverTime);
    if (!Number.isFinite(t))
      throw new TransferError('/api/v3/time has no serverTime', undefined, 'source-malformed');
    return t;
  }

  async fetchSince(after: number, signal?: CancelSignal): Promise<SourceBatch> {
    const limit = this.o.limit ?? 1000;
    const out = new Map<number, LiveBar>();
    let duplicates = 0;
    let outOfOrder = 0;
    let forming = 0;
    let newest = after;
    for (let page = 0; page < 10_000; page++) {
      // the server's time is read before the rows: a bar closed by then is closed in the rows too
      const now = await this.serverTime(signal);
      const start = newest + 1;
      const q = `symbol=${encodeURIComponent(this.o.symbol)}&interval=${encodeURIComponent(this.o.interval)}&startTime=${Number.isFinite(start) ? start : 0}&limit=${limit}`;
      const rows = await this.rows(q, signal);
      let prev = -Infinity;
      let fresh = 0;
      for (const { bar, closeTime } of rows) {
        if (bar.time < prev) outOfOrder++;
        prev = bar.time;
        if (closeTime >= now || bar.time + this.o.barMs > now) {
          forming++;
          continue;
        }
        if (bar.time <= after) continue;
        if (out.has(bar.time)) {
          duplicates++;
          continue;
        }
        out.set(bar.time, bar);
        newest = Math.max(newest, bar.time);
        fresh++;
      }
      if (rows.length < limit || fresh === 0) {
        const bars = [...out.values()].sort((a, b) => a.time - b.time);
        return { bars, now, forming, duplicates, outOfOrder };
      }
    }
    throw new TransferError('too many pages', undefined, 'source-malformed');
  }

  /** One page of rows, every one checked; a malformed row fails the page (retried). */
  private async rows(query: string, signal?: CancelSignal) {
    const attempts = this.o.attempts ?? 5;
    let why = '';
    for (let a = 0; a < attempts; a++) {
      if (a > 0) {
        this.o.onRetry?.(why, this.o.backoffMs ?? 500);
        await this.sleep(this.o.backoffMs ?? 500);
      }
      const body = await this.get(`/api/v3/klines?${query}`, signal);
      if (!Array.isArray(body)) {
        why = 'the klines answer is not an array';
        continue;
      }
      const parsed = body.map(parseKlineRow);
      const bad = parsed.findIndex((p) => typeof p === 'string');
      if (bad >= 0) {
        why = `malformed kline row ${bad}: ${parsed[bad] as string}`;
        continue;
      }
      return parsed as { bar: LiveBar; closeTime: number }[];
    }
    throw new TransferError(why, undefined, 'source-malformed');
  }
}
