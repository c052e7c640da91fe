/**
 * The streaming CSV parser against the whole-text path (decodeCsv + assembleColumns): the same
 * bars, validation reports, CSV report, mapping and timestamps, and the same errors, however the
 * bytes are cut into chunks (inside rows, inside multi-byte characters, between CR and LF).
 * And local loads report byte progress that only goes up, ending at 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleColumns, type AssembleOptions } from './assemble';
import type { Bars } from './bars';
import { decodeCsv } from './csv';
import { CsvStreamParser } from './csv-stream';
import { loadLocalFile, loadLocalSource } from './load';
import type { ParquetWasmModule } from './parquet';
import { symbolFromFileName } from './symbols';
import { validateBars } from './validate';
import { createCancelFlag, type Progress } from '../util/progress';
import { CancelledError } from '../errors';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE_PARQUET = path.resolve(
  here,
  '../../../public/sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet',
);
const enc = (s: string) => new TextEncoder().encode(s);

let parquet: ParquetWasmModule;
let sampleBars: Map<string, Bars>;
beforeAll(async () => {
  parquet = await import('parquet-wasm/node');
  sampleBars = loadLocalFile('sample.parquet', new Uint8Array(readFileSync(SAMPLE_PARQUET)), {
    parquet,
  }).bars;
});

/** A seeded generator (mulberry32), so a failing chunking can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;

/**
 * The real sample as one CSV file: a BOM, CRLF line ends, both symbols interleaved by time, a
 * free-text column with multi-byte characters (some cells quoted, holding the delimiter and
 * doubled quotes), a few garbage lines and blank lines.
 */
function sampleCsv(maxRows = Infinity): string {
  const btc = sampleBars.get('BTC/USDT')!;
  const eth = sampleBars.get('ETH/USDT')!;
  const out = ['\uFEFFtimestamp,symbol,open,high,low,close,volume,note'];
  const n = Math.min(btc.time.length, maxRows);
  for (let i = 0; i < n; i++) {
    for (const [sym, b] of [
      ['BTCUSDT', btc],
      ['ETHUSDT', eth],
    ] as const) {
      const note = i % 7 === 0 ? `"Zürich, “${i}” ""€"""` : i % 5 === 0 ? 'naïve ✓ 𝄞' : '';
      out.push(
        `${iso(b.time[i])},${sym},${b.open[i]},${b.high[i]},${b.low[i]},${b.close[i]},${b.volume[i]},${note}`,
      );
    }
    if (i === 3) out.push('garbage without fields ✗');
    if (i === 10) out.push('');
    if (i === 11) out.push('   ');
    if (i === 12) out.push(',,,,,,,');
    if (i === 20) out.push('2020-01-01 00:00:00+00:00,BTCUSDT,1,2,3');
  }
  return out.join('\r\n') + '\r\n';
}

function wholeFile(name: string, bytes: Uint8Array, opts: AssembleOptions) {
  const table = decodeCsv(bytes, { source: name });
  const assembled = assembleColumns([{ table, fileSymbol: symbolFromFileName(name) }], opts);
  return { report: table.report, ...assembled };
}

function streamed(name: string, bytes: Uint8Array, opts: AssembleOptions, nextSize: () => number) {
  const p = new CsvStreamParser({ ...opts, source: name, fileSymbol: symbolFromFileName(name) });
  for (let at = 0; at < bytes.length;) {
    const size = Math.max(1, nextSize());
    p.push(bytes.subarray(at, at + size));
    at += size;
  }
  return p.finish();
}

type Parsed = ReturnType<typeof wholeFile>;

function expectSame(a: Parsed, b: Parsed) {
  expect(b.report).toEqual(a.report);
  expect(b.mappings).toEqual(a.mappings);
  expect(b.timestamps).toEqual(a.timestamps);
  expect(b.volumeMissing).toBe(a.volumeMissing);
  expect(b.rowsWithoutSymbol).toBe(a.rowsWithoutSymbol);
  expect(b.columns.map((c) => c.symbol)).toEqual(a.columns.map((c) => c.symbol));
  for (let s = 0; s < a.columns.length; s++) {
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const x = a.columns[s][k];
      const y = b.columns[s][k];
      expect(y.length, k).toBe(x.length);
      expect(
        x.every((v, i) => Object.is(v, y[i])),
        `${a.columns[s].symbol} ${k}`,
      ).toBe(true);
    }
    const va = validateBars(a.columns[s]);
    const vb = validateBars(b.columns[s]);
    expect(vb.report).toEqual(va.report);
  }
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected an error');
}

