import { describe, expect, it } from 'vitest';
import { barsForPower, describeDuration } from './power';

describe('barsForPower', () => {
  it('needs (z_0.975 + z_0.8)^2 (se / d)^2 n bars: 7.849 n when d equals its standard error', () => {
    const r = barsForPower({ diff: 0.5, se: 0.5, n: 1000, barMs: 3_600_000 });
    expect(r.bars_needed).toBe(Math.ceil(1000 * (1.959963984540054 + 0.8416212335729143) ** 2));
    expect(r.more_bars).toBe(r.bars_needed - 1000);
    expect(r.text).toBe(`at this edge you need about 9 more months of hourly bars (6,849 bars)`);
  });

  it('says when the data already suffice, and when nothing was observed', () => {
    expect(barsForPower({ diff: 1, se: 0.1, n: 500, barMs: 86_400_000 }).more_bars).toBe(0);
    expect(barsForPower({ diff: 1, se: 0.1, n: 500, barMs: 86_400_000 }).text).toMatch(
      /already give 80% power/,
    );
    expect(barsForPower({ diff: 0, se: 0.1, n: 500, barMs: 86_400_000 }).more_bars).toBe(Infinity);
  });

  it('describes durations in days, months and years', () => {
    expect(describeDuration(3 * 86_400_000)).toBe('3 days');
    expect(describeDuration(400 * 86_400_000)).toBe('13 months');
    expect(describeDuration(1000 * 86_400_000)).toBe('2.7 years');
  });
});
