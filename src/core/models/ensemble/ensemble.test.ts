// Ensembles on the real sample: stacking learns only from out-of-fold predictions (an
// instrumented run), memorising members cannot fool it while a leaky stacker built here looks
// better in sample, every combiner serialises and restores to identical predictions, model files
// round-trip and the file check refuses junk.
import { beforeAll, describe, expect, it } from 'vitest';
import { RefusedError } from '../../errors';
import { modelFromFiles, serializedModelFiles } from '../../export/model-files';
import { rocAuc } from '../metrics';
import { fitModel, restoreModel } from '../registry';
import type { Predictions, SerializedModel } from '../types';
import { fitEnsemble, fitMeta, combine, inProcessMemberRunner, type MemberJob, type OutOfFoldPlan } from '.';
import { H, sampleParts, type Part } from './test-data';

const models = { fit: fitModel, restore: restoreModel };
const tiny = [
  { kind: 'gbc', params: { n_estimators: 8, max_depth: 2 }, seed: 1 },
  { kind: 'rfc', params: { n_estimators: 6, max_depth: 4 }, seed: 2 },
  { kind: 'sgdc', params: { max_iter: 3 }, seed: 3 },
];

let data: ReturnType<typeof sampleParts>;
beforeAll(() => {
  data = sampleParts(3200, 2400);
});

const fitOn = (p: Part, params: Record<string, unknown>, extra = {}) =>
  fitEnsemble(
    { task: 'classification', X: p.X, y: p.y, nClasses: data.nClasses, context: p.context, params, ...extra },
    models,
  );

describe('stacking is out of fold', () => {
  it('no meta-training row was predicted by a fit that saw it, or a row within h bars before it', async () => {
    const jobs: MemberJob[] = [];
    const inner = inProcessMemberRunner(fitModel);
    let plan: OutOfFoldPlan | null = null;
    let oof: Predictions[] = [];
    const t = data.train.context.time;
    const barMs = data.train.context.barMs;
    await fitOn(
      data.train,
      { members: tiny, combiner: 'stacking', stack_folds: 3, purge_bars: H },
      {
        runner: (job: MemberJob) => (jobs.push(job), inner(job)),
        onOutOfFold: (p: OutOfFoldPlan, preds: Predictions[]) => ((plan = p), (oof = preds)),
      },
    );
    expect(plan).not.toBeNull();
    const p = plan as unknown as OutOfFoldPlan;
    const fits = jobs[0].fits;
    expect(p.fits).toHaveLength(3);
    expect(oof).toHaveLength(3);
    expect(oof[0].rows).toBe(p.rows.length);
    // for every meta-training row and every member: exactly one fit predicted it
    let checked = 0;
    for (const row of p.rows)
      for (let m = 0; m < tiny.length; m++) {
        const by = fits.filter((f) => f.member === m && f.predict?.includes(row));
        expect(by).toHaveLength(1);
        const train = by[0].train!;
        expect(train.includes(row)).toBe(false);
        // every training row's label window (t .. t + h bars) closed before this row's bar
        expect(t[train[train.length - 1]] + H * barMs).toBeLessThan(t[row]);
        checked++;
      }
    expect(checked).toBe(p.rows.length * 3);
    // the final fits (kept) are the only ones on all rows, and they predict nothing for the meta-model
    expect(fits.filter((f) => f.keep).every((f) => f.train === null && f.predict === null)).toBe(true);
  });
});

const auc = (p: Part, pred: Predictions) => rocAuc(p.y, pred);

