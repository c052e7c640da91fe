import { describe, expect, it } from 'vitest';
import { loadSampleBars } from './sample';

describe('real sample (test helper)', () => {
  it('reads 37,660 hourly BTC/USDT bars from 2020-01-01 00:00 UTC', () => {
    const b = loadSampleBars('BTC/USDT');
    expect(b.time.length).toBe(37660);
    expect(new Date(b.time[0]).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(b.close[0]).toBe(7171.55);
    for (let i = 1; i < b.time.length; i++) expect(b.time[i] - b.time[i - 1]).toBe(3_600_000);
  });
});
