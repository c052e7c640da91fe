import { describe, expect, it } from 'vitest';
import { errorMessage, formatBytes, formatInt, formatMs, formatPct } from './format';
import { DataError } from '../core/errors';

describe('errorMessage', () => {
  it("shows an Error's message, coded errors included, and anything else as text", () => {
    expect(errorMessage(new Error('Network down'))).toBe('Network down');
    const coded = new DataError('no-rows', 'BTCUSDT.csv has a header but no rows.');
    expect(errorMessage(coded)).toBe('BTCUSDT.csv has a header but no rows.');
    expect(errorMessage('worker crashed')).toBe('worker crashed');
    expect(errorMessage(404)).toBe('404');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('formatBytes', () => {
  it('picks B, KB, MB or GB at each power of 1024', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    // the sample parquet
    expect(formatBytes(2_325_747)).toBe('2.2 MB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1024.0 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.50 GB');
  });
  it('shows a dash for what is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatInt', () => {
  it('rounds and groups thousands the same way whatever the locale', () => {
    expect(formatInt(75_320)).toBe('75,320');
    expect(formatInt(37_659.6)).toBe('37,660');
    expect(formatInt(-1234.4)).toBe('-1,234');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(Number.NaN)).toBe('—');
  });
});

describe('formatMs', () => {
  it('shows whole milliseconds under a second, seconds with two decimals above', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(228.04)).toBe('228 ms');
    expect(formatMs(999)).toBe('999 ms');
    expect(formatMs(1000)).toBe('1.00 s');
    expect(formatMs(61_234)).toBe('61.23 s');
  });
});

describe('formatPct', () => {
  it('shows a percentage with the digits asked for (2 by default)', () => {
    expect(formatPct(12.3456)).toBe('12.35%');
    expect(formatPct(-3.1)).toBe('-3.10%');
    expect(formatPct(54.2, 1)).toBe('54.2%');
    expect(formatPct(0, 0)).toBe('0%');
  });
  it('shows a dash for a missing or non-finite value', () => {
    expect(formatPct(null)).toBe('—');
    expect(formatPct(undefined)).toBe('—');
    expect(formatPct(Number.NaN)).toBe('—');
    expect(formatPct(Number.NEGATIVE_INFINITY)).toBe('—');
  });
});
