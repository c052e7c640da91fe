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

/** Bar sizes offered for resampling, where they are whole multiples of the data's own. */
const RESAMPLE_LADDER = '1m 2m 3m 5m 10m 15m 20m 30m 1h 2h 3h 4h 6h 8h 12h 1d 2d 3d 1w'
  .split(' ')
  .map(parseTimeframe);

/**
 * The coarser timeframes a dataset can be resampled to, shortest first, given the bar size of
 * each of its symbols (ms; as measured by validation): every size on the usual ladder
 * (1m ... 1w) that is a whole multiple of them all, plus 2x, 3x and 4x the largest, so the
 * next size up is always offered. Nothing known yet (no dataset loaded): the whole ladder.
 * `keep` (the current choice) stays in the list.
 */
export function resampleChoices(nativeBarMs: readonly number[], keep?: string): string[] {
  const natives = nativeBarMs.filter((ms) => Number.isFinite(ms) && ms > 0);
  const largest = Math.max(0, ...natives);
  const fits = (ms: number) => ms > largest && natives.every((n) => ms % n === 0);
  const sizes = new Set([...RESAMPLE_LADDER, largest * 2, largest * 3, largest * 4].filter(fits));
  if (keep) {
    try {
      sizes.add(parseTimeframe(keep));
    } catch {
      // a value that is not a timeframe is not offered
    }
  }
  return [...sizes].sort((a, b) => a - b).map(formatTimeframe);
}
