/**
 * Successive halving on walk-forward folds (the budget of a trial is how many tuning folds it has
 * been scored on). Rungs sit at 1/3 and 2/3 of the tuning folds (distinct, each below the full
 * count). At a rung, a trial's score over its folds so far is compared with every score recorded
 * at that rung before (its competitors) and itself; it continues only while it is in the top
 * 1/eta of them, by Optuna's SuccessiveHalvingPruner rule:
 *   k = floor(n / eta) - 1 (n = competitors + itself); k = -1 becomes 0 (the first trials at a
 *   rung continue only if best so far); promoted when score >= the (k + 1)-th best score.
 * Trials of one batch run side by side and see only the rung scores of earlier batches, so a
 * study gives the same prunes for a given seed and batch size, on any number of workers.
 */

/** Fold counts after which a trial may be pruned. */
export function rungsFor(folds: number): number[] {
  const out: number[] = [];
  for (const f of [1 / 3, 2 / 3]) {
    const r = Math.max(1, Math.round(folds * f));
    if (r < folds && !out.includes(r)) out.push(r);
  }
  return out;
}

/** True when `score` stays in the top 1/eta of `competitors` plus itself (higher is better). */
export function isPromotable(score: number, competitors: readonly number[], eta = 3): boolean {
  const all = [...competitors, score].sort((a, b) => b - a);
  let k = Math.floor(all.length / eta) - 1;
  if (k < 0) k = 0;
  return score >= all[k];
}
