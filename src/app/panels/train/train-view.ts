/**
 * Pure helpers behind the Train panel: which symbols train by default, where a model kind
 * computes (and why), how a backend recorded in metrics.json reads, and what the loss area
 * shows (nothing, a one-epoch note, or a curve).
 */
import { MODEL_INFO } from '../../../core/models/catalog';
import type { ModelKind } from '../../../core/models/types';
import type { Progress } from '../../../core/util/progress';

/** The ticked symbols still in the dataset, else every symbol of the dataset. */
export function trainSymbols(all: readonly string[], chosen: readonly string[]): string[] {
  const kept = chosen.filter((s) => all.includes(s));
  return kept.length ? kept : [...all];
}

/**
 * Where a model kind computes, in one sentence. Tree models are typed-array JavaScript on CPU
 * workers and never use TensorFlow.js; SGD steps row by row in JavaScript at batch size 1 (its
 * default) and uses TensorFlow.js for larger batches; the neural nets always use TensorFlow.js.
 */
export function computeNote(kind: ModelKind, tfBackend: string | undefined, batchSize?: string): string {
  const tf = `TensorFlow.js on the active backend${tfBackend ? ` (${tfBackend})` : ''}`;
  const family = MODEL_INFO[kind].family;
  if (family === 'trees')
    return `${kind} runs in JavaScript on CPU workers (histogram trees on typed arrays), not on TensorFlow.js, so the backend does not apply.`;
  if (family === 'linear') {
    const batch = Number(batchSize?.trim() || 1);
    return batch > 1
      ? `${kind} with batch size ${batch} runs on ${tf}.`
      : `${kind} at batch size 1 steps row by row in JavaScript on the CPU (a larger batch size runs on ${tf}).`;
  }
  return `${kind} runs on ${tf}.`;
}

/**
 * A backend as recorded in metrics.json, for people: 'js (4 workers)' -> 'JavaScript on 4 CPU
 * workers (not TensorFlow.js)', 'webgpu' -> 'webgpu (TensorFlow.js)'.
 */
export function backendLabel(backend: string): string {
  const m = /^js(?: \((\d+) workers?\))?$/.exec(backend.trim());
  if (!m) return `${backend} (TensorFlow.js)`;
  return `JavaScript on ${m[1] ? `${m[1]} CPU workers` : 'the CPU'} (not TensorFlow.js)`;
}

export type LossView =
  { show: 'nothing' } | { show: 'one-epoch' } | { show: 'curve'; loss: number[]; valLoss?: number[] };

const finite = (xs: readonly (number | null)[] | undefined) =>
  (xs ?? []).filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).length;

/**
 * What the loss area shows: nothing when the model records no loss (forests, boosting without
 * loss tracking), a note after a single epoch (one point draws no curve), else the curve.
 */
export function lossView(
  history: { loss: (number | null)[]; valLoss?: (number | null)[] } | null | undefined,
): LossView {
  const points = Math.max(finite(history?.loss), finite(history?.valLoss));
  if (!history || points === 0) return { show: 'nothing' };
  if (points === 1) return { show: 'one-epoch' };
  const nums = (xs: (number | null)[]) => xs.map((x) => x ?? NaN);
  return {
    show: 'curve',
    loss: nums(history.loss),
    ...(history.valLoss && history.valLoss.length === history.loss.length
      ? { valLoss: nums(history.valLoss) }
      : {}),
  };
}

/** The loss reported so far by a running training (progress details carrying `loss`). */
export function liveLossHistory(progress: readonly Progress[]): { loss: number[]; valLoss?: number[] } {
  const loss: number[] = [];
  const valLoss: number[] = [];
  for (const p of progress) {
    const d = p.detail;
    if (d && typeof d.loss === 'number') {
      loss.push(d.loss);
      if (typeof d.valLoss === 'number') valLoss.push(d.valLoss);
    }
  }
  return valLoss.length === loss.length && loss.length ? { loss, valLoss } : { loss };
}
