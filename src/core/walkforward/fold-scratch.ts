/**
 * Columns for a fold's scaled training matrix, reused from one fold to the next on the same
 * thread. A walk-forward worker fits dozens of folds of the same size one after another, and a
 * fresh matrix per fold (19 columns x 8,748 rows on the seed) costs more in first touches of new
 * memory than the scaling itself (a tenth of a tree fold's own time in Chromium).
 *
 * Only for model kinds whose fit keeps nothing of X once it has returned (REUSES_TRAINING_X:
 * the boosting kinds bin X into their own codes; the model holds trees only). The columns are
 * leased: a fold takes them for its fit and gives them back after it, and a fold that finds them
 * taken (two fits interleaved at their awaits on one thread) gets fresh ones.
 */
import type { ModelKind } from '../models/types';

/** Kinds whose fitted model and fit keep no reference to the training matrix after the fit. */
const REUSES_TRAINING_X: ReadonlySet<ModelKind> = new Set<ModelKind>(['gbc', 'gbr']);

export function reusesTrainingX(kind: ModelKind): boolean {
  return REUSES_TRAINING_X.has(kind);
}

let free: Float64Array[] | null = null;

/** `cols` columns of at least `rows` entries (contents undefined): the spare ones when large enough. */
export function takeColumns(cols: number, rows: number): Float64Array[] {
  const spare = free;
  free = null;
  if (spare && spare.length === cols && spare[0].length >= rows) return spare;
  // room for a little growth (expanding windows) before the next allocation
  const size = spare && spare.length === cols ? Math.max(rows, Math.ceil(spare[0].length * 1.25)) : rows;
  return Array.from({ length: cols }, () => new Float64Array(size));
}

/** Hands columns back for the next fold (the larger set is kept). */
export function giveBackColumns(columns: Float64Array[]): void {
  if (!free || (columns.length > 0 && free.length === columns.length && columns[0].length >= free[0].length))
    free = columns;
}
