// A transformer's model files from outside pass the neural file check and restore to the same
// predictions; a topology that disagrees with its config (heads, blocks, a layer its kind does
// not build) is refused naming the field.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { modelFromFiles, serializedModelFiles } from '../../../export/model-files';
import { RefusedError } from '../../../errors';
import type { Matrix } from '../../types';
import { fitMlp, fitTransformer } from './fit';
import { deserializeNeuralModel } from './neural-model';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const enc = new TextEncoder();
const dec = new TextDecoder();
const X: Matrix = {
  rows: 60,
  cols: 2,
  columns: [
    Float64Array.from({ length: 60 }, (_, i) => Math.sin(i)),
    Float64Array.from({ length: 60 }, (_, i) => Math.cos(i * 0.3)),
  ],
};
const y = Float64Array.from({ length: 60 }, (_, i) => (Math.sin(i) > 0 ? 1 : 0));
let files: Record<string, Uint8Array>;
let mlpFiles: Record<string, Uint8Array>;
let reference: Float64Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const { model } = await fitTransformer({
    task: 'classification',
    X,
    y,
    options: { epochs: 1, sequenceLength: 4, modelDim: 4, heads: 2, ffUnits: 4, blocks: 2, seed: 3 },
  });
  files = serializedModelFiles(model.serialize());
  reference = model.predict(X).values;
  model.dispose();
  const mlp = await fitMlp({ task: 'classification', X, y, options: { epochs: 1, hiddenUnits: [3] } });
  mlpFiles = serializedModelFiles(mlp.model.serialize());
  mlp.model.dispose();
});

function edited(f: Record<string, Uint8Array>, edit: (j: Json) => void): Record<string, Uint8Array> {
  const j = JSON.parse(dec.decode(f['model.json'])) as Json;
  edit(j);
  return { ...f, 'model.json': enc.encode(JSON.stringify(j)) };
}

function refusal(f: Record<string, Uint8Array>): string {
  try {
    modelFromFiles(f, 'models/m/');
  } catch (e) {
    expect(e).toBeInstanceOf(RefusedError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

const layers = (j: Json) => j.modelTopology.config.layers as Json[];

describe('transformer model files', () => {
  it('pass the check and restore to the same predictions', async () => {
    const s = modelFromFiles(files, 'models/m/');
    expect(s.kind).toBe('transformer');
    const m = await deserializeNeuralModel(s);
    expect(Array.from(m.predict(X).values)).toEqual(Array.from(reference));
    m.dispose();
  });

  it('model.json and weights.bin as downloaded load with tf.loadLayersModel', async () => {
    const j = JSON.parse(dec.decode(files['model.json'])) as Json;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: j.modelTopology,
        weightSpecs: j.weightsManifest[0].weights,
        weightData: files['weights.bin'].slice().buffer,
      }),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toContain('TransformerEncoder');
    loaded.dispose();
  });

  it('are refused when the topology disagrees with the config', () => {
    const block = (j: Json) => layers(j).find((l) => l.class_name === 'TransformerEncoder')!;
    expect(refusal(edited(files, (j) => (block(j).config.heads = 1)))).toMatch(/config\.heads must be 2/);
    expect(
      refusal(
        edited(files, (j) => (j.modelTopology.config.layers = layers(j).filter((l) => l !== block(j)))),
      ),
    ).toMatch(/TransformerEncoder|weights/);
    expect(refusal(edited(files, (j) => (j.candleLab.config.options.heads = 3)))).toMatch(/heads/);
    // an mlp holding an encoder block
    expect(
      refusal(
        edited(mlpFiles, (j) => layers(j).splice(1, 0, { class_name: 'TransformerEncoder', config: {} })),
      ),
    ).toMatch(/class_name/);
  });
});
