/**
 * Bundles: the manifest that export writes, and every way the import check refuses a bundle
 * (wrong hash, missing file, bad JSON, traversal and other unsafe names, unknown format
 * version, oversized or lying entries, unlisted files, schema errors, payloads that do not
 * load) with nothing written; id clashes in the three modes; no access token in an export.
 */
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveArtifact } from '../store/artifacts';
import { failWritesWithQuota } from '../store/test-utils/quota-fake';
import type { ArtifactRecord, CandleLabDb, ModelRecord } from '../store/db';
import { loadModel, saveModel, serializedOf } from '../store/models';
import type { TrainResult } from '../train/train-job';
import { artifactFiles } from './artifact-files';
import { exportBundle } from './bundle';
import { checkBundle } from './check';
import { importBundle } from './import';
import { modelFiles, modelFromFiles } from './model-files';
import { ExportRefusedError, StorageFullError } from '../errors';
import { backtestRun, freshDb, saveTrained, T0, train } from './test-utils/fixtures';
import {
  bombStream,
  bytes,
  cpuMs,
  manifestOf,
  sha256,
  tamper,
  text,
  zipWith,
  type Files,
} from './test-utils/zip';

let gbc: TrainResult;
let sgdc: TrainResult;
let zip: Uint8Array;
let src: CandleLabDb;
let run: ArtifactRecord;
const NOW = T0 + 60_000;

beforeAll(async () => {
  [gbc, sgdc] = await Promise.all([
    train({ kind: 'gbc', params: { n_estimators: 5 }, now: T0 }),
    train({ kind: 'sgdc', params: { max_iter: 2 }, now: T0 + 1000 }),
  ]);
  src = freshDb('bundle-src');
  await saveTrained(src, gbc);
  await saveTrained(src, sgdc, { createdAt: T0 + 1000, parentId: gbc.modelId });
  run = await backtestRun({ now: T0 + 2000, modelId: gbc.modelId, bars: 300 });
  await saveArtifact(src, run);
  zip = await exportBundle(src, { models: 'all', artifacts: 'all', appVersion: '9.9.9', now: NOW });
});

async function counts(db: CandleLabDb) {
  return { models: await db.models.count(), artifacts: await db.artifacts.count() };
}

/** Imports a bad bundle into an empty db: refused with a problem matching `re`, nothing written. */
async function expectRefused(bad: Uint8Array, re: RegExp, limits?: Parameters<typeof checkBundle>[1]) {
  const db = freshDb('refused');
  const r = await importBundle(db, bad, { onClash: 'replace', limits });
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.problems.join('\n')).toMatch(re);
  expect(await counts(db)).toEqual({ models: 0, artifacts: 0 });
  return r.problems;
}

describe('per-item files', () => {
  it('a tree model is model.json (documented header) + model.bin (8-byte aligned blobs) + metrics.json', async () => {
    const rec = await src.models.get(gbc.modelId);
    const f = modelFiles(rec!);
    expect(Object.keys(f).sort()).toEqual(['metrics.json', 'model.bin', 'model.json']);
    const j = JSON.parse(text(f['model.json'])) as {
      format: string;
      payload: { name: string; offset: number; byteLength: number }[];
    };
    expect(j.format).toBe('tree-ensemble/1');
    for (const e of j.payload) {
      expect(e.offset % 8).toBe(0);
      expect(
        Buffer.from(f['model.bin'].subarray(e.offset, e.offset + e.byteLength)).equals(
          Buffer.from(rec!.payload[e.name]),
        ),
      ).toBe(true);
    }
    expect(modelFromFiles(f)).toEqual(serializedOf(rec!));
    expect(JSON.parse(text(f['metrics.json']))).toEqual(rec!.metrics);
  });

  it('an sgd model is model.json + weights.bin; a run is its files as UTF-8', async () => {
    const rec = await src.models.get(sgdc.modelId);
    const f = modelFiles(rec!);
    expect(Object.keys(f).sort()).toEqual(['metrics.json', 'model.json', 'weights.bin']);
    expect(modelFromFiles(f)).toEqual(serializedOf(rec!));
    const a = artifactFiles(run);
    expect(Object.keys(a).sort()).toEqual([
      'equity_curve.csv',
      'feature_importance.json',
      'predictions.csv',
      'prices.csv',
      'report.json',
      'trades.csv',
    ]);
    expect(text(a['trades.csv'])).toBe(run.files['trades.csv']);
  });
});

