// The Hugging Face dataset source against the local hub mock (the repo's sample): closed bars
// after a time only, by the injected clock, and a second poll at the same commit downloads no
// file again (the data layer's cache keyed by commit and ETag).
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockHub, type MockHub } from '../../../../e2e/mock-hub/server.mjs';
import type { ParquetWasmModule } from '../../data/parquet';
import { openCandleLabDb } from '../../store/db';
import { createFileCache } from '../../store/file-cache';
import { loadSampleBars } from '../../test-utils/sample';
import { HubSource } from './hub';

let hub: MockHub;
let parquet: ParquetWasmModule;
beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
  hub = await startMockHub({ port: 0 });
});
afterAll(() => hub.close());

describe('HubSource', () => {
  it('gives the closed bars after a time and reads unchanged files from the cache', async () => {
    const sample = loadSampleBars('BTC/USDT');
    const n = sample.time.length;
    const H = 3_600_000;
    let now = sample.time[n - 10] + H + 60_000; // bar n-10 has closed, bar n-9 is forming
    const cache = createFileCache(
      openCandleLabDb({ indexedDB, IDBKeyRange, name: `hub-src-${Math.random()}` }),
    );
    const src = new HubSource({
      request: { dataset: 'lab/binance-ohlcv-1h-btc-eth' },
      deps: { hubUrl: hub.url, parquet, cache },
      symbol: 'BTC/USDT',
      barMs: H,
      now: () => now,
    });
    const first = await src.fetchSince(sample.time[n - 13]);
    expect(first.bars.map((b) => b.time)).toEqual(Array.from(sample.time.subarray(n - 12, n - 9)));
    expect(first.bars[0].close).toBe(sample.close[n - 12]);
    expect(first.forming).toBe(9);
    expect(src.commit).toMatch(/^[0-9a-f]{40}$/);
    const downloads = () =>
      hub.requests().filter((q) => q.path.includes('/resolve/') && q.range === null).length;
    const before = downloads();
    now += 2 * H; // two more bars have closed
    const second = await src.fetchSince(first.bars.at(-1)!.time);
    expect(second.bars.map((b) => b.time)).toEqual([sample.time[n - 9], sample.time[n - 8]]);
    expect(downloads()).toBe(before); // same commit, same ETag: nothing downloaded again
  }, 60_000);
});
