/**
 * The mock hub's fault modes, seen from a plain fetch: each misbehaves exactly as documented in
 * faults.mjs, for the matching requests only, the given number of times, and reset ends them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockHub, type MockHub } from './server.mjs';

const DATASET = 'lab/binance-ohlcv-1h-btc-eth';
const FILE = 'data/train-00000-of-00001.parquet';
const SIZE = 2325747;

let hub: MockHub;
let url: string;
beforeAll(async () => {
  hub = await startMockHub({ port: 0 });
  url = `${hub.url}/datasets/${DATASET}/resolve/main/${FILE}`;
});
afterAll(async () => {
  await hub?.close();
});
beforeEach(() => hub.reset());

/** The body length, or the error that reading it ended with. */
async function bodyOf(res: Response): Promise<number | string> {
  try {
    return (await res.arrayBuffer()).byteLength;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

describe('mock hub fault modes', () => {
  it('short-length: a clean response that is shorter than the file', async () => {
    hub.fault({ path: FILE, mode: 'short-length', bytes: 1000 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(await bodyOf(res)).toBe(1000);
    // used up: the next request gets the whole file
    expect(await bodyOf(await fetch(url))).toBe(SIZE);
  });

  it('long-length: the whole size announced, the connection closed after part of it', async () => {
    hub.fault({ path: FILE, mode: 'long-length', bytes: 1000 });
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(await bodyOf(res)).toMatch(/^error/);
  });

  it('html: a web page with 200, to ranged and plain requests', async () => {
    hub.fault({ path: FILE, mode: 'html', times: 2 });
    for (const headers of [{ Range: 'bytes=0-0' }, {}] as Record<string, string>[]) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
    }
  });

  it('empty: 416 */0 for the range probe, 0 bytes for the download', async () => {
    hub.fault({ path: FILE, mode: 'empty', times: 2 });
    const probe = await fetch(url, { headers: { Range: 'bytes=0-0' } });
    expect(probe.status).toBe(416);
    expect(probe.headers.get('content-range')).toBe('bytes */0');
    expect(await bodyOf(await fetch(url))).toBe(0);
  });

  it('stall: headers and some bytes, then nothing for ms, then the rest; or no answer at all', async () => {
    hub.fault({ path: FILE, mode: 'stall', ms: 400, bytes: 10 });
    let t0 = performance.now();
    const res = await fetch(url);
    expect(performance.now() - t0).toBeLessThan(300);
    expect(await bodyOf(res)).toBe(SIZE);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);

    hub.fault({ path: FILE, mode: 'stall', ms: 400, headers: false });
    t0 = performance.now();
    const late = await fetch(url);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
    expect(await bodyOf(late)).toBe(SIZE);
  });

  it('a reset ends a stall in progress', async () => {
    hub.fault({ path: FILE, mode: 'stall', ms: 60_000 });
    const res = await fetch(url);
    const body = bodyOf(res);
    hub.reset();
    expect(await body).toMatch(/^error/);
  });

  it('drop: the connection closes before any answer; ranged filters which requests', async () => {
    hub.fault({ path: FILE, mode: 'drop', ranged: false });
    expect((await fetch(url, { headers: { Range: 'bytes=0-3' } })).status).toBe(206);
    await expect(fetch(url)).rejects.toThrow(/fetch failed/);
    expect(await bodyOf(await fetch(url))).toBe(SIZE);
  });

  it('redirect: 302 to a second origin that serves the file and records the Authorization it got', async () => {
    hub.fault({ path: FILE, mode: 'redirect', times: 2 });
    const hop = await fetch(url, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    const location = hop.headers.get('location')!;
    expect(new URL(location).origin).not.toBe(new URL(hub.url).origin);
    expect(new URL(location).pathname).toBe(new URL(url).pathname);
    const direct = await fetch(location, { headers: { Authorization: 'Bearer hf_sent_on_purpose' } });
    expect(await bodyOf(direct)).toBe(SIZE);
    const followed = await fetch(url, { headers: { Range: 'bytes=0-3' } });
    expect(followed.status).toBe(206);
    expect(await followed.text()).toBe('PAR1');
    const log = hub.redirected();
    expect(log.map((r) => [r.range, r.authorization])).toEqual([
      [null, 'Bearer hf_sent_on_purpose'],
      ['bytes=0-3', null],
    ]);
  });

  it('is set through the control endpoint, which refuses an unknown mode', async () => {
    const ok = await fetch(`${hub.url}/__mock/fault`, {
      method: 'POST',
      body: JSON.stringify({ path: FILE, mode: 'short-length', bytes: 5 }),
    });
    expect(ok.status).toBe(200);
    expect(await bodyOf(await fetch(url))).toBe(5);
    const bad = await fetch(`${hub.url}/__mock/fault`, {
      method: 'POST',
      body: JSON.stringify({ path: FILE, mode: 'teapot' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown fault mode "teapot"/);
    const redirected = await fetch(`${hub.url}/__mock/redirected`);
    expect(await redirected.json()).toEqual([]);
  });
});
