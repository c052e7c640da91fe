/**
 * Fitting `sgdc` / `sgdr` from scratch: zero weights, per-epoch seeded shuffling, the
 * scikit-learn stopping rule (summed epoch loss not improving by tol * n for
 * nIterNoChange epochs), progress per epoch and a cancel check between epochs.
 * The update math runs on TensorFlow.js ('tf' engine) or on typed arrays ('js'), see config.ts.
 */
import type { LinearModelKind, Matrix, Labels } from '../../types';
import { createRng } from '../../../util/rng';
import {
  throwIfCancelled,
  yieldToEventLoop,
  type CancelSignal,
  type ProgressFn,
} from '../../../util/progress';
import { checkLabels, checkMatrix, inferClasses, oneHot, packRows } from '../matrix';
import { currentBackend, type TfFitReport } from '../report';
import { resolveSgdOptions, type SgdOptions } from './config';
import { createScratch, jsEpoch } from './js-engine';
import { rowLossGrad, shuffleInPlace } from './math';
import { headFor, SgdLinearModel } from './linear-model';
import { zeroState } from './state';
import { createTfSgdRunner } from './tf-engine';
import { DataError, InputError } from '../../../errors';

export interface SgdFitInput {
  kind: LinearModelKind;
  X: Matrix;
  /** class indices (sgdc) or real targets (sgdr) */
  y: Labels;
  /** sgdc: number of classes (default: max label + 1, at least 2) */
  nClasses?: number;
  options?: Partial<SgdOptions>;
  /** optional rows to report a validation loss per epoch (not used for stopping, like sklearn's default) */
  validation?: { X: Matrix; y: Labels };
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

export interface SgdFitResult {
  model: SgdLinearModel;
  report: TfFitReport;
}

/** Per-class weights: 1s, sklearn's 'balanced' n / (k * count_c), or given. */
export function classWeightsFor(
  option: SgdOptions['classWeight'],
  y: Labels,
  nClasses: number,
): Float64Array {
  const w = new Float64Array(nClasses).fill(1);
  if (option === 'none') return w;
  if (option === 'balanced') {
    const counts = new Float64Array(nClasses);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    for (let c = 0; c < nClasses; c++) w[c] = counts[c] > 0 ? y.length / (nClasses * counts[c]) : 1;
    return w;
  }
  if (option.length !== nClasses)
    throw new InputError(
      'params.class_weight',
      `classWeight has ${option.length} entries for ${nClasses} classes`,
    );
  option.forEach((v, c) => (w[c] = v));
  return w;
}

function meanLoss(model: SgdLinearModel, X: Matrix, y: Labels): number {
  const pred = model.predict(X);
  const K = pred.nClasses;
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    if (model.head === 'sigmoid' || model.head === 'softmax') {
      s -= Math.log(Math.max(pred.values[i * K + y[i]], 1e-15));
    } else {
      const p = new Float64Array([pred.values[i]]);
      s += rowLossGrad(model.head, p, y[i], new Float64Array(1), model.options.huberEpsilon);
    }
  }
  return s / Math.max(1, X.rows);
}

export async function fitSgd(input: SgdFitInput): Promise<SgdFitResult> {
  const t0 = performance.now();
  const { kind, X, y, signal, onProgress } = input;
  const o = resolveSgdOptions(kind, input.options);
  checkMatrix(X);
  const nClasses = kind === 'sgdc' ? (input.nClasses ?? inferClasses(y)) : 1;
  checkLabels(y, X.rows, kind === 'sgdc' ? nClasses : null);
  if (X.rows === 0)
    throw new DataError('too-few-rows', 'no training rows: choose a longer train_window or load more data');
  const head = headFor(kind, nClasses, o);
  const nOut = head === 'softmax' ? nClasses : 1;
  const n = X.rows;
  const d = X.cols;
  const classWeights = kind === 'sgdc' ? classWeightsFor(o.classWeight, y, nClasses) : new Float64Array([1]);
  const sampleW = new Float64Array(n);
  for (let i = 0; i < n; i++) sampleW[i] = kind === 'sgdc' ? classWeights[y[i]] : 1;

  const state = zeroState(d, nOut, o.optimizer === 'adam');
  const engine = o.engine === 'auto' ? (o.batchSize === 1 ? 'js' : 'tf') : o.engine;
  const tfBackend = currentBackend();
  const model = new SgdLinearModel({
    kind,
    nClasses,
    options: o,
    state,
    classWeights,
    trainedOn: { backend: engine === 'tf' ? tfBackend : 'js', engine },
  });

  const rng = createRng(o.seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const history = { loss: [] as number[], valLoss: input.validation ? ([] as number[]) : undefined };
  let best = Infinity;
  let noImprovement = 0;
  let epochs = 0;
  let stoppedEarly = false;

  // async: the tf engine reads the device with await t.data() (see tf-engine.ts)
  let runEpoch: (order: Int32Array) => number | Promise<number>;
  let finish: () => void = () => undefined;
  let sync: () => void | Promise<void> = () => undefined;
  if (engine === 'js') {
    const x = new Float64Array(n * d);
    for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) x[i * d + j] = X.columns[j][i];
    const sc = createScratch(state);
    runEpoch = (ord) => jsEpoch(state, o, head, x, ord, y, sampleW, sc);
  } else {
    const targets = head === 'softmax' ? oneHot(y, nClasses) : Float32Array.from(y);
    const runner = createTfSgdRunner({
      state,
      options: o,
      head,
      x: packRows(X),
      targets,
      weights: Float32Array.from(sampleW),
      rows: n,
    });
    runEpoch = (ord) => runner.runEpoch(ord);
    sync = () => runner.syncTo(state);
    finish = () => runner.dispose();
  }

  try {
    for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
      throwIfCancelled(signal);
      if (o.shuffle) shuffleInPlace(order, rng);
      const sumLoss = await runEpoch(order);
      epochs = epoch;
      history.loss.push(sumLoss / n);
      if (input.validation && history.valLoss) {
        await sync();
        history.valLoss.push(meanLoss(model, input.validation.X, input.validation.y));
      }
      onProgress?.({
        stage: 'training',
        fraction: epoch / o.maxEpochs,
        message: `epoch ${epoch}`,
        detail: {
          epoch,
          loss: sumLoss / n,
          ...(history.valLoss ? { valLoss: history.valLoss[epoch - 1] } : {}),
        },
      });
      if (!Number.isFinite(sumLoss))
        throw new InputError('params.eta0', `sgd diverged at epoch ${epoch} (loss ${sumLoss}); lower eta0`);
      if (o.tol !== null) {
        if (sumLoss > best - o.tol * n) noImprovement++;
        else noImprovement = 0;
        if (sumLoss < best) best = sumLoss;
        if (noImprovement >= o.nIterNoChange) {
          stoppedEarly = epoch < o.maxEpochs;
          break;
        }
      }
      if (signal) await yieldToEventLoop();
    }
    await sync();
  } finally {
    finish();
  }
  return {
    model,
    report: {
      fitSeconds: (performance.now() - t0) / 1000,
      iterations: epochs,
      history,
      backend: engine === 'tf' ? tfBackend : 'js',
      engine,
      tfBackend,
      trainRows: n,
      stoppedEarly,
    },
  };
}