describe('streaming CSV', () => {
  it('gives the whole-file bars and reports on the real sample, in random chunk sizes', () => {
    const bytes = enc(sampleCsv());
    const want = wholeFile('sample.csv', bytes, {});
    expect(want.report).toMatchObject({ rows: 75_320, garbageLines: 2, hadBom: true, hasHeader: true });
    expect(want.columns.map((c) => c.time.length)).toEqual([37_660, 37_660]);
    const random = rng(1);
    expectSame(
      want,
      streamed('sample.csv', bytes, {}, () => Math.floor(random() * 3000)),
    );
    // tiny chunks: every CRLF and every multi-byte character is split somewhere
    const head = enc(sampleCsv(400));
    const wantHead = wholeFile('sample.csv', head, {});
    for (const size of [1, 2, 3])
      expectSame(
        wantHead,
        streamed('sample.csv', head, {}, () => size),
      );
    const r2 = rng(2);
    expectSame(
      wantHead,
      streamed('sample.csv', head, {}, () => Math.floor(r2() * 9)),
    );
  });

  it('cuts inside multi-byte characters and between CR and LF', () => {
    const text =
      '\uFEFFtime,open,high,low,close,note\r\n2024-01-01T00:00:00Z,1,2,0.5,1.5,€𝄞\r\n2024-01-01T01:00:00Z,1,2,0.5,1.5,ü\r\n';
    const bytes = enc(text);
    const want = wholeFile('BTCUSDT_1h.csv', bytes, {});
    for (let cut = 1; cut < bytes.length; cut++) {
      let first = true;
      expectSame(
        want,
        streamed('BTCUSDT_1h.csv', bytes, {}, () => {
          const s = first ? cut : bytes.length;
          first = false;
          return s;
        }),
      );
    }
  });

  const cases: [string, string, string, AssembleOptions][] = [
    [
      'headerless epoch seconds, semicolons',
      'ETHUSDT.csv',
      '1704067200;1;2;0.5;1.5;10\n1704070800;1;2;0.5;1.6;11\n',
      {},
    ],
    [
      'epoch ms, forced unit',
      'BTCUSDT.csv',
      't,o,h,l,c\n1704067200000,1,2,0.5,1.5\n\n1704070800000,1,2,0.5,1.5',
      { timestampUnit: 'ms' },
    ],
    [
      'tabs and CR line ends',
      'SOLUSDT.tsv',
      'Date\tOpen\tHigh\tLow\tClose\r2024-01-01\t1\t2\t0.5\t1.5\r2024-01-02\t1\t2\t0.5\t1.5\r',
      {},
    ],
    [
      'quoted cells, escaped quotes, a newline inside quotes',
      'x.csv',
      '"time","pair","open","high","low","close","volume"\n"2024-01-01 00:00:00","BTC-USDT","1","2","0.5","1.5","3"\n"2024-01-01 01:00:00","BTC-USDT","1","2",0.5,"1.5","a ""b""\nc"\n',
      {},
    ],
    [
      'symbols in a column: several spellings, empty ones, a filter',
      'mixed.csv',
      'time,pair,open,high,low,close\n2024-01-01T00:00:00Z,BTCUSDT,1,2,0.5,1.5\n2024-01-01T01:00:00Z,btc/usdt,1,2,0.5,1.5\n2024-01-01T00:00:00Z,ETH-USDT,1,2,0.5,1.5\n2024-01-01T02:00:00Z, ,1,2,0.5,1.5\n2024-01-01T02:00:00Z,BTCUSDT,1,2,0.5,1.5\n',
      { symbols: ['ethusdt'] },
    ],
    [
      'numeric symbols read as numbers',
      'n.csv',
      'time,symbol,open,high,low,close\n1704067200,07,1,2,0.5,1.5\n1704067200,8,1,2,0.5,1.5\n1704070800,07,1,2,0.5,1.5\n',
      {},
    ],
    [
      'unreadable and offset times',
      'BTCUSDT.csv',
      'date,open,high,low,close\nnot a date,1,2,0.5,1.5\n2024-01-01T05:30+05:30,1,2,0.5,1.5\n2024-01-01 01:00:00.250Z,1,2,0.5,1.5\n2024-13-01,1,2,0.5,1.5\n',
      {},
    ],
    [
      'numbers the fast path hands to Number()',
      'BTCUSDT.csv',
      'time,open,high,low,close,volume\n1e9,1e2,0x10, 2.5 ,1234567890123456789,-0\n1e9,.5,5.,+3,-.25,Infinity\n1e9,123456789.123456,0.0000000000001234,98765.43210987654,1.797693134862315,12345678901234.5\n',
      {},
    ],
  ];
  for (const [title, name, text, opts] of cases) {
    it(title, () => {
      const bytes = enc(text);
      const want = wholeFile(name, bytes, opts);
      for (const size of [1, 2, 3, 5, 1 << 20])
        expectSame(
          want,
          streamed(name, bytes, opts, () => size),
        );
    });
  }

  const failures: [string, string, string, AssembleOptions][] = [
    ['no text', 'BTCUSDT.csv', ' \r\n\t\n', {}],
    ['only empty fields', 'BTCUSDT.csv', ',,\n,,\n', {}],
    ['a header without rows', 'BTCUSDT.csv', 'Date,Open,High,Low,Close,Volume\n', {}],
    ['no close column', 'x_BTCUSDT.csv', 'Date,Open,High,Low,Volume\n2020-01-01,1,2,0.5,3\n', {}],
    ['unreadable times', 'BTCUSDT.csv', 'Date,Open,High,Low,Close\nyesterday,1,2,0.5,1.5\n', {}],
    [
      'dates before 1990',
      'BTCUSDT.csv',
      'Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n1970-01-02,1,2,0.5,1.5\n',
      {},
    ],
    [
      'epoch units mixed',
      'BTCUSDT.csv',
      't,o,h,l,c\n1704067200,1,2,0.5,1.5\n1704070800000,1,2,0.5,1.5\n1704074400,1,2,0.5,1.5\n',
      {},
    ],
    [
      'epoch units mixed, unit forced',
      'BTCUSDT.csv',
      't,o,h,l,c\n1704067200,1,2,0.5,1.5\n1704070800000,1,2,0.5,1.5\n',
      { timestampUnit: 's' },
    ],
    [
      'epoch dates in the future',
      'BTCUSDT.csv',
      't,o,h,l,c\n1704067200,1,2,0.5,1.5\n9704070800,1,2,0.5,1.5\n',
      {},
    ],
    [
      'an unknown symbol',
      'BTCUSDT.csv',
      'Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n',
      { symbols: ['SOLUSDT'] },
    ],
    ['no symbol anywhere', '2020.csv', 'Date,Open,High,Low,Close\n2020-01-01,1,2,0.5,1.5\n', {}],
  ];
  for (const [title, name, text, opts] of failures) {
    it(`fails like the whole-file path: ${title}`, () => {
      const bytes = enc(text);
      const want = errorOf(() => {
        const r = wholeFile(name, bytes, opts);
        r.columns.forEach((c) => validateBars(c));
      });
      for (const size of [1, 4, 1 << 20]) {
        const got = errorOf(() =>
          streamed(name, bytes, opts, () => size).columns.forEach((c) => validateBars(c)),
        );
        expect(got).toEqual(want);
      }
    });
  }
});

