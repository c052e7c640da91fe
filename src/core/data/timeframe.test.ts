import { describe, expect, it } from 'vitest';
import { parseTimeframe, resampleChoices } from './timeframe';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('resampleChoices', () => {
  it('offers 1h (and every coarser multiple) for 30-minute bars', () => {
    const c = resampleChoices([30 * MIN]);
    expect(c.slice(0, 4)).toEqual(['1h', '90m', '2h', '3h']);
    expect(c).toContain('4h');
    expect(c).toContain('1d');
    expect(c).toContain('1w');
    expect(c).not.toContain('30m');
    expect(c).not.toContain('15m');
  });

  it('offers only whole multiples of the bar size, coarser than it', () => {
    for (const native of [MIN, 5 * MIN, 15 * MIN, HOUR, 4 * HOUR, 24 * HOUR, 7 * MIN]) {
      const c = resampleChoices([native]);
      expect(c.length).toBeGreaterThan(0);
      for (const tf of c) {
        const ms = parseTimeframe(tf);
        expect(ms).toBeGreaterThan(native);
        expect(ms % native).toBe(0);
      }
      const ms = c.map(parseTimeframe);
      expect(ms).toEqual([...ms].sort((a, b) => a - b));
    }
    expect(resampleChoices([HOUR])[0]).toBe('2h');
    expect(resampleChoices([7 * MIN]).slice(0, 3)).toEqual(['14m', '21m', '28m']);
  });

  it('with symbols of different bar sizes, offers multiples of them all', () => {
    expect(resampleChoices([30 * MIN, 45 * MIN])).toEqual(['90m', '3h', '6h', '12h', '1d', '2d', '3d', '1w']);
  });

  it('offers the whole ladder when the bar size is not known yet, and keeps the current choice', () => {
    const all = resampleChoices([]);
    expect(all[0]).toBe('1m');
    expect(all).toContain('1h');
    expect(all.at(-1)).toBe('1w');
    expect(resampleChoices([HOUR], '5h')).toContain('5h');
    expect(resampleChoices([HOUR], 'nonsense')).toEqual(resampleChoices([HOUR]));
  });
});
