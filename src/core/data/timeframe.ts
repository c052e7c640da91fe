/**
 * Timeframes: '1m', '15m', '1h', '4h', '1d', '1w' <-> milliseconds.
 */
import { DataError } from '../errors';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** '4h' -> 14,400,000. Units: s, m (or min), h, d, w. Months are not fixed-length and are refused. */
export function parseTimeframe(tf: string): number {
  const m = /^\s*(\d+)\s*(s|m|min|h|d|w)\s*$/i.exec(tf);
  if (!m || Number(m[1]) <= 0) {
    throw new DataError(
      'bad-timeframe',
      `Timeframe ${JSON.stringify(tf)} is not understood: expected a count and a unit, like 15m, 1h, 4h, 1d or 1w.`,
    );
  }
  const unit = m[2] === 'M' ? 'm' : m[2].toLowerCase();
  return Number(m[1]) * UNIT_MS[unit];
}

/** 14,400,000 -> '4h'; the largest unit that divides evenly. */
export function formatTimeframe(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'unknown';
  for (const [u, size] of [
    ['w', UNIT_MS.w],
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${u}`;
  }
  return `${ms}ms`;
}