describe('manifest', () => {
  it('lists every file with its size and sha256, the configs and the dataset id and commit', () => {
    const files = unzipSync(zip);
    const m = manifestOf(files);
    expect(m).toMatchObject({
      format: 'candle-lab-bundle',
      format_version: 1,
      app_version: '9.9.9',
      created_at: new Date(NOW).toISOString(),
    });
    expect(m.entries.map((e) => e.path).sort()).toEqual(
      Object.keys(files)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    for (const e of m.entries) {
      expect(e.size).toBe(files[e.path].byteLength);
      expect(e.sha256).toBe(sha256(files[e.path]));
    }
    expect(m.models.map((x) => [x.id, x.kind, x.task, x.format, x.parent_id])).toEqual([
      [gbc.modelId, 'gbc', 'classification', 'tree-ensemble/1', undefined],
      [sgdc.modelId, 'sgdc', 'classification', 'sgd-linear/1', gbc.modelId],
    ]);
    expect(m.models[0].dataset).toMatchObject({
      id: 'sample/binance-ohlcv-1h-btc-eth',
      revision: 'main',
      commit: 'a'.repeat(40),
    });
    expect(m.models[0].config).toEqual(gbc.metrics.config);
    expect(m.artifacts[0]).toMatchObject({
      id: run.id,
      kind: 'backtest',
      model_id: gbc.modelId,
      summary: run.summary,
    });
    expect((m.artifacts[0].config as { fees_bps: number }).fees_bps).toBe(5);
    expect(m.artifacts[0].dataset.commit).toBe('a'.repeat(40));
  });

  it('exports a selection, and refuses unknown ids and an empty selection', async () => {
    const one = manifestOf(
      unzipSync(await exportBundle(src, { models: [sgdc.modelId], appVersion: 'x', now: NOW })),
    );
    expect(one.models.map((x) => x.id)).toEqual([sgdc.modelId]);
    expect(one.artifacts).toEqual([]);
    await expect(exportBundle(src, { models: ['nope'], appVersion: 'x' })).rejects.toThrow(
      /no model with id nope/,
    );
    await expect(exportBundle(src, { appVersion: 'x' })).rejects.toThrow(/Nothing to export/);
  });

  it('a good bundle passes the check, with the records it would write', async () => {
    const c = await checkBundle(zip);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    // everything but savedAt, which the importing device stamps
    const stored = await src.models.orderBy('createdAt').toArray();
    expect(c.plan.models).toEqual(stored.map(({ savedAt: _saved, ...r }) => r));
    expect(c.plan.artifacts).toEqual([run]);
  });
});

describe('a bad bundle is refused and nothing is written', () => {
  const gbcDir = () => `models/${gbc.modelId}`;

  it('wrong hash', async () => {
    const bad = tamper(zip, (f) => {
      const p = `artifacts/${run.id}/trades.csv`;
      f[p] = bytes(text(f[p]).replace(/,long,/, ',lonG,')); // same size, different bytes
    });
    await expectRefused(bad, /trades\.csv: sha256 does not match/);
  });

  it('missing file', async () => {
    await expectRefused(
      tamper(zip, (f) => delete f[`${gbcDir()}/model.bin`]),
      /model\.bin is listed in manifest\.json but missing/,
    );
    await expectRefused(
      tamper(zip, (f) => delete f['manifest.json']),
      /manifest\.json is missing/,
    );
  });

  it("a backtest's report.json without the run report's shape (results lost) is refused, naming it", async () => {
    const path = `artifacts/${run.id}/report.json`;
    const { results: _lost, ...rest } = JSON.parse(run.files['report.json']) as Record<string, unknown>;
    const problems = await expectRefused(
      tamper(zip, (f) => (f[path] = bytes(JSON.stringify(rest, null, 2))), { rehash: true }),
      /report\.json: results is missing or not an object/,
    );
    expect(problems.filter((p) => p.includes('report.json'))).toEqual([
      `${path}: results is missing or not an object`,
    ]);
    // the untouched bundle, whose report.json came from a real run, imports
    expect((await importBundle(freshDb('intact'), zip, { onClash: 'replace' })).ok).toBe(true);
  });

  it('bad JSON (with a correct hash), and JSON that breaks the schema', async () => {
    await expectRefused(
      tamper(zip, (f) => (f[`${gbcDir()}/metrics.json`] = bytes('{"model_id": ')), { rehash: true }),
      /metrics\.json is not valid JSON/,
    );
    await expectRefused(
      tamper(zip, (f) => (f[`artifacts/${run.id}/report.json`] = bytes('{"run_id":"other","config":1}')), {
        rehash: true,
      }),
      /run_id "other" does not match.*\n.*config must be an object/,
    );
    await expectRefused(
      tamper(
        zip,
        (f) =>
          (f[`${gbcDir()}/metrics.json`] = bytes(
            JSON.stringify({ ...gbc.metrics, model: { ...gbc.metrics.model, kind: 'rfc' } }),
          )),
        { rehash: true },
      ),
      /model\.kind "rfc" does not match gbc/,
    );
    await expectRefused(
      tamper(zip, (f) => (f['manifest.json'] = bytes('{"format": "candle-lab-bundle", '))),
      /manifest\.json is not valid JSON/,
    );
  });

  it('"../" and other unsafe paths', async () => {
    const add = (name: string) => tamper(zip, (f) => (f[name] = bytes('x')), { rehash: true });
    await expectRefused(add('../evil.txt'), /"\.\.\/evil\.txt": path traversal/);
    await expectRefused(add(`models/${gbc.modelId}/../../evil.json`), /path traversal/);
    await expectRefused(add('/etc/passwd'), /absolute path/);
    await expectRefused(add('C:/x.json'), /drive letter/);
    await expectRefused(add('models\\x\\model.json'), /backslash/);
    await expectRefused(add('notes.txt'), /not where a bundle keeps files/);
    await expectRefused(add(`models/${gbc.modelId}/.hidden`), /file name ".hidden"/);
  });

  it('unknown format or format version', async () => {
    await expectRefused(
      tamper(zip, (_, m) => (m.format_version = 2)),
      /format_version 2 was written by a newer version/,
    );
    await expectRefused(
      tamper(zip, (_, m) => ((m as { format: string }).format = 'other')),
      /not a Candle Lab bundle/,
    );
  });

  it('oversized entries, a zip bomb, and a lying size header', async () => {
    await expectRefused(zip, /unpacks to \d+ bytes, over the per-file limit of 1000/, {
      maxEntryBytes: 1000,
    });
    await expectRefused(zip, /unpacks to more than 5000 bytes/, { maxTotalBytes: 5000 });
    await expectRefused(zip, /the bundle is \d+ bytes, over the limit/, { maxBundleBytes: 100 });
    // 32 MiB of zeros deflate to ~32 KiB: refused from its declared size, never inflated
    const bomb = zipSync({
      'manifest.json': bytes('{}'),
      'models/x/weights.bin': new Uint8Array(32 * 1024 * 1024),
    });
    expect(bomb.byteLength).toBeLessThan(200_000);
    const t = performance.now();
    await expectRefused(bomb, /weights\.bin" unpacks to 33554432 bytes, over the per-file limit/, {
      maxEntryBytes: 1024 * 1024,
    });
    expect(performance.now() - t).toBeLessThan(1000);
    // the central directory claims 1,000 bytes: inflation stops at the first byte past it
    const files = unzipSync(zip);
    const big = `artifacts/${run.id}/equity_curve.csv`;
    const lying = zipSync(files);
    const name = bytes(big);
    for (let i = 0; i < lying.length - 46; i++) {
      if (
        lying[i] === 0x50 &&
        lying[i + 1] === 0x4b &&
        lying[i + 2] === 1 &&
        lying[i + 3] === 2 &&
        Buffer.from(lying.subarray(i + 46, i + 46 + name.length)).equals(Buffer.from(name))
      )
        new DataView(lying.buffer, lying.byteOffset).setUint32(i + 24, 1000, true);
    }
    await expectRefused(
      lying,
      /equity_curve\.csv" does not inflate to its declared 1000 bytes \(the zip header lies\)/,
    );
    // ~2 GB of deflate output declared as 1,000 bytes: refused within the first chunks, not after inflating it all
    const liar = zipWith(bombStream(8_000_000), 1000);
    const { ms } = await cpuMs(() =>
      expectRefused(
        liar,
        /weights\.bin" does not inflate to its declared 1000 bytes \(the zip header lies\)/,
      ),
    );
    expect(ms).toBeLessThan(1000);
  });

  it('files the manifest does not list, and a model that does not load', async () => {
    await expectRefused(
      tamper(zip, (f) => (f[`${gbcDir()}/extra.bin`] = bytes('x'))),
      /extra\.bin is in the bundle but not listed/,
    );
    await expectRefused(
      tamper(zip, (f) => (f['models/stowaway/model.json'] = bytes('{}')), { rehash: true }),
      /models\/stowaway\/ holds files but manifest\.json lists no such item/,
    );
    // a child index pointing backwards: hashes fixed up, so only deserialisation can catch it
    const corrupt = tamper(
      zip,
      (f) => {
        const j = JSON.parse(text(f[`${gbcDir()}/model.json`])) as {
          payload: { name: string; offset: number }[];
        };
        const left = j.payload.find((e) => e.name === 'left.i32')!;
        const bin = f[`${gbcDir()}/model.bin`].slice();
        new DataView(bin.buffer).setInt32(left.offset, 0, true);
        f[`${gbcDir()}/model.bin`] = bin;
      },
      { rehash: true },
    );
    await expectRefused(corrupt, /model\.bin: left\.i32\[0\] must point to children after the node/);
    await expectRefused(bytes('not a zip at all'), /not a readable zip file/);
  });

  it('a refused import leaves a populated database exactly as it was', async () => {
    const db = freshDb('populated');
    await saveTrained(db, gbc);
    const before = await db.models.toArray();
    const r = await importBundle(
      db,
      tamper(zip, (_, m) => (m.entries[0].sha256 = '0'.repeat(64))),
      { onClash: 'replace' },
    );
    expect(r.ok).toBe(false);
    expect(await db.models.toArray()).toEqual(before);
    expect(await db.artifacts.count()).toBe(0);
  });
});

