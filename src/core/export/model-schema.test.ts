/**
 * Model files from outside are checked against their format, field by field, before anything
 * reads them: every kind's own files pass; junk (a 3,000,000-entry header list, unknown keys,
 * NaN, sizes that disagree with the declared shapes, stray or padded files, layers the config
 * does not declare) is refused with a RefusedError naming the file and the field, and an import
 * holding such a model writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RefusedError } from '../errors';
import type { TrainResult } from '../train/train-job';
import { importBundle } from './import';
import { modelFromFiles, serializedModelFiles } from './model-files';
import { bundleRecords } from './bundle';
import { freshDb, saveTrained, train } from './test-utils/fixtures';
import { bytes, cpuMs, text, type Files } from './test-utils/zip';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let models: Record<'gbc' | 'gbr' | 'rfc' | 'sgdc' | 'sgdr' | 'mlp' | 'lstm', TrainResult>;
const DIR = 'models/m/';

beforeAll(async () => {
  const [gbc, gbr, rfc, sgdc, sgdr, mlp, lstm] = await Promise.all([
    train({ kind: 'gbc', params: { n_estimators: 3 } }),
    train({ kind: 'gbr', task: 'regression', params: { n_estimators: 2 } }),
    train({ kind: 'rfc', params: { n_estimators: 2, max_depth: 4 } }),
    train({ kind: 'sgdc', params: { max_iter: 2, optimizer: 'adam' } }),
    train({ kind: 'sgdr', task: 'regression', params: { max_iter: 2 } }),
    train({ kind: 'mlp', trainWindow: '30d', params: { epochs: 1, hidden_units: [4] } }),
    train({
      kind: 'lstm',
      trainWindow: '30d',
      params: { epochs: 1, sequence_length: 3, lstm_units: [2], dense_units: [] },
    }),
  ]);
  models = { gbc, gbr, rfc, sgdc, sgdr, mlp, lstm };
}, 240_000);

const filesOf = (k: keyof typeof models): Files => serializedModelFiles(models[k].serialized);

/** The model's files with model.json edited. */
function edited(k: keyof typeof models, edit: (j: Json, f: Files) => void): Files {
  const f = filesOf(k);
  const j = JSON.parse(text(f['model.json'])) as Json;
  edit(j, f);
  f['model.json'] = bytes(JSON.stringify(j));
  return f;
}

/** Edits a neural model's config where model.json keeps it (candleLab and the tfjs user metadata). */
function both(j: Json, edit: (config: Json) => void): void {
  edit(j.candleLab.config);
  edit(j.userDefinedMetadata.candleLab);
}

function refusal(files: Files): RefusedError {
  try {
    modelFromFiles(files, DIR);
  } catch (e) {
    expect(e).toBeInstanceOf(RefusedError);
    return e as RefusedError;
  }
  throw new Error('accepted');
}

