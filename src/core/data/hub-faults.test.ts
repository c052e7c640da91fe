/**
 * Loading through a misbehaving mock hub (e2e/mock-hub/faults.mjs) with the real
 * @huggingface/hub client and the IndexedDB cache (fake-indexeddb): a cut or damaged download is
 * never cached or returned, a cached copy that does not parse is replaced, each fault gets a
 * message that says what happened, and a stall is shown, then times out, and can be cancelled.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_DATASET_DIR, startMockHub, type MockHub } from '../../../e2e/mock-hub/server.mjs';
import { loadDataset, type LoadDeps, type LoadRequest } from './load';
import { HubError } from '../errors';
import type { ParquetWasmModule } from './parquet';
import { openCandleLabDb } from '../store/db';
import { createFileCache, type FileCache } from '../store/file-cache';
import { createCancelFlag, type Progress } from '../util/progress';

const PARQUET = 'data/train-00000-of-00001.parquet';
const SIZE = 2325747;
const PUBLIC = 'lab/binance-ohlcv-1h-btc-eth';
const TOKEN = 'hf_test_token';
const CSV_ROWS = 200;

let hub: MockHub;
let parquet: ParquetWasmModule;
let dir: string;
let csvSize: number;
const sleeps: number[] = [];

beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
  // small datasets written for these tests: hourly CSV candles, an empty file, a broken parquet
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-faults-'));
  const t0 = Date.UTC(2021, 0, 1);
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < CSV_ROWS; i++) {
    const iso = new Date(t0 + i * 3_600_000).toISOString();
    lines.push(`${iso},${100 + i},${101 + i},${99 + i},${100.5 + i},${10 + i}`);
  }
  const csv = lines.join('\n') + '\n';
  csvSize = Buffer.byteLength(csv);
  mkdirSync(path.join(dir, 'csv'));
  writeFileSync(path.join(dir, 'csv/BTCUSDT_1h.csv'), csv);
  mkdirSync(path.join(dir, 'empty'));
  writeFileSync(path.join(dir, 'empty/ETHUSDT_1h.csv'), '');
  mkdirSync(path.join(dir, 'broken'));
  const junk = Buffer.alloc(5000, 7);
  junk.write('PAR1', 0);
  junk.write('PAR1', junk.length - 4);
  writeFileSync(path.join(dir, 'broken/train.parquet'), junk);
  hub = await startMockHub({
    port: 0,
    datasets: [
      { id: PUBLIC, dir: SAMPLE_DATASET_DIR, include: ['data/'] },
      { id: 'lab/binance-private', dir: SAMPLE_DATASET_DIR, include: ['data/'], private: true },
      { id: 'lab/small-csv', dir, include: ['csv/'] },
      { id: 'lab/empty-csv', dir, include: ['empty/'] },
      { id: 'lab/broken-parquet', dir, include: ['broken/'] },
    ],
  });
});
afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  hub.reset();
  sleeps.length = 0;
});

function deps(extra: Partial<LoadDeps> = {}): LoadDeps {
  return {
    hubUrl: hub.url,
    parquet,
    retry: { sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 100 },
    ...extra,
  };
}

function newCache(): FileCache {
  return createFileCache(openCandleLabDb({ indexedDB, IDBKeyRange, name: `faults-${Math.random()}` }));
}

async function failure(p: Promise<unknown>): Promise<HubError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HubError);
  return err as HubError;
}

const downloads = () => hub.requests().filter((q) => q.path.includes('/resolve/') && q.range === null);

describe('a download cut short is never cached or returned', () => {
  it('a body shorter than the listing (clean end): retried, then the whole file is cached', async () => {
    const cache = newCache();
    hub.fault({ path: PARQUET, mode: 'short-length', ranged: false });
    const r = await loadDataset({ dataset: PUBLIC }, deps({ cache }));
    expect(r.summary.files[0]).toMatchObject({ size: SIZE, rows: 75320, fromCache: false });
    expect(downloads()).toHaveLength(2);
    expect(await cache.totalBytes()).toBe(SIZE);
    expect(sleeps).toEqual([100]);
  });

  it('a CSV that keeps coming short: a clear error after the retries, nothing cached', async () => {
    const cache = newCache();
    hub.fault({ path: 'BTCUSDT', mode: 'short-length', ranged: false, bytes: 4000, times: 10 });
    const e = await failure(loadDataset({ dataset: 'lab/small-csv' }, deps({ cache })));
    expect(e.kind).toBe('truncated');
    expect(e.message).toBe(
      `The download of csv/BTCUSDT_1h.csv from ${hub.url} ended early after 4,000 of ${csvSize.toLocaleString('en-US')} bytes (5 attempts): ` +
        'the hub answered, but the transfer was cut short. Nothing was cached. Load again to retry; ' +
        'if it keeps happening, a proxy or an unstable connection is cutting long downloads.',
    );
    expect(await cache.totalBytes()).toBe(0);
    // the hub is well again: the next load reads every row
    hub.reset();
    const ok = await loadDataset({ dataset: 'lab/small-csv' }, deps({ cache }));
    expect(ok.summary.files[0].rows).toBe(CSV_ROWS);
  });

  it('a connection closed before the announced length: "ended early", not "could not reach the hub"', async () => {
    hub.fault({ path: PARQUET, mode: 'long-length', ranged: false, bytes: 1_000_000, times: 10 });
    const e = await failure(
      loadDataset({ dataset: PUBLIC }, deps({ retry: { retries: 1, sleep: async () => {} } })),
    );
    expect(e.kind).toBe('truncated');
    expect(e.message).toMatch(/ended early after 1,000,000 of 2,325,747 bytes \(2 attempts\)/);
    expect(e.message).not.toMatch(/could not reach/i);
  });

  it('bytes that differ from the listed sha256: retried, never returned', async () => {
    // a network that flips one byte in the middle of every full download
    let damaged = 0;
    const flipping = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      const ranged = new Headers(init?.headers).has('range');
      if (ranged || !res.ok || !String(input).includes('/resolve/')) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length >> 1] ^= 0xff;
      damaged++;
      return new Response(bytes, { status: res.status, headers: res.headers });
    }) as typeof fetch;
    const e = await failure(
      loadDataset(
        { dataset: PUBLIC },
        deps({ fetch: flipping, retry: { retries: 2, sleep: async () => {} } }),
      ),
    );
    expect(e.kind).toBe('checksum');
    expect(e.message).toMatch(
      /data\/train-00000-of-00001\.parquet from .* does not match the hub's listing \(its sha256 differs from the listed one\) \(3 attempts\)/,
    );
    expect(damaged).toBe(3);
  });
});

describe('the cache holds only files that parse', () => {
  it('a download that does not parse is not cached', async () => {
    const cache = newCache();
    const err = await loadDataset({ dataset: 'lab/broken-parquet' }, deps({ cache })).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'DataError', code: 'bad-parquet' });
    expect(await cache.totalBytes()).toBe(0);
  });

  it('a cached copy that does not parse is evicted and downloaded once more', async () => {
    const cache = newCache();
    const first = await loadDataset({ dataset: PUBLIC }, deps({ cache }));
    const [meta] = await cache.listFiles();
    // damage the cached copy, keeping its size (so only parsing can tell)
    const bad = (await cache.getFile(meta))!.slice();
    bad.fill(7, bad.length - 4000, bad.length - 8);
    await cache.putFile(meta, bad);
    hub.reset();
    const again = await loadDataset({ dataset: PUBLIC }, deps({ cache }));
    expect(downloads()).toHaveLength(1);
    expect(again.summary.files[0]).toMatchObject({ fromCache: false, rows: 75320 });
    expect(again.summary.warnings[0]).toBe(
      `The cached copy of ${PARQUET} could not be read: it was removed and downloaded again.`,
    );
    expect(Array.from(again.bars.get('BTC/USDT')!.close)).toEqual(
      Array.from(first.bars.get('BTC/USDT')!.close),
    );
    // the cache holds the good copy again
    expect((await cache.getFile(meta))!.length).toBe(SIZE);
    hub.reset();
    expect((await loadDataset({ dataset: PUBLIC }, deps({ cache }))).summary.files[0].fromCache).toBe(true);
    expect(downloads()).toHaveLength(0);
  });

  it('a cached copy shorter than the listing is evicted, also on the cache-first path', async () => {
    const cache = newCache();
    await loadDataset({ dataset: PUBLIC }, deps({ cache }));
    const [meta] = await cache.listFiles();
    await cache.putFile(meta, (await cache.getFile(meta))!.slice(0, 100_000));
    hub.reset();
    const r = await loadDataset({ dataset: PUBLIC }, deps({ cache, cachePolicy: 'cache-first' }));
    expect(r.summary.files[0]).toMatchObject({ fromCache: false, size: SIZE });
    expect(downloads()).toHaveLength(1);
    expect((await cache.getFile(meta))!.length).toBe(SIZE);
  });
});

describe('messages that say what the hub did', () => {
  it('a web page with 200 instead of the file', async () => {
    hub.fault({ path: PARQUET, mode: 'html' });
    const e = await failure(loadDataset({ dataset: PUBLIC }, deps()));
    expect(e.kind).toBe('html-body');
    expect(e.message).toMatch(
      new RegExp(
        `^The hub at ${hub.url} sent a web page instead of the data while looking up ${PARQUET} for ${PUBLIC}: `,
      ),
    );
    expect(e.message).toMatch(/Check the hub endpoint in Settings/);
    // a page sent for the download itself (the size probe was fine)
    hub.fault({ path: PARQUET, mode: 'html', ranged: false });
    const d = await failure(loadDataset({ dataset: PUBLIC }, deps()));
    expect(d.kind).toBe('html-body');
    expect(d.message).toMatch(/while downloading data\/train/);
  });

  it('an empty file: as the hub answers it, and as its listing shows it', async () => {
    hub.fault({ path: PARQUET, mode: 'empty', times: 2 });
    const e = await failure(loadDataset({ dataset: PUBLIC }, deps()));
    expect(e.kind).toBe('empty-file');
    expect(e.message).toBe(
      `${PARQUET} in ${PUBLIC} is empty on the hub (0 bytes): there are no candles in it to load. ` +
        'Choose other files with the file pattern, or ask the dataset owner to upload the file again.',
    );
    const listed = await failure(loadDataset({ dataset: 'lab/empty-csv' }, deps()));
    expect(listed.kind).toBe('empty-file');
    expect(listed.message).toMatch(/^empty\/ETHUSDT_1h\.csv in lab\/empty-csv is empty on the hub/);
  });

  it('a dropped connection is retried', async () => {
    hub.fault({ path: PARQUET, mode: 'drop', ranged: false });
    const r = await loadDataset({ dataset: PUBLIC }, deps());
    expect(r.summary.files[0].rows).toBe(75320);
    expect(downloads()).toHaveLength(2);
  });

  it('a redirect to another origin: the file arrives, the token stays behind', async () => {
    hub.fault({ path: PARQUET, mode: 'redirect', times: 2 });
    const r = await loadDataset({ dataset: 'lab/binance-private' }, deps({ accessToken: TOKEN }));
    expect(r.summary.files[0]).toMatchObject({ size: SIZE, rows: 75320 });
    const seen = hub.redirected();
    expect(seen.map((q) => q.range)).toEqual(['bytes=0-0', null]);
    expect(seen.every((q) => q.authorization === null)).toBe(true);
  });
});

describe('a stalled hub', () => {
  const stall = { noticeMs: 1000 };

  it('is shown while it lasts, then fails with a clear message at the limit', async () => {
    hub.fault({ path: PARQUET, mode: 'stall', ranged: false, bytes: 65536, ms: 60_000 });
    const progress: Progress[] = [];
    const req: LoadRequest = { dataset: PUBLIC, stallTimeoutMs: 2500 };
    const t0 = performance.now();
    const e = await failure(loadDataset(req, deps({ stall }), (p) => progress.push(p)));
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(e.kind).toBe('stalled');
    expect(e.message).toMatch(
      new RegExp(
        `^The hub at ${hub.url} stopped sending data while downloading ${PARQUET} for ${PUBLIC}: nothing came for 3 s ` +
          '\\(after 65,536 of 2,325,747 bytes\\)\\. Nothing was cached\\.',
      ),
    );
    const waits = progress.filter((p) => /waiting for the hub/.test(p.message ?? ''));
    expect(waits.map((p) => p.message)).toEqual([
      'waiting for the hub (no data for 1 s)',
      'waiting for the hub (no data for 2 s)',
    ]);
    expect(waits[0]).toMatchObject({ stage: 'download' });
    expect(downloads()).toHaveLength(1); // a stall is not retried
  });

  it('before any answer (no headers) counts too', async () => {
    hub.fault({ path: '/tree/', mode: 'stall', headers: false, ms: 60_000 });
    const e = await failure(loadDataset({ dataset: PUBLIC, stallTimeoutMs: 800 }, deps({ stall })));
    expect(e.kind).toBe('stalled');
    expect(e.message).toMatch(
      /stopped sending data while listing files for lab\/binance-ohlcv-1h-btc-eth: nothing came for 1 s\./,
    );
  });

  it('can be cancelled while nothing arrives', async () => {
    hub.fault({ path: PARQUET, mode: 'stall', ranged: false, ms: 60_000 });
    const flag = createCancelFlag();
    let cancelledAt = 0;
    const p = loadDataset({ dataset: PUBLIC }, deps({ cancel: flag, stall }), (pr) => {
      if (/waiting for the hub/.test(pr.message ?? '') && !cancelledAt) {
        cancelledAt = performance.now();
        flag.cancel();
      }
    });
    await expect(p).rejects.toMatchObject({ name: 'CancelledError' });
    expect(performance.now() - cancelledAt).toBeLessThan(1000);
  });

  it('with a cached copy: the cache serves the load once the hub has stalled past the limit', async () => {
    const cache = newCache();
    const first = await loadDataset({ dataset: PUBLIC }, deps({ cache }));
    hub.fault({ path: '/revision/', mode: 'stall', headers: false, ms: 60_000 });
    const r = await loadDataset({ dataset: PUBLIC, stallTimeoutMs: 800 }, deps({ cache, stall }));
    expect(r.summary.offline).toBe(true);
    expect(r.summary.files[0]).toMatchObject({ fromCache: true, rows: 75320 });
    expect(r.summary.commit).toBe(first.summary.commit);
    // the same when the hub stalls on the file's size probe
    hub.reset();
    hub.fault({ path: PARQUET, mode: 'stall', ranged: true, headers: false, ms: 60_000 });
    const probe = await loadDataset({ dataset: PUBLIC, stallTimeoutMs: 800 }, deps({ cache, stall }));
    expect(probe.summary).toMatchObject({ offline: true });
    expect(probe.summary.files[0].fromCache).toBe(true);
  });

  it('shorter than the limit: the download goes on', async () => {
    hub.fault({ path: PARQUET, mode: 'stall', ranged: false, bytes: 1000, ms: 600 });
    const r = await loadDataset({ dataset: PUBLIC, stallTimeoutMs: 5000 }, deps());
    expect(r.summary.files[0].rows).toBe(75320);
  });
});