describe('a write that exceeds the quota', () => {
  it('fails with a clear message and the one transaction leaves the database as it was', async () => {
    const db = freshDb('quota');
    await saveTrained(db, gbc);
    const before = await db.models.toArray();
    // the models are put first; the run's put then fails: the models must be rolled back too
    const restore = failWritesWithQuota((id) => id === run.id);
    let err: unknown;
    try {
      err = await importBundle(db, zip, { onClash: 'replace' }).catch((e: unknown) => e);
    } finally {
      restore();
    }
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toMatch(
      /^Storage is full: importing the bundle failed.*delete cached datasets or old runs/i,
    );
    expect(await db.models.toArray()).toEqual(before);
    expect(await db.artifacts.count()).toBe(0);
  });
});

describe('id clashes', () => {
  async function populated(): Promise<CandleLabDb> {
    const db = freshDb('clash');
    // same ids as the bundle, different contents, so we can tell which one is kept
    await saveModel(db, {
      id: gbc.modelId,
      serialized: gbc.serialized,
      metrics: { ...gbc.metrics, app_version: 'mine' },
      createdAt: 1,
      dataset: 'mine',
      symbols: [],
    });
    await saveArtifact(db, { ...run, summary: { note: 'mine' } });
    return db;
  }

  it('skip keeps what is there and adds the rest', async () => {
    const db = await populated();
    const r = await importBundle(db, zip, { onClash: 'skip' });
    expect(r).toMatchObject({
      ok: true,
      skipped: { models: [gbc.modelId], artifacts: [run.id] },
      added: { models: [sgdc.modelId], artifacts: [] },
    });
    expect((await db.models.get(gbc.modelId))!.metrics.app_version).toBe('mine');
    expect((await db.artifacts.get(run.id))!.summary).toEqual({ note: 'mine' });
  });

  it('replace overwrites', async () => {
    const db = await populated();
    const r = await importBundle(db, zip, { onClash: 'replace', now: () => T0 + 99_000 });
    expect(r).toMatchObject({
      ok: true,
      replaced: { models: [gbc.modelId], artifacts: [run.id] },
      added: { models: [sgdc.modelId] },
    });
    expect(await db.models.get(gbc.modelId)).toEqual({
      ...(await src.models.get(gbc.modelId)),
      savedAt: T0 + 99_000,
    });
    expect(await db.artifacts.get(run.id)).toEqual(run);
  });

  it('keep-both imports under new ids and rewrites the ids inside, consistently', async () => {
    const db = await populated();
    const r = await importBundle(db, zip, { onClash: 'keep-both' });
    const newModel = `${gbc.modelId}_imported`;
    const newRun = `${run.id}_imported`;
    expect(r).toMatchObject({
      ok: true,
      renamed: { models: [{ from: gbc.modelId, to: newModel }], artifacts: [{ from: run.id, to: newRun }] },
      added: { models: [newModel, sgdc.modelId], artifacts: [newRun] },
    });
    expect((await db.models.get(gbc.modelId))!.metrics.app_version).toBe('mine');
    const m = (await db.models.get(newModel)) as ModelRecord;
    expect(m.metrics.model_id).toBe(newModel);
    expect(m.payload).toEqual(gbc.serialized.payload);
    // the sgdc's parent was renamed in the same import
    expect((await db.models.get(sgdc.modelId))!.parentId).toBe(newModel);
    const a = (await db.artifacts.get(newRun)) as ArtifactRecord;
    expect(a.modelId).toBe(newModel);
    const report = JSON.parse(a.files['report.json']) as {
      run_id: string;
      config: { model: { model_id: string } };
    };
    expect([report.run_id, report.config.model.model_id]).toEqual([newRun, newModel]);
    expect(a.files['report.json']).not.toMatch(new RegExp(`"${gbc.modelId}"`)); // no reference left to the old id
    expect(a.files['report.json']).toBe(JSON.stringify(report, null, 2)); // same indentation as written
    expect(a.files['equity_curve.csv']).toBe(run.files['equity_curve.csv']);
    expect(a.summary.model_id).toBe(newModel);
    const loaded = await loadModel(db, newModel);
    expect(loaded.model.kind).toBe('gbc');
    // and a third copy gets the next free id
    const again = await importBundle(db, zip, { onClash: 'keep-both' });
    expect(again.ok && again.renamed.models.map((x) => x.to)).toEqual([
      `${gbc.modelId}_imported_2`,
      `${sgdc.modelId}_imported`,
    ]);
    expect((await db.models.get(`${sgdc.modelId}_imported`))!.parentId).toBe(`${gbc.modelId}_imported_2`);
  });
});

