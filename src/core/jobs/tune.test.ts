import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors';
import { exportBundle } from '../export/bundle';
import { importBundle } from '../export/import';
import { getArtifact } from '../store/artifacts';
import { openCandleLabDb } from '../store/db';
import { getStudy, listTrials } from '../store/studies';
import type { TrialResult } from '../tune/trial';
import { JobRunner } from './runner';
import { clonePoolExecutor, runJob, testEnv } from './test-utils/env';
import { runTuneJob, type TuneJobRequest } from './tune';

const req = (handle: string, over: Partial<TuneJobRequest> = {}): TuneJobRequest => ({
  handle,
  symbols: ['BTC/USDT'],
  model: 'gbc',
  space: {
    n_estimators: { type: 'int', low: 4, high: 12 },
    max_depth: { type: 'int', low: 1, high: 3 },
    learning_rate: { type: 'float', low: 0.05, high: 0.5, log: true },
  },
  trials: 6,
  batch_size: 3,
  seed: 3,
  train_window: '1500',
  test_window: '300',
  max_folds: 6,
  ...over,
});

const strip = (ts: TrialResult[]) => ts.map(({ seconds: _s, ...t }) => ({ ...t, study: undefined }));

describe('the tuning job', () => {
  it('gives the same trials in process and on a pool-like executor, and saves a tuning run', async () => {
    const a = testEnv();
    const b = testEnv(clonePoolExecutor(3));
    const ra = await runJob(new JobRunner(), 'a', (ctx) => runTuneJob(req(a.handle), a.env, ctx));
    const rb = await runJob(new JobRunner(), 'b', (ctx) => runTuneJob(req(b.handle), b.env, ctx));
    const ta = await listTrials(a.env.db, ra.study_id);
    expect(ta).toHaveLength(6);
    expect(strip(await listTrials(b.env.db, rb.study_id))).toEqual(strip(ta));
    expect(rb.report.best).toEqual(ra.report.best);
    const run = await getArtifact(a.env.db, ra.run_id);
    expect(run.kind).toBe('tuning');
    expect(Object.keys(run.files).sort()).toEqual(['job.log', 'report.json', 'study.json', 'trials.csv']);
    const study = JSON.parse(run.files['study.json']);
    expect(study).toMatchObject({
      sampler: 'tpe',
      seed: 3,
      periods: { tuning_folds: 4, evaluation_folds: 2 },
    });
    expect(study.stats.trials_tried).toBe(6);
    expect(run.files['trials.csv'].trim().split('\n')).toHaveLength(7);
    expect((await getStudy(a.env.db, ra.study_id)).status).toBe('done');
    // the run travels in bundles
    const zip = await exportBundle(a.env.db, { artifacts: [ra.run_id], appVersion: 'test' });
    const fresh = openCandleLabDb({ indexedDB, IDBKeyRange, name: `tune-import-${Math.random()}` });
    const imported = await importBundle(fresh, zip, { onClash: 'skip' });
    expect(imported.ok && imported.added.artifacts).toEqual([ra.run_id]);
    expect((await getArtifact(fresh, ra.run_id)).files['study.json']).toBe(run.files['study.json']);
  }, 60_000);

  it('keeps the finished trials of a cancelled study and resumes it to the uninterrupted result', async () => {
    const whole = testEnv();
    const full = await runJob(new JobRunner(), 'w', (ctx) => runTuneJob(req(whole.handle), whole.env, ctx));
    const { env, handle } = testEnv();
    const runner = new JobRunner();
    let studyId = '';
    const cancelled = runner.run(
      'c',
      'tune',
      (p) => {
        if (p.detail?.study_id) studyId = String(p.detail.study_id);
        if (Number(p.detail?.done) >= 4) runner.cancel('c');
      },
      (ctx) => runTuneJob(req(handle), env, ctx),
    );
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect((await getStudy(env.db, studyId)).status).toBe('cancelled');
    const kept = await listTrials(env.db, studyId);
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(kept.length).toBeLessThan(6);
    expect(await env.db.artifacts.count()).toBe(0);
    // the form's fields are ignored on resume: the stored request is used
    const resumed = await runJob(runner, 'r', (ctx) =>
      runTuneJob({ ...req(handle, { trials: 99 }), study_id: studyId }, env, ctx),
    );
    expect(strip(await listTrials(env.db, studyId))).toEqual(
      strip(await listTrials(whole.env.db, full.study_id)),
    );
    expect(resumed.report.best).toEqual(full.report.best);
  }, 60_000);

  it('refuses a bad request with an InputError naming the field', async () => {
    const { env, handle } = testEnv();
    const field = async (over: Partial<TuneJobRequest>) => {
      const e = await runJob(new JobRunner(), 'x', (ctx) => runTuneJob(req(handle, over), env, ctx)).catch(
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).field;
    };
    expect(await field({ space: { max_depth: { type: 'int', low: 4, high: 2 } } })).toBe('space.max_depth');
    expect(await field({ objective: 'ic' })).toBe('objective');
    expect(await field({ trials: 0 })).toBe('trials');
    expect(await field({ eval_start: '2099-01-01' })).toBe('eval_start');
    expect(await env.db.studies.count()).toBe(0);
  }, 60_000);
});
