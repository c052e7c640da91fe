import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { formatBarMs, inferBarMs, parseWindow } from './windows';

const H = 3_600_000;

describe('parseWindow', () => {
  it('reads durations at the bar size and bare bar counts', () => {
    expect(parseWindow('365d', H)).toBe(8760);
    expect(parseWindow('30d', H)).toBe(720);
    expect(parseWindow('12h', H)).toBe(12);
    expect(parseWindow('4w', H)).toBe(672);
    expect(parseWindow('90m', 15 * 60_000)).toBe(6);
    expect(parseWindow('8760', H)).toBe(8760);
    expect(parseWindow(500, H)).toBe(500);
    expect(parseWindow(' 60D ', H)).toBe(1440);
    expect(parseWindow('30d', 86_400_000)).toBe(30);
  });

  it('rejects what is not a whole positive number of bars', () => {
    expect(() => parseWindow('90m', H)).toThrow(/whole number/);
    expect(() => parseWindow('12h', 86_400_000)).toThrow(/whole number/);
    expect(() => parseWindow('0', H)).toThrow();
    expect(() => parseWindow('0d', H)).toThrow();
    expect(() => parseWindow('1y', H)).toThrow(/cannot read/);
    expect(() => parseWindow('-5d', H)).toThrow(/cannot read/);
    expect(() => parseWindow(2.5, H)).toThrow();
    expect(() => parseWindow('3d', 0)).toThrow(/bar size/);
  });
});

describe('inferBarMs / formatBarMs', () => {
  it('finds 1h on the sample and formats sizes', () => {
    expect(inferBarMs(loadSampleBars('BTC/USDT').time)).toBe(H);
    expect(inferBarMs(Float64Array.from([0, 60_000, 120_000, 600_000, 660_000]))).toBe(60_000);
    expect(formatBarMs(H)).toBe('1h');
    expect(formatBarMs(4 * H)).toBe('4h');
    expect(formatBarMs(86_400_000)).toBe('1d');
    expect(formatBarMs(15 * 60_000)).toBe('15m');
    expect(formatBarMs(1500)).toBe('1500ms');
    expect(() => inferBarMs(Float64Array.from([5]))).toThrow();
  });
});
