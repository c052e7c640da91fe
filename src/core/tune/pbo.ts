/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
 * Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting", 2015), over a
 * performance matrix of trials x tuning folds (each fold's objective value, higher is better):
 *  - the folds are cut into S groups of consecutive folds (S even, the fold count rounded down to
 *    even, at most 12; groups differ in size by at most one);
 *  - for every choice of S/2 groups as "in sample" (the rest out of sample), the trial with the
 *    best mean in sample is taken (first on ties); its out-of-sample rank r among the N trials is
 *    1 + (trials with a lower out-of-sample mean) + half of the others tied with it;
 *    w = r / (N + 1) and the logit l = ln(w / (1 - w));
 *  - PBO = the fraction of choices with l <= 0 (the in-sample winner is at or below the
 *    out-of-sample median).
 * A fold mean is the plain mean of the fold values in the chosen groups.
 */
import { InputError } from '../errors';

export interface PboResult {
  pbo: number;
  /** logit of every combination, in combination order */
  logits: number[];
  groups: number;
  combinations: number;
  trials: number;
  folds: number;
}

export const PBO_DEFINITION =
  'PBO by CSCV over the trials x tuning-folds matrix: folds cut into S (even) consecutive groups; for each half of the groups as in-sample, ' +
  'the best in-sample trial (mean fold value) is ranked out of sample, w = rank / (N + 1), logit = ln(w / (1 - w)); PBO = share of logits <= 0.';

function* halves(s: number): Generator<number[]> {
  const pick: number[] = [];
  function* rec(from: number): Generator<number[]> {
    if (pick.length === s / 2) {
      yield [...pick];
      return;
    }
    for (let i = from; i < s; i++) {
      pick.push(i);
      yield* rec(i + 1);
      pick.pop();
    }
  }
  yield* rec(0);
}

/** PBO of `matrix[trial][fold]`; null when there are fewer than 2 trials or 2 folds. */
export function pboCscv(matrix: readonly (readonly number[])[], maxGroups = 12): PboResult | null {
  const n = matrix.length;
  if (n < 2) return null;
  const folds = matrix[0].length;
  if (matrix.some((r) => r.length !== folds))
    throw new InputError(undefined, 'PBO needs one value per trial and fold.');
  const s = Math.min(maxGroups, folds - (folds % 2));
  if (s < 2) return null;
  const groupOf = Array.from({ length: folds }, (_, f) => Math.floor((f * s) / folds));
  const logits: number[] = [];
  for (const inSample of halves(s)) {
    const isIn = (f: number) => inSample.includes(groupOf[f]);
    const mean = (row: readonly number[], inside: boolean) => {
      let sum = 0;
      let c = 0;
      row.forEach((v, f) => {
        if (isIn(f) === inside) {
          sum += v;
          c++;
        }
      });
      return sum / c;
    };
    const ins = matrix.map((r) => mean(r, true));
    const outs = matrix.map((r) => mean(r, false));
    let best = 0;
    for (let i = 1; i < n; i++) if (ins[i] > ins[best]) best = i;
    const x = outs[best];
    let lower = 0;
    let ties = 0;
    for (let i = 0; i < n; i++) {
      if (i === best) continue;
      if (outs[i] < x) lower++;
      else if (outs[i] === x) ties++;
    }
    const w = (1 + lower + ties / 2) / (n + 1);
    logits.push(Math.log(w / (1 - w)));
  }
  return {
    pbo: logits.filter((l) => l <= 0).length / logits.length,
    logits,
    groups: s,
    combinations: logits.length,
    trials: n,
    folds,
  };
}
