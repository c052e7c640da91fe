/** The Dexie file cache on fake-indexeddb: put/get/find/list/delete with sizes, resolutions. */
import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openCandleLabDb } from './db';
import { createFileCache } from './file-cache';
import type { CachedResolution } from '../data/cache';

const key = {
  hubUrl: 'http://hub',
  dataset: 'lab/a',
  commit: 'c'.repeat(40),
  path: 'data/x.parquet',
  etag: '"e1"',
};

describe('file cache', () => {
  it('stores, finds, lists and deletes files with sizes', async () => {
    const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `fc-${Math.random()}` });
    let t = 1000;
    const cache = createFileCache(db, { now: () => t++ });
    expect(await cache.getFile(key)).toBeUndefined();
    await cache.putFile(key, Uint8Array.of(1, 2, 3));
    await cache.putFile({ ...key, path: 'data/y.parquet' }, new Uint8Array(10));
    await cache.putFile({ ...key, dataset: 'lab/b' }, new Uint8Array(5));
    expect(Array.from((await cache.getFile(key))!)).toEqual([1, 2, 3]);
    expect(await cache.getFile({ ...key, etag: '"other"' })).toBeUndefined();
    expect(
      (await cache.findFile({ hubUrl: key.hubUrl, dataset: key.dataset, commit: key.commit, path: key.path }))
        ?.etag,
    ).toBe('"e1"');
    expect(
      (await cache.listFiles({ hubUrl: 'http://hub', dataset: 'lab/a' })).map((f) => [f.path, f.size]),
    ).toEqual([
      ['data/x.parquet', 3],
      ['data/y.parquet', 10],
    ]);
    const ds = await cache.listDatasets();
    expect(ds.map((d) => [d.dataset, d.files, d.bytes])).toEqual([
      ['lab/a', 2, 13],
      ['lab/b', 1, 5],
    ]); // most recently used first: lab/a was read after lab/b was stored
    expect(await cache.totalBytes()).toBe(18);
    await cache.deleteFile({ ...key, path: 'data/y.parquet' });
    expect(await cache.totalBytes()).toBe(8);
    expect(await cache.deleteDataset('http://hub', 'lab/a')).toBe(3);
    expect(await cache.getFile(key)).toBeUndefined();
    await cache.clear();
    expect(await cache.listDatasets()).toEqual([]);
    db.close();
  });

  it('remembers resolutions', async () => {
    const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `fc-${Math.random()}` });
    const cache = createFileCache(db);
    const rk = { hubUrl: 'http://hub', dataset: 'lab/a', revision: 'main', selector: '[null,null,null]' };
    const value: CachedResolution = {
      hubUrl: 'http://hub',
      dataset: 'lab/a',
      revision: 'main',
      commit: key.commit,
      filesCommit: key.commit,
      source: 'parquet',
      files: [{ path: key.path, size: 3, format: 'parquet' }],
      found: [key.path],
      etags: { [key.path]: '"e1"' },
    };
    await cache.putResolution(rk, value);
    expect(await cache.getResolution(rk)).toEqual(value);
    expect(await cache.getResolution({ ...rk, revision: 'v1' })).toBeUndefined();
    db.close();
  });
});
