/**
 * The 'tfjs-layers/1' model files checked field by field, for files from outside: the standard
 * tfjs `model.json` (format 'layers-model', a Sequential topology of the layers its kind builds:
 * Dense, SeededDropout, LSTM, and the transformer's PositionalEncoding, TransformerEncoder and
 * GlobalAveragePooling1D, with widths, heads and block count matching our config, the Adam training config, one weights manifest
 * naming weights.bin) plus our `candleLab` key, and weights.bin exactly as long as the manifest
 * says with finite floats. Sizes are capped by MODEL_FILE_LIMITS; every problem throws
 * RefusedError naming the file and field.
 */
import { FileCheck, isObj, MODEL_FILE_LIMITS as L } from '../../file-check';

const TRAIN_KEYS = [
  'epochs',
  'batchSize',
  'learningRate',
  'l2',
  'dropout',
  'patience',
  'restoreBest',
  'seed',
  'chunkBatches',
  'activation',
];
const ACTIVATIONS = ['relu', 'tanh', 'elu', 'selu', 'sigmoid', 'linear'] as const;
type LayerClass =
  'Dense' | 'SeededDropout' | 'LSTM' | 'PositionalEncoding' | 'TransformerEncoder' | 'GlobalAveragePooling1D';
/** the layers each kind's topology may hold */
const KIND_LAYERS: Record<Config['kind'], readonly LayerClass[]> = {
  mlp: ['Dense', 'SeededDropout'],
  lstm: ['Dense', 'SeededDropout', 'LSTM'],
  transformer: [
    'Dense',
    'SeededDropout',
    'PositionalEncoding',
    'TransformerEncoder',
    'GlobalAveragePooling1D',
  ],
};
const MAX_INT = Number.MAX_SAFE_INTEGER;

interface Config {
  kind: 'mlp' | 'lstm' | 'transformer';
  nFeatures: number;
  out: number;
  dense: number[];
  lstm: number[];
  sequenceLength: number;
  /** transformer: token width, heads and feed-forward width of each of `blocks` blocks */
  encoder?: { modelDim: number; heads: number; ffUnits: number; blocks: number };
}

function units(c: FileCheck, v: unknown, f: string, min: number, max: number): number[] {
  const xs = c.listUpTo(v, f, L.layers);
  if (xs.length < min || xs.length > max) c.fail(f, `must list ${min} to ${max} layer widths`);
  return xs.map((x, i) => c.int(x, `${f}[${i}]`, 1, L.units));
}

function checkConfig(c: FileCheck, v: unknown, f: string, kind: string): Config {
  const o = c.keys(v, f, ['kind', 'task', 'nClasses', 'nFeatures', 'options', 'trainedOn']);
  c.oneOf(o.kind, `${f}.kind`, [kind]);
  const task = c.oneOf(o.task, `${f}.task`, ['classification', 'regression']);
  const nClasses =
    task === 'regression'
      ? c.int(o.nClasses, `${f}.nClasses`, 1, 1)
      : c.int(o.nClasses, `${f}.nClasses`, 2, L.classes);
  const nFeatures = c.int(o.nFeatures, `${f}.nFeatures`, 1, L.features);
  c.str(c.keys(o.trainedOn, `${f}.trainedOn`, ['backend']).backend, `${f}.trainedOn.backend`, 100);
  const lstm = kind === 'lstm';
  const transformer = kind === 'transformer';
  const ok = c.keys(
    o.options,
    `${f}.options`,
    lstm
      ? [...TRAIN_KEYS, 'sequenceLength', 'lstmUnits', 'denseUnits']
      : transformer
        ? [...TRAIN_KEYS, 'sequenceLength', 'modelDim', 'heads', 'ffUnits', 'blocks', 'denseUnits']
        : [...TRAIN_KEYS, 'hiddenUnits'],
    ['warmPatience'], // files written before warm starts stopped early lack it
  );
  const of = `${f}.options`;
  for (const k of ['batchSize', 'chunkBatches']) c.int(ok[k], `${of}.${k}`, 1, MAX_INT);
  c.int(ok.epochs, `${of}.epochs`, 0, MAX_INT); // 0: saved weights carried over unchanged
  c.int(ok.patience, `${of}.patience`, 0, MAX_INT);
  if (ok.warmPatience !== undefined) c.int(ok.warmPatience, `${of}.warmPatience`, 1, MAX_INT);
  c.int(ok.seed, `${of}.seed`, -MAX_INT, MAX_INT);
  c.num(ok.learningRate, `${of}.learningRate`, { min: 0 });
  c.num(ok.l2, `${of}.l2`, { min: 0 });
  c.num(ok.dropout, `${of}.dropout`, { min: 0, max: 1 });
  c.bool(ok.restoreBest, `${of}.restoreBest`);
  c.oneOf(ok.activation, `${of}.activation`, ACTIVATIONS);
  let encoder: Config['encoder'];
  if (transformer) {
    const modelDim = c.int(ok.modelDim, `${of}.modelDim`, 1, L.units);
    const heads = c.int(ok.heads, `${of}.heads`, 1, modelDim);
    if (modelDim % heads !== 0) c.fail(`${of}.heads`, `must divide modelDim (${modelDim})`);
    encoder = {
      modelDim,
      heads,
      ffUnits: c.int(ok.ffUnits, `${of}.ffUnits`, 1, L.units),
      blocks: c.int(ok.blocks, `${of}.blocks`, 1, 4),
    };
  }
  return {
    kind: lstm ? 'lstm' : transformer ? 'transformer' : 'mlp',
    nFeatures,
    out: task === 'classification' && nClasses > 2 ? nClasses : 1,
    dense: units(
      c,
      lstm || transformer ? ok.denseUnits : ok.hiddenUnits,
      `${of}.${lstm || transformer ? 'denseUnits' : 'hiddenUnits'}`,
      0,
      L.layers,
    ),
    lstm: lstm ? units(c, ok.lstmUnits, `${of}.lstmUnits`, 1, 2) : [],
    sequenceLength:
      lstm || transformer ? c.int(ok.sequenceLength, `${of}.sequenceLength`, 1, L.sequenceLength) : 1,
    encoder,
  };
}

