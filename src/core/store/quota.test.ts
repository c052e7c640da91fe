/** Storage safety: quota errors recognised in their wrappers, a clear message, existing data intact. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { deleteArtifact, getArtifact, listArtifacts, saveArtifact } from './artifacts';
import { openCandleLabDb, type ArtifactRecord } from './db';
import { StorageFullError } from '../errors';
import { guardStorage, isQuotaError, storageStatus } from './quota';
import { failWritesWithQuota } from './test-utils/quota-fake';

const run = (id: string, createdAt: number): ArtifactRecord => ({
  id,
  kind: 'backtest',
  createdAt,
  summary: { total_return_pct: 1.5 },
  files: { 'report.json': `{"run_id":"${id}","config":{}}`, 'trades.csv': 'symbol\r\né\r\n' },
  modelId: 'm1',
});

describe('quota errors', () => {
  it('are recognised bare and inside Dexie-style wrappers, and nothing else is', () => {
    const q = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(q)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: q })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: { 3: q } })).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError({ name: 'ConstraintError' })).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });

  it('guardStorage turns one into a message that says what to do, and passes others through', async () => {
    const e = await guardStorage('saving run x', () =>
      Promise.reject(new DOMException('full', 'QuotaExceededError')),
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageFullError);
    expect((e as Error).message).toMatch(
      /^Storage is full: saving run x failed.*Nothing was changed\. Delete cached datasets or old runs in Settings\/Artifacts/,
    );
    await expect(guardStorage('x', () => Promise.reject(new TypeError('other')))).rejects.toThrow(TypeError);
    expect(await guardStorage('x', () => Promise.resolve(7))).toBe(7);
  });

  it('a save that hits the quota fails clearly and leaves existing runs intact (real Dexie on fake-indexeddb)', async () => {
    const db = openCandleLabDb({ indexedDB, IDBKeyRange, name: `quota-${Math.random()}` });
    await saveArtifact(db, run('r1', 1));
    const restore = failWritesWithQuota((id) => id === 'r2');
    try {
      await expect(saveArtifact(db, run('r2', 2))).rejects.toThrow(/^Storage is full: saving run r2/);
    } finally {
      restore();
    }
    expect((await listArtifacts(db)).map((a) => a.id)).toEqual(['r1']);
    expect(await getArtifact(db, 'r1')).toEqual(run('r1', 1));
    await saveArtifact(db, run('r2', 2)); // space freed: works again (sizes in UTF-8 bytes: é is 2)
    expect((await listArtifacts(db)).map((a) => [a.id, a.files])).toEqual([
      [
        'r2',
        [
          { name: 'report.json', bytes: 27 },
          { name: 'trades.csv', bytes: 12 },
        ],
      ],
      [
        'r1',
        [
          { name: 'report.json', bytes: 27 },
          { name: 'trades.csv', bytes: 12 },
        ],
      ],
    ]);
    await expect(saveArtifact(db, run('r2', 3))).rejects.toThrow(/exists already/);
    await deleteArtifact(db, 'r1');
    await expect(getArtifact(db, 'r1')).rejects.toThrow(/No run with id r1/);
  });

  it('storageStatus reads usage, quota and persistence, null when unknown', async () => {
    expect(
      await storageStatus({ estimate: async () => ({ usage: 50, quota: 200 }), persisted: async () => true }),
    ).toEqual({
      usage: 50,
      quota: 200,
      fraction: 0.25,
      persisted: true,
    });
    expect(await storageStatus(undefined)).toEqual({
      usage: null,
      quota: null,
      fraction: null,
      persisted: null,
    });
  });
});
