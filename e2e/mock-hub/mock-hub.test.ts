/**
 * The mock hub answers the real @huggingface/hub client the way the Hub does: listing, info,
 * downloads of the real sample parquet (read back with parquet-wasm), the CSV-only view (its
 * files rebuilt from that parquet, byte for byte the published ones), range reads, 401 for a
 * private dataset, 404s, CORS, and test-only failure injection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { datasetInfo, downloadFile, fileDownloadInfo, HubApiError, listFiles } from '@huggingface/hub';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { SAMPLE_DATASET_DIR, startMockHub } from './server.mjs';
import { pythonFloat, publishedTime } from './sample-csv.mjs';

const PARQUET = 'data/train-00000-of-00001.parquet';
const PUBLIC = 'lab/binance-ohlcv-1h-btc-eth';
const PRIVATE = 'lab/binance-private';
const TOKEN = 'hf_test_token';

let hub: Awaited<ReturnType<typeof startMockHub>>;
beforeAll(async () => {
  hub = await startMockHub({ port: 0 });
});
afterAll(async () => {
  await hub?.close();
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mock hub with the real @huggingface/hub client', () => {
  it('lists the dataset files recursively with sizes, oids and lfs info', async () => {
    const files = await collect(
      listFiles({ repo: { type: 'dataset', name: PUBLIC }, recursive: true, hubUrl: hub.url }),
    );
    const byPath = new Map(files.map((f) => [f.path, f]));
    // the sample as the repo ships it (public/sample/binance-ohlcv-1h-btc-eth)
    expect([...byPath.keys()].sort()).toEqual(['README.md', 'data', PARQUET]);
    const pq = byPath.get(PARQUET)!;
    expect(pq.type).toBe('file');
    expect(pq.size).toBe(2325747);
    expect(pq.lfs?.oid).toBe('75af62339c969678774bbd71f0698f7752d03477313b3b5afa2eaf8c41545aca');
    expect(pq.oid).toMatch(/^[0-9a-f]{40}$/);
    expect(byPath.get('data')!.type).toBe('directory');
    expect(byPath.get('README.md')!.lfs).toBeUndefined();
    // non-recursive lists only the top level
    const top = await collect(listFiles({ repo: { type: 'dataset', name: PUBLIC }, hubUrl: hub.url }));
    expect(top.map((f) => f.path).sort()).toEqual(['README.md', 'data']);
  });

  it('resolves info with a stable 40-hex commit sha', async () => {
    const info = await datasetInfo({ name: PUBLIC, hubUrl: hub.url, additionalFields: ['sha'] });
    expect(info.name).toBe(PUBLIC);
    expect(info.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(info.sha).toBe(hub.datasets.find((d) => d.id === PUBLIC)!.sha);
    const again = await startMockHub({ port: 0 });
    try {
      expect(again.datasets.find((d) => d.id === PUBLIC)!.sha).toBe(info.sha);
    } finally {
      await again.close();
    }
    // the sha itself is a valid revision
    const files = await collect(
      listFiles({
        repo: { type: 'dataset', name: PUBLIC },
        revision: info.sha,
        path: 'data',
        hubUrl: hub.url,
      }),
    );
    expect(files.map((f) => f.path)).toEqual([PARQUET]);
  });

  it('downloads the parquet (xet off) and parquet-wasm reads 75,320 rows', async () => {
    const blob = await downloadFile({
      repo: { type: 'dataset', name: PUBLIC },
      path: PARQUET,
      hubUrl: hub.url,
      xet: false,
    });
    expect(blob).not.toBeNull();
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect(bytes.length).toBe(2325747);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '75af62339c969678774bbd71f0698f7752d03477313b3b5afa2eaf8c41545aca',
    );
    const table = tableFromIPC(readParquet(bytes).intoIPCStream());
    expect(table.numRows).toBe(75320);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'timestamp',
      'symbol',
      'open',
      'high',
      'low',
      'close',
      'volume',
    ]);
  });

  it('answers range reads with 206, clamps past EOF and refuses a start past the end', async () => {
    const url = `${hub.url}/datasets/${PUBLIC}/resolve/main/${PARQUET}`;
    const head = await fetch(url, { headers: { Range: 'bytes=0-3' } });
    expect(head.status).toBe(206);
    expect(await head.text()).toBe('PAR1');
    expect(head.headers.get('content-range')).toBe('bytes 0-3/2325747');
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('etag')).toBe(
      '"75af62339c969678774bbd71f0698f7752d03477313b3b5afa2eaf8c41545aca"',
    );
    expect(head.headers.get('x-repo-commit')).toMatch(/^[0-9a-f]{40}$/);

    const past = await fetch(url, { headers: { Range: 'bytes=2325740-2400000' } });
    expect(past.status).toBe(206);
    expect(past.headers.get('content-range')).toBe('bytes 2325740-2325746/2325747');
    const tail = new Uint8Array(await past.arrayBuffer());
    expect(tail.length).toBe(7);
    expect(new TextDecoder().decode(tail.slice(3))).toBe('PAR1');

    const suffix = await fetch(url, { headers: { Range: 'bytes=-4' } });
    expect(suffix.status).toBe(206);
    expect(await suffix.text()).toBe('PAR1');
    const open = await fetch(url, { headers: { Range: 'bytes=2325743-' } });
    expect(await open.text()).toBe('PAR1');

    const bad = await fetch(url, { headers: { Range: 'bytes=2325747-' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */2325747');

    const full = await fetch(url, { method: 'HEAD' });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe('2325747');

    // git-blob etag for a small text file, as the Hub does for non-LFS files
    const csvInfo = await fileDownloadInfo({
      repo: { type: 'dataset', name: PUBLIC },
      path: 'README.md',
      hubUrl: hub.url,
    });
    const readme = readFileSync(path.join(SAMPLE_DATASET_DIR, 'README.md'));
    const gitOid = createHash('sha1').update(`blob ${readme.length}\0`).update(readme).digest('hex');
    expect(csvInfo?.etag).toBe(`"${gitOid}"`);
    expect(csvInfo?.size).toBe(readme.length);
  });

  it('protects the private dataset: 401 without a token, success with hf_test_token', async () => {
    const repo = { type: 'dataset' as const, name: PRIVATE };
    await expect(collect(listFiles({ repo, recursive: true, hubUrl: hub.url }))).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(
      collect(listFiles({ repo, recursive: true, hubUrl: hub.url, accessToken: 'hf_wrong_token' })),
    ).rejects.toBeInstanceOf(HubApiError);
    const raw = await fetch(`${hub.url}/datasets/${PRIVATE}/resolve/main/${PARQUET}`, {
      headers: { Range: 'bytes=0-3' },
    });
    expect(raw.status).toBe(401);

    const files = await collect(listFiles({ repo, recursive: true, hubUrl: hub.url, accessToken: TOKEN }));
    expect(files.some((f) => f.path === PARQUET)).toBe(true);
    const blob = await downloadFile({
      repo,
      path: 'README.md',
      hubUrl: hub.url,
      accessToken: TOKEN,
      xet: false,
    });
    expect(await blob!.text()).toBe(readFileSync(path.join(SAMPLE_DATASET_DIR, 'README.md'), 'utf8'));
  });

  it('answers 404 with the Hub error codes', async () => {
    const missingRepo = await fetch(`${hub.url}/api/datasets/lab/nope/tree/main`);
    expect(missingRepo.status).toBe(404);
    expect(missingRepo.headers.get('x-error-code')).toBe('RepoNotFound');
    const missingRev = await fetch(`${hub.url}/api/datasets/${PUBLIC}/revision/v9`);
    expect(missingRev.status).toBe(404);
    expect(missingRev.headers.get('x-error-code')).toBe('RevisionNotFound');
    const missingFile = await fetch(`${hub.url}/datasets/${PUBLIC}/resolve/main/data/nope.parquet`);
    expect(missingFile.status).toBe(404);
    expect(missingFile.headers.get('x-error-code')).toBe('EntryNotFound');
    // the client maps EntryNotFound to null
    expect(
      await downloadFile({
        repo: { type: 'dataset', name: PUBLIC },
        path: 'nope.csv',
        hubUrl: hub.url,
        xet: false,
      }),
    ).toBeNull();
  });

  it('serves the CSV-only view and its refs/convert/parquet layout', async () => {
    const repo = { type: 'dataset' as const, name: 'lab/binance-csv' };
    const files = await collect(listFiles({ repo, recursive: true, hubUrl: hub.url }));
    expect(files.filter((f) => f.type === 'file').map((f) => f.path)).toEqual([
      'README.md',
      'csv/BTCUSDT_1h.csv',
      'csv/ETHUSDT_1h.csv',
    ]);
    // the CSV files, rebuilt from the shipped parquet at start-up, are byte for byte the
    // published ones: the sha256 listed in the sample's README
    const readme = readFileSync(path.join(SAMPLE_DATASET_DIR, 'README.md'), 'utf8');
    for (const name of ['BTCUSDT_1h.csv', 'ETHUSDT_1h.csv']) {
      const published = new RegExp(`csv/${name} ([0-9a-f]{64})`).exec(readme)?.[1];
      expect(published, name).toMatch(/^[0-9a-f]{64}$/);
      const blob = await downloadFile({ repo, path: `csv/${name}`, hubUrl: hub.url, xet: false });
      const bytes = new Uint8Array(await blob!.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(published);
      expect(files.find((f) => f.path === `csv/${name}`)?.size).toBe(bytes.length);
    }
    const btc = await downloadFile({ repo, path: 'csv/BTCUSDT_1h.csv', hubUrl: hub.url, xet: false });
    expect(
      (await btc!.text()).startsWith('Date,Open,High,Low,Close,Volume\n2020-01-01 00:00:00+00:00,7189.43'),
    ).toBe(true);
    const conv = await datasetInfo({
      name: 'lab/binance-csv',
      revision: 'refs/convert/parquet',
      hubUrl: hub.url,
      additionalFields: ['sha'],
    });
    const converted = await collect(
      listFiles({ repo, recursive: true, revision: conv.sha, hubUrl: hub.url }),
    );
    expect(converted.filter((f) => f.type === 'file').map((f) => f.path)).toEqual([
      'default/train/0000.parquet',
    ]);
    // the client encodes the revision in resolve URLs
    const info = await fileDownloadInfo({
      repo,
      path: 'default/train/0000.parquet',
      revision: 'refs/convert/parquet',
      hubUrl: hub.url,
    });
    expect(info?.size).toBe(2325747);
  });

  it('sends CORS headers and answers preflights', async () => {
    const pre = await fetch(`${hub.url}/datasets/${PUBLIC}/resolve/main/${PARQUET}`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Range/);
    const get = await fetch(`${hub.url}/datasets/${PUBLIC}/resolve/main/README.md`);
    const exposed = get.headers.get('access-control-expose-headers') ?? '';
    for (const h of [
      'ETag',
      'Content-Range',
      'Content-Length',
      'X-Repo-Commit',
      'X-Error-Code',
      'Accept-Ranges',
    ]) {
      expect(exposed).toContain(h);
    }
  });

  it('injects failures N times through the control endpoint, then recovers', async () => {
    const r = await fetch(`${hub.url}/__mock/fail`, {
      method: 'POST',
      body: JSON.stringify({ path: '/resolve/main/README.md', status: 500, times: 2 }),
    });
    expect(r.status).toBe(200);
    const url = `${hub.url}/datasets/${PUBLIC}/resolve/main/README.md`;
    expect((await fetch(url)).status).toBe(500);
    expect((await fetch(url)).status).toBe(500);
    expect((await fetch(url)).status).toBe(200);
    hub.fail({ path: '/tree/', status: 429, times: 1 });
    const limited = await fetch(`${hub.url}/api/datasets/${PUBLIC}/tree/main`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('0');
    expect((await fetch(`${hub.url}/api/datasets/${PUBLIC}/tree/main`)).status).toBe(200);
  });
});

describe('the CSV files rebuilt from the parquet', () => {
  it('print numbers as Python repr() does and times as published', () => {
    // expected strings from CPython's repr() of the same floats
    const cases: [number, string][] = [
      [7225, '7225.0'],
      [2449.049, '2449.049'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.0001, '0.0001'],
      [1e-5, '1e-05'],
      [-12.5e-5, '-0.000125'],
      [1.5e-7, '1.5e-07'],
      [1234567890123456, '1234567890123456.0'],
      [1e16, '1e+16'],
      [1.5e16, '1.5e+16'],
      [-0, '-0.0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
    ];
    expect(cases.map(([x]) => pythonFloat(x))).toEqual(cases.map(([, s]) => s));
    expect(publishedTime(Date.UTC(2024, 3, 18, 3))).toBe('2024-04-18 03:00:00+00:00');
  });
});
