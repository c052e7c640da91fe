/** How the optimizer's result shows numbers: a dash for a missing or non-finite value. */

export const num = (v: number | null | undefined, d = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—';

export const pct = (v: number | null | undefined, d = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(d)}%` : '—';

/** a fraction as a percentage, e.g. a win rate of 0.5 as 50.0% */
export const frac = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—';

/** the date of an ISO time */
export const day = (iso: string) => iso.slice(0, 10);
