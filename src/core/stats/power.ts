/**
 * How much more data a test would need: with an observed difference d whose standard error is
 * se after n bars (se shrinks as 1 / sqrt(n)), a two-sided test at level alpha reaches power
 * 1 - beta after
 *   n* = n ((z_{1-alpha/2} + z_{1-beta}) se / |d|)^2  bars,  more = max(0, ceil(n* - n)).
 * Also the same in plain words ("about 14 more months of hourly bars").
 */
import { normInv } from './normal';

export interface PowerResult {
  bars_needed: number;
  more_bars: number;
  /** the same in words */
  text: string;
}

const DAY = 86_400_000;

/** A duration in plain words: days, months or years. */
export function describeDuration(ms: number): string {
  const days = ms / DAY;
  if (days < 60) return `${Math.max(1, Math.round(days))} day${Math.round(days) === 1 ? '' : 's'}`;
  const months = days / 30.44;
  if (months < 24) return `${Math.round(months)} months`;
  return `${(months / 12).toFixed(1)} years`;
}

function barName(barMs: number): string {
  if (barMs === 60_000) return 'minute bars';
  if (barMs === 3_600_000) return 'hourly bars';
  if (barMs === DAY) return 'daily bars';
  if (barMs % 3_600_000 === 0) return `${barMs / 3_600_000}-hour bars`;
  return `${Math.round(barMs / 60_000)}-minute bars`;
}

export function barsForPower(o: {
  diff: number;
  se: number;
  n: number;
  barMs: number;
  alpha?: number;
  power?: number;
}): PowerResult {
  const za = normInv(1 - (o.alpha ?? 0.05) / 2);
  const zb = normInv(o.power ?? 0.8);
  if (!(Math.abs(o.diff) > 0) || !(o.se > 0))
    return {
      bars_needed: Infinity,
      more_bars: Infinity,
      text: 'no difference was observed, so no amount of data would detect it',
    };
  const needed = o.n * (((za + zb) * o.se) / Math.abs(o.diff)) ** 2;
  const more = Math.max(0, Math.ceil(needed - o.n));
  const text =
    more === 0
      ? `the ${o.n.toLocaleString('en-US')} bars already give ${Math.round((o.power ?? 0.8) * 100)}% power at this edge`
      : `at this edge you need about ${describeDuration(more * o.barMs).replace(/^(\S+) /, '$1 more ')} of ${barName(o.barMs)} (${more.toLocaleString('en-US')} bars)`;
  return { bars_needed: Math.ceil(needed), more_bars: more, text };
}
