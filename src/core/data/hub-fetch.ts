/**
 * The fetch every hub request goes through: it watches for stalls (no headers or no body bytes
 * for a while), reports the wait, gives up after a limit, aborts at once on cancel (also while
 * nothing arrives), and recognises two answers that are not files: a web page sent with 200
 * (a wrong endpoint, a proxy or a sign-in page) and a range refused because the file is empty.
 * Those become hub faults (hub-errors.ts) that toHubError words with the context.
 */
import { CancelledError } from '../errors';
import type { CancelSignal } from '../util/progress';
import { hubFaultError } from './hub-errors';

export interface StallOptions {
  /** after this long without data, `onWait` is told, about once a second (default 3 s) */
  noticeMs?: number;
  /** after this long without data, the request fails as stalled (default 60 s) */
  timeoutMs?: number;
  /** told the time without data so far, while it lasts */
  onWait?: (idleMs: number) => void;
}

export const DEFAULT_STALL_NOTICE_MS = 3_000;
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;
/** how often a wait checks the clock and the cancel flag */
const TICK_MS = 200;

export interface WatchOptions {
  signal?: AbortSignal;
  cancel?: CancelSignal;
  stall?: StallOptions;
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/**
 * Tracks one request: `waiting()` while headers or a body chunk are awaited, `idle()` once they
 * came. While waiting it checks the cancel flag and the clock, and calls `abort` with a
 * CancelledError or a 'stalled' fault.
 */
function createWatch(opts: WatchOptions, abort: (reason: unknown) => void) {
  const noticeMs = opts.stall?.noticeMs ?? DEFAULT_STALL_NOTICE_MS;
  const timeoutMs = opts.stall?.timeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  let since = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSecond = -1;
  const tick = () => {
    timer = undefined;
    if (since < 0) return;
    if (opts.cancel?.cancelled) return abort(new CancelledError());
    const idleMs = performance.now() - since;
    if (idleMs >= timeoutMs) return abort(hubFaultError({ kind: 'stalled', idleMs }));
    const second = Math.floor(idleMs / 1000);
    if (idleMs >= noticeMs && second !== lastSecond) {
      lastSecond = second;
      opts.stall?.onWait?.(idleMs);
    }
    timer = setTimeout(tick, Math.min(TICK_MS, timeoutMs));
  };
  return {
    waiting() {
      if (since >= 0) return;
      since = performance.now();
      lastSecond = -1;
      timer = setTimeout(tick, Math.min(TICK_MS, timeoutMs));
    },
    idle() {
      since = -1;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** `base` with stall detection, cancellation and the two not-a-file answers (see the header). */
export function watchedFetch(base: typeof fetch, opts: WatchOptions): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (opts.signal?.aborted || opts.cancel?.cancelled) throw new CancelledError();
    const ctrl = new AbortController();
    let reason: unknown;
    const abort = (r: unknown) => {
      if (reason !== undefined) return;
      reason = r;
      watch.idle();
      ctrl.abort(r);
    };
    const watch = createWatch(opts, abort);
    const onAbort = () => abort(new CancelledError());
    opts.signal?.addEventListener('abort', onAbort);
    const done = () => {
      watch.idle();
      opts.signal?.removeEventListener('abort', onAbort);
    };

    let res: Response;
    watch.waiting();
    try {
      res = await base(input, { ...init, signal: ctrl.signal });
    } catch (err) {
      done();
      throw reason ?? err;
    }
    watch.idle();
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && /text\/html/i.test(type) && !/\.html?(\?|$)/i.test(urlOf(input))) {
      done();
      await res.body?.cancel().catch(() => undefined);
      throw hubFaultError({ kind: 'html-body' });
    }
    if (res.status === 416 && /\/\s*0\s*$/.test(res.headers.get('content-range') ?? '')) {
      done();
      await res.body?.cancel().catch(() => undefined);
      throw hubFaultError({ kind: 'empty-file', loaded: 0, total: 0 });
    }
    if (!res.body || [101, 204, 205, 304].includes(res.status)) {
      done();
      return res;
    }
    const reader = res.body.getReader();
    // highWaterMark 0: a chunk is read only when asked for, so a body nobody reads never "stalls"
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          watch.waiting();
          try {
            const { done: end, value } = await reader.read();
            watch.idle();
            if (end) {
              done();
              c.close();
            } else c.enqueue(value);
          } catch (err) {
            done();
            c.error(reason ?? err);
          }
        },
        async cancel(why) {
          done();
          await reader.cancel(why).catch(() => undefined);
        },
      },
      { highWaterMark: 0 },
    );
    const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    Object.defineProperty(out, 'url', { value: res.url });
    Object.defineProperty(out, 'redirected', { value: res.redirected });
    return out;
  }) as typeof fetch;
}