describe('model files against their format', () => {
  it("every kind's own files are accepted and read back unchanged", () => {
    for (const k of Object.keys(models) as (keyof typeof models)[])
      expect(modelFromFiles(filesOf(k), DIR)).toEqual(models[k].serialized);
  });

  it('refuses a 3,000,000-entry list in a tree header at once, naming file and field', async () => {
    const f = edited('gbc', (j) => (j.header.importance = new Array(3_000_000).fill(0)));
    const { value: e, ms } = await cpuMs(() => refusal(f));
    expect(ms).toBeLessThan(1000);
    expect(e.code).toBe('bad-model-file');
    expect(e.message).toBe(
      'models/m/model.json: header.importance has 3000000 entries, header.nFeatures says 19',
    );
  });

  it('refuses tree headers and blobs the format does not define', () => {
    const cases: [(j: Json, f: Files) => void, RegExp][] = [
      [(j) => (j.header.extra = 1), /model\.json: header\.extra is not defined by the format/],
      [(j) => (j.header.initScore = [null]), /header\.initScore\[0\] must be a finite number \(got null\)/],
      [(j) => (j.header.nTrees = 2), /payload\[0\]\.byteLength must be a whole number from 12 to 12/],
      [(j) => (j.header.nFeatures = 5000), /header\.nFeatures must be a whole number from 1 to 4096/],
      [(j) => (j.header.params.colour = 'red'), /header\.params\.colour is not defined/],
      [
        (j) => (j.header.binEdgeCounts[0] = 999),
        /header\.binEdgeCounts\[0\] must be a whole number from 0 to 256/,
      ],
      [(j) => (j.payload[0].file = 'other.bin'), /payload\[0\]\.file must be one of model\.bin/],
      [(j) => j.payload.pop(), /payload has 5 entries, format tree-ensemble\/1 says 6/],
      [
        (_, f) => (f['model.bin'] = new Uint8Array([...f['model.bin'], 0, 0, 0, 0, 0, 0, 0, 0])),
        /models\/m\/model\.bin is \d+ bytes, but model\.json's payload ends at byte \d+/,
      ],
      [(_, f) => (f['notes.txt'] = bytes('hi')), /models\/m\/model\.json does not use notes\.txt/],
      [
        (j, f) => {
          const t = j.payload.find((e: Json) => e.name === 'value.f64');
          new DataView(f['model.bin'].buffer).setFloat64(t.offset, NaN, true);
        },
        /models\/m\/model\.bin: value\.f64\[0\] is NaN/,
      ],
    ];
    for (const [edit, re] of cases) expect(refusal(edited('gbc', edit)).message).toMatch(re);
    expect(refusal(edited('rfc', (j) => (j.header.valueStride = 1))).message).toMatch(/header\.valueStride/);
    expect(refusal(edited('gbr', (j) => (j.header.task = 'classification'))).message).toMatch(/header\.task/);
  });

  it('refuses sgd headers and weights the format does not define', () => {
    const cases: [(j: Json, f: Files) => void, RegExp][] = [
      [(j) => (j.header.options.turbo = true), /header\.options\.turbo is not defined by the format/],
      [
        (j) => (j.header.weightSpecs[0].shape = [3_000_000, 1]),
        /header\.weightSpecs\[0\]\.shape must be \[19,1\]/,
      ],
      [
        (j) => (j.header.classWeights = [1, 1, 1]),
        /header\.classWeights has 3 entries, header\.nClasses says 2/,
      ],
      [(j) => (j.header.step = -1), /header\.step must be a whole number from 0/],
      [(j) => (j.header.head = 'softmax'), /header\.head must be one of sigmoid/],
      [
        (_, f) => (f['weights.bin'] = f['weights.bin'].slice(4)),
        /models\/m\/weights\.bin is \d+ bytes, too short for weights\.bin \(\d+ bytes\)/,
      ],
      [
        (_, f) => new DataView(f['weights.bin'].buffer).setFloat32(0, Infinity, true),
        /weights\.bin: weights\.bin\[0\] is Infinity/,
      ],
    ];
    for (const [edit, re] of cases) expect(refusal(edited('sgdc', edit)).message).toMatch(re);
    expect(refusal(edited('sgdr', (j) => (j.header.nClasses = 2))).message).toMatch(
      /header\.nClasses must be a whole number from 1 to 1/,
    );
  });

  it('refuses neural model.json and weights the format does not define', () => {
    const cases: [(j: Json, f: Files) => void, RegExp][] = [
      [(j) => (j.extra = 1), /model\.json: extra is not defined by the format/],
      [
        (j) => both(j, (c) => (c.options.hiddenUnits = [4096, 4096])),
        /Dense widths \[4,1\] must be \[4096,4096,1\]/,
      ],
      [
        (j) => (j.modelTopology.config.layers[0].class_name = 'Lambda'),
        /layers\[0\]\.class_name must be one of Dense/,
      ],
      [(j) => (j.modelTopology.config.layers[0].config.units = 5), /Dense widths \[5,1\] must be \[4,1\]/],
      [
        (j) => j.weightsManifest[0].weights.push({ name: 'x', shape: [1000, 1000], dtype: 'float32' }),
        /describe \d+ bytes, weights\.bin has \d+/,
      ],
      [
        (j) => (j.weightsManifest[0].weights[0].dtype = 'float64'),
        /weights\[0\]\.dtype must be one of float32, int32/,
      ],
      [(j) => both(j, (c) => (c.nFeatures = 7)), /batch_input_shape must be \[null,7\]/],
      [
        (j) => (j.userDefinedMetadata.candleLab.nFeatures = 7),
        /userDefinedMetadata\.candleLab must equal candleLab\.config/,
      ],
      [
        (j) => (j.trainingConfig.optimizer_config.class_name = 'SGD'),
        /optimizer_config\.class_name must be one of Adam/,
      ],
      [
        (_, f) => new DataView(f['weights.bin'].buffer).setFloat32(0, NaN, true),
        /models\/m\/weights\.bin: weights\.bin\[0\] is NaN/,
      ],
    ];
    for (const [edit, re] of cases) expect(refusal(edited('mlp', edit)).message).toMatch(re);
    expect(refusal(edited('lstm', (j) => both(j, (c) => (c.options.lstmUnits = [2, 2])))).message).toMatch(
      /LSTM widths \[2\] must be \[2,2\]/,
    );
  });

  it('an import with one such model is refused naming file and field, and writes nothing', async () => {
    const db = freshDb('junk-model');
    await saveTrained(db, models.gbc);
    await saveTrained(db, models.sgdc);
    const recs = await db.models.toArray();
    const junk = recs.find((r) => r.kind === 'gbc')!;
    junk.header = { ...junk.header, importance: new Array(3_000_000).fill(0.5) };
    const { zip } = await bundleRecords({ models: recs, artifacts: [], appVersion: 't', now: 1 });
    const target = freshDb('junk-target');
    const { value: r, ms } = await cpuMs(() => importBundle(target, zip, { onClash: 'keep-both' }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toContain(
        `models/${junk.id}/model.json: header.importance has 3000000 entries, header.nFeatures says 19`,
      );
    expect(ms).toBeLessThan(3000);
    expect(await target.models.count()).toBe(0);
  });
});
