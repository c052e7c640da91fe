/**
 * Parameter importance of a study, kept apart from the study's report (which reaches the
 * walk-forward and the models) so the Tune panel can import it without TensorFlow.js.
 */
import type { SearchSpace } from './space';
import type { TrialResult } from './trial';

/**
 * Importance of each parameter: the share of the score's variance its values explain (the
 * correlation ratio eta^2: categories as groups, numbers in 4 quantile bins), over complete
 * trials, normalised to sum to 1. A cheap stand-in for fANOVA.
 */
export function paramImportance(space: SearchSpace, trials: readonly TrialResult[]): Record<string, number> {
  const ts = trials.filter((t) => t.state === 'complete' && t.score > -1e8);
  const raw: Record<string, number> = {};
  for (const name of Object.keys(space)) {
    const with_ = ts.filter((t) => name in t.params);
    if (with_.length < 3) {
      raw[name] = 0;
      continue;
    }
    const ys = with_.map((t) => t.score);
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const total = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
    const p = space[name];
    let keyOf: (v: unknown) => string;
    if (p.type === 'categorical') keyOf = (v) => JSON.stringify(v);
    else {
      const sorted = with_.map((t) => Number(t.params[name])).sort((a, b) => a - b);
      const cuts = [0.25, 0.5, 0.75].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
      keyOf = (v) => String(cuts.filter((c) => Number(v) > c).length);
    }
    const groups = new Map<string, number[]>();
    with_.forEach((t) => {
      const k = keyOf(t.params[name]);
      groups.set(k, [...(groups.get(k) ?? []), t.score]);
    });
    let between = 0;
    for (const g of groups.values()) {
      const m = g.reduce((a, b) => a + b, 0) / g.length;
      between += g.length * (m - mean) ** 2;
    }
    raw[name] = total > 0 ? between / total : 0;
  }
  const sum = Object.values(raw).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, sum > 0 ? v / sum : 0]));
}