describe('memorising members', () => {
  const deep = [
    {
      kind: 'rfc',
      params: { n_estimators: 15, max_depth: null, min_samples_leaf: 1, max_features: 'sqrt' },
      seed: 5,
    },
    {
      kind: 'gbc',
      params: {
        n_estimators: 30,
        max_depth: 8,
        min_samples_leaf: 1,
        learning_rate: 0.3,
        n_iter_no_change: null,
      },
      seed: 6,
    },
  ];
  it('stacking does not beat the best member out of sample by more than noise; a leaky stacker looks better in sample', async () => {
    const { model } = await fitOn(data.train, { members: deep, combiner: 'stacking', purge_bars: H });
    const memberOos = model.memberPredictions(data.test.X).map((pr) => auc(data.test, pr));
    const stackOos = auc(data.test, model.predict(data.test.X));
    const best = Math.max(...memberOos);
    expect(stackOos).toBeLessThan(best + 0.03);

    // the leaky stacker: meta-model on the members' predictions of their own training rows
    const inSample = model.memberPredictions(data.train.X);
    const leaky = fitMeta(inSample, data.train.y, 'classification');
    const leakyIn = auc(data.train, combine(leaky, inSample, 'classification'));
    const leakyOos = auc(data.test, combine(leaky, model.memberPredictions(data.test.X), 'classification'));
    expect(leakyIn).toBeGreaterThan(best + 0.2); // in sample it looks far better than any member...
    expect(leakyOos).toBeLessThan(best + 0.03); // ...and out of sample it is not
    console.log(
      `members OOS AUC ${memberOos.map((x) => x.toFixed(3)).join(', ')}; stacking OOS ${stackOos.toFixed(3)}; leaky in-sample ${leakyIn.toFixed(3)}, OOS ${leakyOos.toFixed(3)}`,
    );
  }, 30_000);
});

describe('serialisation', () => {
  const fitted: Record<string, SerializedModel> = {};
  it.each(['mean', 'weights', 'stacking'])(
    '%s restores to identical predictions, also through model files',
    async (combiner) => {
      const { model } = await fitOn(data.train, { members: tiny, combiner, purge_bars: H });
      const before = model.predict(data.test.X).values;
      const s = model.serialize();
      fitted[combiner] = s;
      expect(s.format).toBe('ensemble/1');
      const again = await restoreModel(s);
      expect(again.kind).toBe('ensemble');
      expect(Array.from(again.predict(data.test.X).values)).toEqual(Array.from(before));
      const files = serializedModelFiles(s);
      expect(Object.keys(files).sort()).toEqual(['model.bin', 'model.json']);
      const back = await restoreModel(modelFromFiles(structuredClone(files), 'models/x/'));
      expect(Array.from(back.predict(data.test.X).values)).toEqual(Array.from(before));
      const w = (s.header as { weights: number[] }).weights;
      if (combiner === 'weights') expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
    },
  );

  it('the file check refuses what the format does not define', () => {
    const s = fitted.stacking;
    const json = (files: Record<string, Uint8Array>) =>
      JSON.parse(new TextDecoder().decode(files['model.json']));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed model.json, mutated freely
    const refuse = (mutate: (j: Record<string, any>) => void, field: RegExp) => {
      const files = serializedModelFiles(s);
      const j = json(files);
      mutate(j);
      files['model.json'] = new TextEncoder().encode(JSON.stringify(j));
      let err: unknown;
      try {
        modelFromFiles(files, 'models/x/');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RefusedError);
      expect((err as Error).message).toMatch(field);
    };
    refuse((j) => (j.header.extra = 1), /header\.extra is not defined/);
    refuse((j) => (j.header.coef[0] = null), /header\.coef\[0\]/);
    refuse((j) => j.header.coef.push(1), /header\.coef has/);
    refuse((j) => (j.header.members[1].kind = 'mlp'), /header\.members\[1\]\.kind/);
    refuse((j) => (j.header.members[0].header.nClasses = 3), /members\[0\]\.header/);
    refuse((j) => (j.header.members = j.header.members.slice(0, 1)), /header\.members/);
    refuse((j) => (j.header.combiner = 'vote'), /header\.combiner/);
    refuse((j) => (j.header.params.members[0].seed = 1.5), /params\.members\[0\]\.seed/);
    // a member's blob with a NaN is refused by the member format's own check
    const files = serializedModelFiles(fitted.mean);
    const j = json(files);
    const e = j.payload.find((p: { name: string }) => p.name === 'm0/value.f64');
    new DataView(files['model.bin'].buffer, files['model.bin'].byteOffset).setFloat64(e.offset, NaN, true);
    expect(() => modelFromFiles(files, 'models/x/')).toThrow(RefusedError);
  });
});