/** Any JSON value within bounds: at most `budget.n` values, depth 16, short strings. */
function boundedJson(c: FileCheck, v: unknown, f: string, budget: { n: number }, depth = 0): void {
  if (--budget.n < 0) c.fail(f, `holds more than ${L.jsonNodes} values`);
  if (depth > 16) c.fail(f, 'is nested too deeply');
  if (typeof v === 'string') c.str(v, f);
  else if (typeof v === 'number') c.num(v, f);
  else if (Array.isArray(v)) v.forEach((x, i) => boundedJson(c, x, `${f}[${i}]`, budget, depth + 1));
  else if (isObj(v))
    for (const [k, x] of Object.entries(v)) boundedJson(c, x, `${f}.${k}`, budget, depth + 1);
}

function checkTopology(c: FileCheck, v: unknown, cfg: Config, budget: { n: number }) {
  const f = 'modelTopology';
  const t = c.keys(v, f, ['class_name', 'config'], ['keras_version', 'backend']);
  c.oneOf(t.class_name, `${f}.class_name`, ['Sequential']);
  const tc = c.keys(t.config, `${f}.config`, ['name', 'layers']);
  const layers = c.listUpTo(tc.layers, `${f}.config.layers`, L.layers);
  const seen = { Dense: [] as number[], LSTM: [] as number[], TransformerEncoder: 0 };
  layers.forEach((x, i) => {
    const lf = `${f}.config.layers[${i}]`;
    const layer = c.keys(x, lf, ['class_name', 'config']);
    const cls = c.oneOf(layer.class_name, `${lf}.class_name`, KIND_LAYERS[cfg.kind]);
    const lc = isObj(layer.config) ? layer.config : c.fail(`${lf}.config`, 'must be an object');
    if (cls === 'Dense' || cls === 'LSTM') seen[cls].push(c.int(lc.units, `${lf}.config.units`, 1, L.units));
    if (cls === 'TransformerEncoder' && cfg.encoder) {
      seen.TransformerEncoder++;
      if (lc.heads !== cfg.encoder.heads)
        c.fail(`${lf}.config.heads`, `must be ${cfg.encoder.heads} (candleLab.config)`);
      if (lc.ff_units !== cfg.encoder.ffUnits)
        c.fail(`${lf}.config.ff_units`, `must be ${cfg.encoder.ffUnits} (candleLab.config)`);
      c.oneOf(lc.activation, `${lf}.config.activation`, ACTIVATIONS);
      c.int(lc.seed, `${lf}.config.seed`, -MAX_INT, MAX_INT);
    }
    if (i === 0) {
      const shape = cfg.kind === 'mlp' ? [null, cfg.nFeatures] : [null, cfg.sequenceLength, cfg.nFeatures];
      if (JSON.stringify(lc.batch_input_shape) !== JSON.stringify(shape))
        c.fail(`${lf}.config.batch_input_shape`, `must be ${JSON.stringify(shape)} (candleLab.config)`);
    }
  });
  const dense = [...(cfg.encoder ? [cfg.encoder.modelDim] : []), ...cfg.dense, cfg.out];
  if (cfg.encoder && seen.TransformerEncoder !== cfg.encoder.blocks)
    c.fail(
      `${f}.config.layers`,
      `hold ${seen.TransformerEncoder} TransformerEncoder layers, candleLab.config says ${cfg.encoder.blocks}`,
    );
  if (JSON.stringify(seen.Dense) !== JSON.stringify(dense))
    c.fail(
      `${f}.config.layers`,
      `Dense widths ${JSON.stringify(seen.Dense)} must be ${JSON.stringify(dense)} (candleLab.config)`,
    );
  if (JSON.stringify(seen.LSTM) !== JSON.stringify(cfg.lstm))
    c.fail(
      `${f}.config.layers`,
      `LSTM widths ${JSON.stringify(seen.LSTM)} must be ${JSON.stringify(cfg.lstm)} (candleLab.config)`,
    );
  boundedJson(c, t, f, budget);
}

