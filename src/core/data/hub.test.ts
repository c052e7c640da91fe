/**
 * Loading through the mock hub (e2e/mock-hub) with the real @huggingface/hub client: parquet,
 * the parquet conversion of a CSV-only dataset, plain CSV, private datasets, errors and
 * retries, and the IndexedDB cache (fake-indexeddb) serving the second load.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { SAMPLE_DATASET_DIR, startMockHub, type MockHub } from '../../../e2e/mock-hub/server.mjs';
import { sampleCsvDatasetDir } from '../../../e2e/mock-hub/sample-csv.mjs';
import { loadDataset, type LoadDeps } from './load';
import { resolveDataset } from './hub';
import { HubError } from '../errors';
import type { ParquetWasmModule } from './parquet';
import { openCandleLabDb } from '../store/db';
import { createFileCache } from '../store/file-cache';
import { createCancelFlag, type Progress } from '../util/progress';

let hub: MockHub;
let parquet: ParquetWasmModule;
const sleeps: number[] = [];
const TOKEN = 'hf_test_token';

beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
  // the shipped sample plus its published csv/ files, rebuilt from the parquet
  const withCsv = sampleCsvDatasetDir(SAMPLE_DATASET_DIR);
  hub = await startMockHub({
    port: 0,
    datasets: [
      { id: 'lab/binance-ohlcv-1h-btc-eth', dir: SAMPLE_DATASET_DIR },
      { id: 'lab/binance-private', dir: SAMPLE_DATASET_DIR, private: true },
      {
        id: 'lab/binance-csv',
        dir: withCsv,
        include: ['csv/', 'README.md'],
        convert: { 'default/train/0000.parquet': 'data/train-00000-of-00001.parquet' },
      },
      { id: 'lab/csv-only', dir: withCsv, include: ['csv/'] },
      { id: 'lab/readme-only', dir: SAMPLE_DATASET_DIR, include: ['README.md'] },
    ],
  });
});
afterAll(async () => {
  await hub?.close();
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

async function hubError(p: Promise<unknown>): Promise<HubError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HubError);
  return err as HubError;
}

describe('loadDataset through the mock hub', () => {
  it('loads the parquet dataset, pins the commit, reports progress', async () => {
    const progress: Progress[] = [];
    const r = await loadDataset({ dataset: 'lab/binance-ohlcv-1h-btc-eth' }, deps(), (p) => progress.push(p));
    const sha = hub.datasets[0].sha;
    expect(r.summary).toMatchObject({
      origin: 'hub',
      source: 'parquet',
      revision: 'main',
      commit: sha,
      filesCommit: sha,
    });
    expect(r.summary.files).toEqual([
      {
        path: 'data/train-00000-of-00001.parquet',
        size: 2325747,
        format: 'parquet',
        etag: '"75af62339c969678774bbd71f0698f7752d03477313b3b5afa2eaf8c41545aca"',
        fromCache: false,
        rows: 75320,
        garbageLines: 0,
      },
    ]);
    expect(r.bars.get('ETH/USDT')!.time.length).toBe(37660);
    const dl = progress.filter((p) => p.stage === 'download');
    expect(dl.length).toBeGreaterThan(1);
    expect(dl.at(-1)!.detail).toMatchObject({ loaded: 2325747, total: 2325747 });
    expect(progress.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    // every file request used the pinned commit, not 'main'
    expect(
      hub
        .requests()
        .filter((q) => q.path.includes('/resolve/'))
        .every((q) => q.path.includes(`/resolve/${sha}/`)),
    ).toBe(true);
  });

  it('uses the hub parquet conversion for a CSV-only dataset, and plain CSV when there is none', async () => {
    const conv = await loadDataset({ dataset: 'lab/binance-csv' }, deps());
    expect(conv.summary.source).toBe('parquet-conversion');
    expect(conv.summary.files.map((f) => f.path)).toEqual(['default/train/0000.parquet']);
    expect(conv.summary.filesCommit).not.toBe(conv.summary.commit);
    const csv = await loadDataset({ dataset: 'lab/csv-only' }, deps());
    expect(csv.summary.source).toBe('csv');
    expect(csv.summary.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    for (const s of ['BTC/USDT', 'ETH/USDT']) {
      expect(Array.from(csv.bars.get(s)!.close)).toEqual(Array.from(conv.bars.get(s)!.close));
    }
    const one = await resolveDataset(
      { dataset: 'lab/csv-only', pattern: 'csv/ETH*.csv' },
      { hubUrl: hub.url },
    );
    expect(one.files.map((f) => f.path)).toEqual(['csv/ETHUSDT_1h.csv']);
  });

  it('says which files were found when none is usable', async () => {
    const e = await hubError(loadDataset({ dataset: 'lab/readme-only' }, deps()));
    expect(e.kind).toBe('no-usable-files');
    expect(e.message).toMatch(/no usable data files.*found README\.md/);
  });

  it('404: no such dataset, no such revision', async () => {
    const e = await hubError(loadDataset({ dataset: 'lab/nope' }, deps()));
    expect(e).toMatchObject({ kind: 'not-found', status: 404 });
    expect(e.message).toMatch(/No dataset lab\/nope found/);
    const r = await hubError(
      loadDataset({ dataset: 'lab/binance-ohlcv-1h-btc-eth', revision: 'v9' }, deps()),
    );
    expect(r.message).toMatch(/has no revision "v9"/);
    expect(sleeps).toEqual([]); // 404s are not retried
  });

  it('401 for a private dataset without a token; loads with one; the token never shows', async () => {
    const e = await hubError(loadDataset({ dataset: 'lab/binance-private' }, deps()));
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(e.message).toMatch(/needs a Hugging Face access token/);
    const bad = await hubError(
      loadDataset({ dataset: 'lab/binance-private' }, deps({ accessToken: 'hf_wrong_secret' })),
    );
    expect(bad.message).toMatch(/refused the access token/);
    expect(bad.message).not.toContain('hf_wrong_secret');
    const ok = await loadDataset(
      { dataset: 'lab/binance-private', symbols: ['BTC/USDT'] },
      deps({ accessToken: TOKEN }),
    );
    expect(ok.summary.symbols).toEqual(['BTC/USDT']);
    expect(JSON.stringify(ok.summary)).not.toContain(TOKEN);
    expect(hub.requests().every((q) => !q.search.includes(TOKEN) && !q.path.includes(TOKEN))).toBe(true);
  });

  it('500: retried with backoff, then a clear error', async () => {
    hub.fail({ path: '/tree/', status: 500, times: 10 });
    const e = await hubError(
      loadDataset(
        { dataset: 'lab/binance-ohlcv-1h-btc-eth' },
        deps({ retry: { sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 100, retries: 3 } }),
      ),
    );
    expect(e).toMatchObject({ kind: 'http', status: 500 });
    expect(e.message).toMatch(/HTTP 500 after 4 attempts while listing files/);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('429 and 503 on the download: retried, then success', async () => {
    hub.fail({ path: '/resolve/', status: 429, times: 2, method: 'GET' });
    const r = await loadDataset({ dataset: 'lab/binance-ohlcv-1h-btc-eth' }, deps());
    expect(r.summary.files[0].rows).toBe(75320);
    expect(sleeps).toEqual([100, 200]);
  });

  it('cancels', async () => {
    const flag = createCancelFlag();
    flag.cancel();
    await expect(
      loadDataset({ dataset: 'lab/binance-ohlcv-1h-btc-eth' }, deps({ cancel: flag })),
    ).rejects.toMatchObject({ name: 'CancelledError' });
    const ac = new AbortController();
    const p = loadDataset({ dataset: 'lab/binance-ohlcv-1h-btc-eth' }, deps({ signal: ac.signal }), (pr) => {
      if (pr.stage === 'download') ac.abort();
    });
    await expect(p).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

describe('the IndexedDB cache', () => {
  it('serves the second load without downloading, and works offline', async () => {
    const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `t-${Math.random()}` });
    const cache = createFileCache(db);
    const req = { dataset: 'lab/binance-private', symbols: ['ETH/USDT'] };
    const first = await loadDataset(req, deps({ cache, accessToken: TOKEN }));
    const downloads = () =>
      hub.requests().filter((q) => q.path.includes('/resolve/') && q.range === null).length;
    expect(downloads()).toBe(1);
    expect(first.summary.files[0].fromCache).toBe(false);
    expect(await cache.listDatasets()).toMatchObject([
      { dataset: 'lab/binance-private', files: 1, bytes: 2325747 },
    ]);

    hub.reset();
    const second = await loadDataset(req, deps({ cache, accessToken: TOKEN }));
    expect(downloads()).toBe(0);
    expect(second.summary.files[0].fromCache).toBe(true);
    expect(Array.from(second.bars.get('ETH/USDT')!.close)).toEqual(
      Array.from(first.bars.get('ETH/USDT')!.close),
    );

    hub.reset();
    await loadDataset(req, deps({ cache, accessToken: TOKEN, cachePolicy: 'cache-first' }));
    expect(hub.requests()).toHaveLength(0);

    // the network is down: the cached resolution and file are used
    const offlineFetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const off = await loadDataset(req, deps({ cache, accessToken: TOKEN, fetch: offlineFetch }));
    expect(off.summary.offline).toBe(true);
    expect(off.summary.commit).toBe(first.summary.commit);
    expect(off.bars.get('ETH/USDT')!.time.length).toBe(37660);

    expect(await cache.deleteDataset(hub.url, 'lab/binance-private')).toBe(2325747);
    expect(await cache.totalBytes()).toBe(0);
    const e = await hubError(
      loadDataset(
        req,
        deps({
          cache,
          accessToken: TOKEN,
          fetch: offlineFetch,
          retry: { retries: 1, sleep: async () => {} },
        }),
      ),
    );
    expect(e.kind).toBe('network');
    db.close();
  });
});
