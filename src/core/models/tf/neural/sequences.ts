/**
 * Input sequences for the LSTM: the sequence of row i is rows i-N+1..i. A sequence never
 * crosses a group boundary (another symbol, or whatever the caller marks) nor a time gap
 * (consecutive bar times that differ by anything but barMs); rows without N unbroken rows
 * of history get no sequence (and no prediction).
 */
import type { Matrix } from '../../types';
import { InputError, InternalError } from '../../../errors';

export interface BuildSequencesOptions {
  X: Matrix;
  /** rows per sequence */
  length: number;
  /** per row: a segment id (e.g. symbol index); a change starts a new run */
  groups?: ArrayLike<number>;
  /** per row: bar time in ms; a step other than barMs starts a new run */
  time?: ArrayLike<number>;
  /** bar size in ms; default: the smallest positive time step */
  barMs?: number;
}

export interface Sequences {
  length: number;
  /** the last row of each full sequence, ascending */
  ends: Int32Array;
  /** per row: the first row of its unbroken run */
  runStart: Int32Array;
}

function smallestStep(time: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 1; i < time.length; i++) {
    const d = time[i] - time[i - 1];
    if (d > 0 && d < m) m = d;
  }
  return m;
}

export function buildSequences(o: BuildSequencesOptions): Sequences {
  const { X, length, groups, time } = o;
  const n = X.rows;
  if (!Number.isInteger(length) || length < 1)
    throw new InputError('params.sequence_length', 'sequence length must be a positive integer');
  if (groups && groups.length !== n)
    throw new InternalError(`groups has ${groups.length} entries for ${n} rows`);
  if (time && time.length !== n) throw new InternalError(`time has ${time.length} entries for ${n} rows`);
  const barMs = time ? (o.barMs ?? smallestStep(time)) : 0;
  const runStart = new Int32Array(n);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    const broken =
      i === 0 ||
      (groups !== undefined && groups[i] !== groups[i - 1]) ||
      (time !== undefined && time[i] - time[i - 1] !== barMs);
    runStart[i] = broken ? i : runStart[i - 1];
    if (i - runStart[i] + 1 >= length) ends.push(i);
  }
  return { length, ends: Int32Array.from(ends), runStart };
}

/** Sequences ending at `ends` as one row-major Float32Array [ends.length, length, cols]. */
export function packSequences(
  X: Matrix,
  ends: ArrayLike<number>,
  length: number,
  from = 0,
  to = ends.length,
): Float32Array {
  const d = X.cols;
  const out = new Float32Array((to - from) * length * d);
  for (let s = from; s < to; s++) {
    const first = ends[s] - length + 1;
    if (first < 0) throw new InternalError(`sequence ending at row ${ends[s]} starts before row 0`);
    const base = (s - from) * length * d;
    for (let j = 0; j < d; j++) {
      const col = X.columns[j];
      for (let k = 0; k < length; k++) out[base + k * d + j] = col[first + k];
    }
  }
  return out;
}

/**
 * Rows `rows` (ascending indices into a row table) with up to `history` rows before each
 * unbroken run of them prepended as sequence context: `idx` is the extended ascending index
 * list, `targets` the position in `idx` of every original row. The context rows lend their
 * features only; a caller never reads their labels. Runs of another series or across a gap
 * are cut later by buildSequences (groups / time), so the context may be taken generously.
 */
export function withHistory(
  rows: ArrayLike<number>,
  history: number,
): { idx: Int32Array; targets: Int32Array } {
  if (history <= 0) {
    const idx = Int32Array.from(rows);
    return { idx, targets: Int32Array.from({ length: idx.length }, (_, i) => i) };
  }
  const idx: number[] = [];
  const targets = new Int32Array(rows.length);
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r <= last) throw new InternalError('withHistory: rows must be ascending');
    for (let c = Math.max(last + 1, r - history); c < r; c++) idx.push(c);
    targets[i] = idx.length;
    idx.push(r);
    last = r;
  }
  return { idx: Int32Array.from(idx), targets };
}

/**
 * Sequence ends that are labelled targets, with the label index of each: `targets` are the
 * positions of the labelled rows (ascending); every row is a target when it is absent.
 */
export function targetEnds(
  ends: Int32Array,
  rows: number,
  targets?: ArrayLike<number>,
): { ends: Int32Array; labelOf: Int32Array } {
  if (!targets) return { ends, labelOf: ends };
  const pos = new Int32Array(rows).fill(-1);
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] < 0 || targets[i] >= rows)
      throw new InternalError(`target row ${targets[i]} out of range`);
    pos[targets[i]] = i;
  }
  const kept = Array.from(ends).filter((e) => pos[e] >= 0);
  return { ends: Int32Array.from(kept), labelOf: Int32Array.from(kept, (e) => pos[e]) };
}
