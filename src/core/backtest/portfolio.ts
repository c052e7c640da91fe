/**
 * Equal-weight portfolio of several symbols as a buy-and-hold of sleeves: each symbol is
 * simulated on its own with capital / N and the sleeves are never rebalanced against each
 * other (no cross-symbol trades, no hidden costs; per-symbol results stay exactly what they
 * are). Portfolio equity is the sum of the sleeves on the union of their timestamps; a sleeve
 * counts its last equity at or before a timestamp, or its initial capital before its first bar.
 */
import type { CostTotals, SimulationResult, Trade } from './types';

export interface Sleeve {
  symbol: string;
  time: Float64Array;
  equity: Float64Array;
  initialEquity: number;
  /** exposure per bar (quantity x close / equity) */
  position: Float64Array;
  /** the sleeve's buy-and-hold equity over the same bars */
  buyAndHold?: Float64Array;
  trades?: readonly Trade[];
  totals?: CostTotals;
}

export interface PortfolioCurve {
  symbols: string[];
  initialCapital: number;
  time: Float64Array;
  equity: Float64Array;
  /** net exposure: sum of sleeve value x sleeve position / portfolio equity */
  position: Float64Array;
  /** present when every sleeve has one */
  buyAndHold?: Float64Array;
  /** every sleeve's trades, ordered by entry time then symbol */
  trades: Trade[];
  totals: CostTotals;
}

/** A sleeve from a simulation result (with its buy-and-hold curve when given). */
export function sleeveOf(result: SimulationResult, buyAndHold?: Float64Array): Sleeve {
  return {
    symbol: result.symbol,
    time: result.time,
    equity: result.equity,
    initialEquity: result.initialCapital,
    position: result.position,
    buyAndHold,
    trades: result.trades,
    totals: result.totals,
  };
}

/** Sorted union of several increasing time arrays. */
export function unionTimes(times: readonly Float64Array[]): Float64Array {
  let total = 0;
  for (const t of times) total += t.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const t of times) {
    all.set(t, k);
    k += t.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  return all.slice(0, m);
}

/** `v` (at the ascending times `st`) carried forward onto `time`; `fallback` before the first of `st`. */
export function forwardFill(
  time: Float64Array,
  st: Float64Array,
  v: Float64Array,
  fallback: number,
  out: Float64Array,
): void {
  let j = -1;
  for (let i = 0; i < time.length; i++) {
    while (j + 1 < st.length && st[j + 1] <= time[i]) j++;
    out[i] = j < 0 ? fallback : v[j];
  }
}

export function combineSleeves(sleeves: readonly Sleeve[]): PortfolioCurve {
  if (sleeves.length === 0) throw new RangeError('a portfolio needs at least one sleeve');
  const each = sleeves[0].initialEquity;
  for (const s of sleeves) {
    if (s.initialEquity !== each) {
      throw new RangeError('equal weight: simulate every symbol with the same initial capital (capital / N)');
    }
  }
  const time = unionTimes(sleeves.map((s) => s.time));
  const n = time.length;
  const equity = new Float64Array(n);
  const exposure = new Float64Array(n);
  const withBh = sleeves.every((s) => s.buyAndHold);
  const bh = withBh ? new Float64Array(n) : undefined;
  const value = new Float64Array(n);
  const pos = new Float64Array(n);
  for (const s of sleeves) {
    forwardFill(time, s.time, s.equity, s.initialEquity, value);
    forwardFill(time, s.time, s.position, 0, pos);
    for (let i = 0; i < n; i++) {
      equity[i] += value[i];
      exposure[i] += value[i] * pos[i];
    }
    if (bh && s.buyAndHold) {
      forwardFill(time, s.time, s.buyAndHold, s.initialEquity, value);
      for (let i = 0; i < n; i++) bh[i] += value[i];
    }
  }
  for (let i = 0; i < n; i++) exposure[i] = exposure[i] === 0 ? 0 : exposure[i] / equity[i];
  const trades = sleeves
    .flatMap((s) => s.trades ?? [])
    .sort((a, b) => a.entryTime - b.entryTime || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const totals: CostTotals = { fees: 0, slippage: 0, tradedNotional: 0, fills: 0 };
  for (const s of sleeves) {
    if (!s.totals) continue;
    totals.fees += s.totals.fees;
    totals.slippage += s.totals.slippage;
    totals.tradedNotional += s.totals.tradedNotional;
    totals.fills += s.totals.fills;
  }
  return {
    symbols: sleeves.map((s) => s.symbol),
    initialCapital: each * sleeves.length,
    time,
    equity,
    position: exposure,
    buyAndHold: bh,
    trades,
    totals,
  };
}
