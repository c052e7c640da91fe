/** One line per comparison: which run is better, by how much, how sure, and what more data would take. */
import type { AbPair } from './report-type';

const f2 = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);
const pv = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

export function verdictOf(
  p: Omit<AbPair, 'better' | 'verdict'>,
  names: string[],
  alpha: number,
): Pick<AbPair, 'better' | 'verdict'> {
  const s = p.bootstrap.stats.sharpe_diff;
  const A = names[p.a];
  const B = names[p.b];
  const level = Math.round((1 - alpha) * 100);
  const head = `${A} vs ${B}: Sharpe ${f2(s.estimate)} a year [${level}% interval ${f2(s.lo)} to ${f2(s.hi)}], p = ${pv(s.p_value)} (bootstrap), ${pv(p.ledoit_wolf.p_value)} (Ledoit-Wolf)`;
  const model =
    typeof p.model === 'string'
      ? ''
      : `; forecasts: Diebold-Mariano p = ${pv(p.model.diebold_mariano.p_value)}${p.model.delong ? `, AUC ${f2(p.model.delong.diff)} (DeLong p = ${pv(p.model.delong.p_value)})` : ''}`;
  if (s.p_value < alpha) {
    const better = s.estimate > 0 ? 'a' : 'b';
    const winner = better === 'a' ? A : B;
    return {
      better,
      verdict: `${winner} is better. ${head}: significant at ${Math.round(alpha * 100)}%${model}.`,
    };
  }
  return {
    better: 'neither',
    verdict: `Neither is shown better. ${head}: not significant at ${Math.round(alpha * 100)}%${model}; ${p.power.text}.`,
  };
}
