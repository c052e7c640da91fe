/**
 * Benchmark (issue 7): exporting and importing a bundle of 10 models and 10 backtest runs takes
 * under 2 s each. State sizes: real models trained on the real sample with default sizes
 * (gbc 100 trees ~75 KB, sgdc, and with EXPORT_BENCH=1 also rfc 100 full-depth trees ~4.6 MB),
 * copied under distinct ids to make ten; ten runs over the whole 28,800-bar out-of-sample span of
 * BTC (equity_curve.csv about 2.4 MB each). Export = read the db + files + sha256 + zip; import =
 * unzip + check (hashes, schemas, every model loaded) + one transaction (fake-indexeddb here).
 *
 * Prints wall and CPU time with the machine's load. The machine is 2 cores shared by several
 * engineers (load 5-12 seen), so in the suite the assertions are CPU time < 2 s and wall < 3x
 * the target; EXPORT_BENCH=1 adds the rfc models and asserts the 2 s wall target itself.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { saveArtifact } from '../store/artifacts';
import type { ModelRecord } from '../store/db';
import type { ModelKind } from '../models/types';
import { exportBundle } from './bundle';
import { importBundle } from './import';
import { backtestRun, freshDb, saveTrained, T0, train } from './test-utils/fixtures';

const TARGET_S = 2;
const FULL = process.env.EXPORT_BENCH === '1';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const w = performance.now();
  const c = cpuMs();
  const value = await f();
  return { value, wall: (performance.now() - w) / 1000, cpu: (cpuMs() - c) / 1000 };
}

describe('bundle of 10 models and 10 runs', () => {
  it(`exports and imports in under ${TARGET_S} s each`, async () => {
    const db = freshDb('bench');
    const kinds: ModelKind[] = FULL ? ['gbc', 'rfc', 'sgdc'] : ['gbc', 'sgdc'];
    for (const [i, kind] of kinds.entries()) await saveTrained(db, await train({ kind, now: T0 + i * 1000 }));
    const originals = await db.models.toArray();
    for (let i = 0; (await db.models.count()) < 10; i++) {
      const o = originals[i % originals.length];
      const id = `${o.id}_copy${i}`;
      const copy: ModelRecord = {
        ...o,
        id,
        createdAt: o.createdAt + i + 1,
        metrics: { ...o.metrics, model_id: id },
      };
      await db.models.add(copy);
    }
    // one real run over the whole span, stored ten times under its own ids (same sizes, less setup)
    const base = await backtestRun({ now: T0 + 10_000, modelId: originals[0].id, bars: 28_800 });
    const report = JSON.parse(base.files['report.json']) as Record<string, unknown>;
    for (let i = 0; i < 10; i++) {
      const id = `${base.id}_${i}`;
      const files = { ...base.files, 'report.json': JSON.stringify({ ...report, run_id: id }, null, 2) };
      await saveArtifact(db, { ...base, id, createdAt: base.createdAt + i, files });
    }
    const modelBytes = (await db.models.toArray()).reduce((s, m) => s + m.size, 0);
    const runBytes = (await db.artifacts.toArray()).reduce(
      (s, a) => s + Object.values(a.files).reduce((t, f) => t + f.length, 0),
      0,
    );

    const ex = await timed(() =>
      exportBundle(db, { models: 'all', artifacts: 'all', appVersion: 'bench', now: T0 }),
    );
    const target = freshDb('bench-import');
    const im = await timed(() => importBundle(target, ex.value, { onClash: 'skip' }));
    expect(im.value.ok && im.value.added.models.length + im.value.added.artifacts.length).toBe(20);

    const mb = (n: number) => (n / 1e6).toFixed(2);
    console.log(
      `[export bench${FULL ? ' full' : ''}] 10 models (${mb(modelBytes)} MB: ${originals.map((m) => `${m.kind} ${mb(m.size)} MB`).join(', ')}) + ` +
        `10 runs (${mb(runBytes)} MB of files) -> zip ${mb(ex.value.byteLength)} MB\n` +
        `  export ${ex.wall.toFixed(3)} s wall / ${ex.cpu.toFixed(3)} s cpu; import ${im.wall.toFixed(3)} s wall / ${im.cpu.toFixed(3)} s cpu ` +
        `(target ${TARGET_S} s each); ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join('/')}`,
    );
    const wallLimit = FULL ? TARGET_S : 3 * TARGET_S;
    expect(ex.cpu).toBeLessThan(TARGET_S);
    expect(im.cpu).toBeLessThan(TARGET_S);
    expect(ex.wall).toBeLessThan(wallLimit);
    expect(im.wall).toBeLessThan(wallLimit);
  });
});