describe('local loads report byte progress', () => {
  function collect() {
    const seen: Progress[] = [];
    return { seen, onProgress: (p: Progress) => seen.push(p) };
  }
  function expectRisingToOne(seen: Progress[], total: number) {
    const fractions = seen.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    const reads = seen.filter((p) => p.stage === 'read');
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.at(-1)!.detail).toEqual({ loaded: total, total });
    expect(seen.map((p) => p.stage).filter((s, i, a) => s !== a[i - 1])).toEqual(
      expect.arrayContaining(['read', 'validate', 'done']),
    );
  }

  it('a CSV File (Blob), parsed while it is read, equals loading its bytes at once', async () => {
    const bytes = enc(sampleCsv(2000));
    const { seen, onProgress } = collect();
    const r = await loadLocalSource('sample.csv', new Blob([bytes]), { chunkBytes: 4096 }, onProgress);
    expectRisingToOne(seen, bytes.length);
    expect(seen.some((p) => p.stage === 'decode')).toBe(false);
    const at0nce = loadLocalFile('sample.csv', bytes);
    expect(r.summary.validation).toEqual(at0nce.summary.validation);
    expect(r.summary.files[0]).toEqual(at0nce.summary.files[0]);
    expect(r.summary.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('a parquet File: read with progress, then decoded', async () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE_PARQUET));
    const { seen, onProgress } = collect();
    const r = await loadLocalSource(
      'sample.parquet',
      new Blob([bytes]),
      { parquet, chunkBytes: 65_536 },
      onProgress,
    );
    expectRisingToOne(seen, bytes.length);
    expect(seen.some((p) => p.stage === 'decode')).toBe(true);
    expect(r.summary.files[0]).toMatchObject({ format: 'parquet', size: bytes.length, rows: 75_320 });
  });

  it('stops between chunks when cancelled', async () => {
    const flag = createCancelFlag();
    const seen: number[] = [];
    const load = loadLocalSource(
      'sample.csv',
      new Blob([enc(sampleCsv(2000))]),
      { chunkBytes: 4096, cancel: flag },
      (p) => {
        seen.push(p.fraction);
        if (p.fraction > 0.2) flag.cancel();
      },
    );
    await expect(load).rejects.toBeInstanceOf(CancelledError);
    expect(Math.max(...seen)).toBeLessThan(0.3);
  });

  it('an empty file is refused before anything is parsed', async () => {
    await expect(loadLocalSource('BTCUSDT.csv', new Blob([]))).rejects.toThrow(/empty.*0 bytes/);
  });
});