describe('the access token is never exported', () => {
  it('refuses a record carrying an hf_ token or a credential field, without repeating it', async () => {
    const db = freshDb('token');
    const planted = 'hf_AbCdEfGh12345678';
    await saveModel(db, {
      id: 'leaky',
      serialized: gbc.serialized,
      metrics: {
        ...gbc.metrics,
        model_id: 'leaky',
        dataset: { ...gbc.metrics.dataset!, hubUrl: `https://hub?token=${planted}` },
      },
      createdAt: 1,
      dataset: 'd',
      symbols: [],
    });
    await saveArtifact(db, { ...run, id: 'leaky_run', summary: { config: { accessToken: 'secret-ish' } } });
    const leaky = await db.models.get('leaky');
    const err = await exportBundle(db, { models: ['leaky'], appVersion: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportRefusedError);
    expect((err as Error).message).toMatch(
      /models\/leaky\/metrics\.json contains what looks like a Hugging Face access token/,
    );
    expect((err as Error).message).not.toContain(planted);
    expect(() => modelFiles(leaky!)).toThrow(ExportRefusedError); // the single-file download too
    await expect(exportBundle(db, { artifacts: ['leaky_run'], appVersion: 'x' })).rejects.toThrow(
      /manifest\.json has a credential field "accessToken"/,
    );
    // and the clean part of the same database exports fine
    await saveTrained(db, gbc);
    const ok = unzipSync(await exportBundle(db, { models: [gbc.modelId], appVersion: 'x' }));
    for (const b of Object.values(ok as Files))
      expect(/hf_[A-Za-z0-9]{8,}/.test(Buffer.from(b).toString('latin1'))).toBe(false);
  });
});