/** Returns the byte length weights.bin must have. */
function checkManifest(c: FileCheck, v: unknown): number {
  const groups = c.list(v, 'weightsManifest', 1, 'the format');
  const g = c.keys(groups[0], 'weightsManifest[0]', ['paths', 'weights']);
  if (JSON.stringify(g.paths) !== '["weights.bin"]')
    c.fail('weightsManifest[0].paths', 'must be ["weights.bin"]');
  const specs = c.listUpTo(g.weights, 'weightsManifest[0].weights', 32 * L.layers);
  let elements = 0;
  specs.forEach((s, i) => {
    const f = `weightsManifest[0].weights[${i}]`;
    const o = c.keys(s, f, ['name', 'shape', 'dtype'], ['group']);
    c.str(o.name, `${f}.name`, 200);
    c.oneOf(o.dtype, `${f}.dtype`, ['float32', 'int32']);
    if (o.group !== undefined) c.oneOf(o.group, `${f}.group`, ['optimizer']);
    const dims = c.listUpTo(o.shape, `${f}.shape`, 4);
    elements += dims.reduce<number>((n, d, j) => n * c.int(d, `${f}.shape[${j}]`, 0, 4 * L.units), 1);
    if (elements > L.weightElements)
      c.fail('weightsManifest[0].weights', `hold more than ${L.weightElements} values`);
  });
  return elements * 4;
}

/** model.json of a neural model (as written by serializedModelFiles) against weights.bin's length. */
export function checkNeuralModelJson(c: FileCheck, json: unknown, weightsBytes: number): void {
  const j = c.keys(
    json,
    '',
    ['format', 'modelTopology', 'weightsManifest', 'candleLab'],
    ['generatedBy', 'convertedBy', 'trainingConfig', 'userDefinedMetadata'],
  );
  c.oneOf(j.format, 'format', ['layers-model']);
  if (j.generatedBy !== undefined) c.str(j.generatedBy, 'generatedBy', 200);
  if (j.convertedBy !== undefined && j.convertedBy !== null) c.str(j.convertedBy, 'convertedBy', 200);
  const cl = c.keys(j.candleLab, 'candleLab', ['format', 'kind', 'config']);
  c.oneOf(cl.format, 'candleLab.format', ['tfjs-layers/1']);
  const kind = c.oneOf(cl.kind, 'candleLab.kind', ['mlp', 'lstm', 'transformer']);
  const cfg = checkConfig(c, cl.config, 'candleLab.config', kind);
  if (j.userDefinedMetadata !== undefined) {
    const u = c.keys(j.userDefinedMetadata, 'userDefinedMetadata', ['candleLab']);
    if (JSON.stringify(u.candleLab) !== JSON.stringify(cl.config))
      c.fail('userDefinedMetadata.candleLab', 'must equal candleLab.config');
  }
  const budget = { n: L.jsonNodes };
  checkTopology(c, j.modelTopology, cfg, budget);
  if (j.trainingConfig !== undefined) {
    const t = c.keys(j.trainingConfig, 'trainingConfig', ['loss', 'optimizer_config'], ['metrics']);
    const o = c.keys(t.optimizer_config, 'trainingConfig.optimizer_config', ['class_name', 'config']);
    c.oneOf(o.class_name, 'trainingConfig.optimizer_config.class_name', ['Adam']);
    boundedJson(c, t, 'trainingConfig', budget);
  }
  const bytes = checkManifest(c, j.weightsManifest);
  if (bytes !== weightsBytes)
    c.fail('weightsManifest[0].weights', `describe ${bytes} bytes, weights.bin has ${weightsBytes}`);
}

/** weights.bin: float32 weights finite (int32 optimizer counters may be anything). */
export function checkNeuralWeights(
  c: FileCheck,
  json: { weightsManifest: { weights: { dtype: string; shape: number[] }[] }[] },
  weights: Uint8Array,
): void {
  const f32 = new Float32Array(weights.slice().buffer);
  let off = 0;
  for (const s of json.weightsManifest[0].weights) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (s.dtype === 'float32') c.finiteBlob(f32.subarray(off, off + n), 'weights.bin');
    off += n;
  }
}
