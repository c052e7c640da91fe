/**
 * The 'sgd-linear/1' format checked field by field (../README.md "Formats"), for model files from
 * outside: `checkSgdHeader` accepts exactly the documented header (options as SgdOptions,
 * weight specs W [nFeatures, nOut], b [nOut] and the four adam moments, nothing else) and returns
 * the byte length weights.bin must have; `checkSgdBlobs` refuses non-finite weights. Both throw
 * RefusedError naming the file and field.
 */
import { FileCheck, MODEL_FILE_LIMITS as L } from '../../file-check';
import type { SerializedModel } from '../../types';

const MAX_INT = Number.MAX_SAFE_INTEGER;
const HEADER_KEYS = [
  'task',
  'nClasses',
  'nFeatures',
  'nOut',
  'head',
  'options',
  'classWeights',
  'step',
  'nSeen',
  'weightSpecs',
];

function checkOptions(c: FileCheck, v: unknown, f: string, kind: string, nClasses: number) {
  const o = c.keys(v, f, [
    'loss',
    'alpha',
    'learningRate',
    'eta0',
    'powerT',
    'optimizer',
    'adamBeta1',
    'adamBeta2',
    'adamEpsilon',
    'huberEpsilon',
    'maxEpochs',
    'tol',
    'nIterNoChange',
    'batchSize',
    'shuffle',
    'seed',
    'classWeight',
    'engine',
  ]);
  c.oneOf(o.loss, `${f}.loss`, kind === 'sgdc' ? ['log_loss'] : ['squared_error', 'huber']);
  for (const k of ['alpha', 'eta0', 'powerT', 'adamBeta1', 'adamBeta2', 'adamEpsilon', 'huberEpsilon'])
    c.num(o[k], `${f}.${k}`, { min: 0 });
  c.oneOf(o.learningRate, `${f}.learningRate`, ['optimal', 'constant', 'invscaling']);
  c.oneOf(o.optimizer, `${f}.optimizer`, ['sgd', 'adam']);
  c.int(o.maxEpochs, `${f}.maxEpochs`, 1, MAX_INT);
  c.num(o.tol, `${f}.tol`, { min: 0, nullable: true });
  c.int(o.nIterNoChange, `${f}.nIterNoChange`, 1, MAX_INT);
  c.int(o.batchSize, `${f}.batchSize`, 1, MAX_INT);
  c.bool(o.shuffle, `${f}.shuffle`);
  c.int(o.seed, `${f}.seed`, -MAX_INT, MAX_INT);
  if (Array.isArray(o.classWeight))
    c.finiteNumbers(o.classWeight, `${f}.classWeight`, nClasses, 'header.nClasses');
  else c.oneOf(o.classWeight, `${f}.classWeight`, ['none', 'balanced']);
  c.oneOf(o.engine, `${f}.engine`, ['auto', 'tf', 'js']);
  return o;
}

function checkSpecs(c: FileCheck, v: unknown, f: string, d: number, k: number): number {
  const expected: [string, number[]][] = [
    ['W', [d, k]],
    ['b', [k]],
    ['adam/mW', [d, k]],
    ['adam/vW', [d, k]],
    ['adam/mb', [k]],
    ['adam/vb', [k]],
  ];
  const specs = c.listUpTo(v, f, expected.length);
  if (specs.length !== 2 && specs.length !== 6)
    c.fail(f, 'must list W and b, and the four adam moments or none');
  let elements = 0;
  specs.forEach((s, i) => {
    const o = c.keys(s, `${f}[${i}]`, ['name', 'shape', 'dtype']);
    const [name, shape] = expected[i];
    c.oneOf(o.name, `${f}[${i}].name`, [name]);
    c.oneOf(o.dtype, `${f}[${i}].dtype`, ['float32']);
    if (JSON.stringify(o.shape) !== JSON.stringify(shape))
      c.fail(`${f}[${i}].shape`, `must be ${JSON.stringify(shape)} (header.nFeatures, header.nOut)`);
    elements += shape.reduce((a, b) => a * b, 1);
  });
  return elements * 4;
}

/** The header as the format defines it; returns the byte length of weights.bin. */
export function checkSgdHeader(
  c: FileCheck,
  kind: string,
  header: unknown,
  f = 'header',
): Record<string, number> {
  const h = c.keys(header, f, HEADER_KEYS, ['trainedOn']);
  const sgdc = kind === 'sgdc';
  c.oneOf(h.task, `${f}.task`, [sgdc ? 'classification' : 'regression']);
  const nClasses = sgdc
    ? c.int(h.nClasses, `${f}.nClasses`, 2, L.classes)
    : c.int(h.nClasses, `${f}.nClasses`, 1, 1);
  const nFeatures = c.int(h.nFeatures, `${f}.nFeatures`, 1, L.features);
  const nOut = sgdc && nClasses > 2 ? nClasses : 1;
  c.int(h.nOut, `${f}.nOut`, nOut, nOut);
  const o = checkOptions(c, h.options, `${f}.options`, kind, nClasses);
  const head = sgdc ? (nClasses > 2 ? 'softmax' : 'sigmoid') : o.loss === 'huber' ? 'huber' : 'squared';
  c.oneOf(h.head, `${f}.head`, [head]);
  c.finiteNumbers(h.classWeights, `${f}.classWeights`, sgdc ? nClasses : 1, sgdc ? `${f}.nClasses` : 'sgdr');
  c.int(h.step, `${f}.step`, 0, MAX_INT);
  c.int(h.nSeen, `${f}.nSeen`, 0, MAX_INT);
  if (h.trainedOn !== undefined) {
    const t = c.keys(h.trainedOn, `${f}.trainedOn`, ['backend', 'engine']);
    c.str(t.backend, `${f}.trainedOn.backend`, 100);
    c.str(t.engine, `${f}.trainedOn.engine`, 100);
  }
  return { 'weights.bin': checkSpecs(c, h.weightSpecs, `${f}.weightSpecs`, nFeatures, nOut) };
}

export function checkSgdBlobs(c: FileCheck, s: SerializedModel): void {
  const b = s.payload['weights.bin'];
  c.finiteBlob(new Float32Array(b.slice().buffer), 'weights.bin');
}
