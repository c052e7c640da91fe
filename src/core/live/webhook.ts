/**
 * Webhooks: a session can POST each change of its signal (target position) to a URL the user
 * gives, as a small JSON body (WebhookPayload). Sends are queued one after another, never
 * awaited by the bar loop, retried with backoff on a network error or a non-2xx answer, and each
 * outcome is reported (for the session's event log). A failing receiver never stops a session.
 * The app places no orders and holds no exchange keys: the receiver decides what to do.
 */
import type { FetchFn } from './sources/kline';

export interface WebhookPayload {
  session: string;
  symbol: string;
  /** bar open time, ISO 8601 UTC: the decision is taken at this bar's close */
  bar_time: string;
  /** 'long' | 'flat' | 'short' */
  signal: 'long' | 'flat' | 'short';
  /** the target position (fraction of equity) */
  target: number;
  /** the model's P(up) / P(BUY), or the predicted return for regression; null without a prediction */
  probability: number | null;
  model_id: string;
  /** the bar's close */
  price: number;
}

export interface WebhookOutcome {
  payload: WebhookPayload;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface WebhookSenderOptions {
  url: string;
  fetch: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
  ) => ReturnType<FetchFn>;
  sleep?: (ms: number) => Promise<void>;
  /** default 4 */
  attempts?: number;
  /** first wait between attempts (default 1 s; doubles) */
  backoffMs?: number;
  timeoutMs?: number;
  onOutcome?: (o: WebhookOutcome) => void | Promise<void>;
}

export function signalName(target: number): WebhookPayload['signal'] {
  return target > 0 ? 'long' : target < 0 ? 'short' : 'flat';
}

export class WebhookSender {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly o: WebhookSenderOptions) {}

  /** Queue one POST; returns at once. */
  send(payload: WebhookPayload): void {
    this.queue = this.queue.then(() => this.deliver(payload)).catch(() => undefined);
  }

  /** Resolves when every queued POST has been delivered or given up. */
  idle(): Promise<void> {
    return this.queue;
  }

  private async deliver(payload: WebhookPayload): Promise<void> {
    const attempts = this.o.attempts ?? 4;
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let wait = this.o.backoffMs ?? 1000;
    let status: number | null = null;
    let error: string | null = null;
    for (let a = 1; a <= attempts; a++) {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), this.o.timeoutMs ?? 10_000);
      try {
        const res = await this.o.fetch(this.o.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
          signal: ctl.signal,
        });
        status = res.status;
        if (res.ok) {
          await this.o.onOutcome?.({ payload, ok: true, attempts: a, status, error: null });
          return;
        }
        error = `HTTP ${res.status}`;
      } catch (e) {
        error = ctl.signal.aborted ? 'timeout' : (e as Error).message;
        status = null;
      } finally {
        clearTimeout(timer);
      }
      if (a < attempts) {
        await sleep(wait);
        wait *= 2;
      }
    }
    await this.o.onOutcome?.({ payload, ok: false, attempts, status, error });
  }
}
