// The time-ordered split and its purge, on hand-made times and on the real sample.
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { buildDataset } from './dataset';
import { splitDataset } from './split-dataset';
import { splitRowsByTime, trainValidSplit } from './train-valid';

const H = 3_600_000;
const hours = (n: number, from = 0) => Float64Array.from({ length: n }, (_, i) => (from + i) * H);

describe('trainValidSplit on 100 gapless hourly rows', () => {
  const time = hours(100);

  it("align 'end': validation is the last window, the h rows before it are purged", () => {
    const s = trainValidSplit({ time, barMs: H, horizon: 3, trainWindow: 50, validWindow: 20 });
    expect(Array.from(s.valid)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    expect(Array.from(s.train)).toEqual(Array.from({ length: 47 }, (_, i) => 30 + i));
    expect(Array.from(s.purged)).toEqual([77, 78, 79]);
    // the last training label (row 76, bar 79) is known before validation starts (bar 80)
    expect(time[s.train[s.train.length - 1]] + 3 * H).toBeLessThan(s.validStart);
    expect(s.description).toMatch(/train 47 rows .* 3 rows purged .* valid 20 rows/);
  });

  it("align 'start' with an embargo, and windows as strings", () => {
    const s = trainValidSplit({
      time,
      barMs: H,
      horizon: 2,
      trainWindow: '1d',
      validWindow: '10h',
      align: 'start',
      start: 5 * H,
      embargo: 1,
    });
    expect(s.train[0]).toBe(5);
    expect(s.train[s.train.length - 1]).toBe(5 + 24 - 2 - 1 - 1);
    expect(s.purged.length).toBe(3);
    expect(Array.from(s.valid)).toEqual(Array.from({ length: 10 }, (_, i) => 29 + i));
  });

  it('a training window longer than the data keeps what exists; empty sides throw', () => {
    const s = trainValidSplit({ time, barMs: H, horizon: 1, trainWindow: 1000, validWindow: 10 });
    expect(s.train.length).toBe(89);
    expect(() => trainValidSplit({ time, barMs: H, horizon: 1, trainWindow: 5, validWindow: 100 })).toThrow(
      /no labelled rows/,
    );
  });

  it('purges by label time, so a gap in the bars is handled', () => {
    // bars 0..9 then a 10-hour gap, then 20..29: the label of bar 8 (h=2) is bar 20's close
    const t = Float64Array.from([...hours(10), ...hours(10, 20)]);
    const labelTime = Float64Array.from(t, (_, i) => t[Math.min(i + 2, t.length - 1)]);
    const s = splitRowsByTime({ time: t, labelTime, trainStart: 0, validStart: 20 * H, validEnd: 30 * H });
    expect(Array.from(s.train)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(s.purged)).toEqual([8, 9]);
    expect(s.valid.length).toBe(10);
  });
});

describe('splitDataset on pooled BTC/USDT and ETH/USDT', () => {
  const ds = buildDataset({
    barsBySymbol: [loadSampleBars('BTC/USDT'), loadSampleBars('ETH/USDT')],
    label: { kind: 'binary', horizon: 12 },
  });
  const s = splitDataset(ds, { trainWindow: '365d', validWindow: '30d' });

  it('selects the same time ranges for both symbols, validation after training', () => {
    expect(s.valid.length).toBe(2 * 720);
    expect(s.train.length).toBe(2 * (8760 - 12));
    expect(s.purged.length).toBe(2 * 12);
    let maxTrainLabel = -Infinity;
    let minValid = Infinity;
    for (const i of s.train) maxTrainLabel = Math.max(maxTrainLabel, ds.labelTime[i]);
    for (const i of s.valid) minValid = Math.min(minValid, ds.time[i]);
    expect(maxTrainLabel).toBeLessThan(minValid);
    expect(minValid).toBe(s.validStart);
    // the most recent labelled bar of each symbol is the last validation row
    const lastRow = ds.perSymbol[0].rowEnd - 1;
    expect(s.valid).toContain(lastRow);
    const bySymbol = [0, 0];
    for (const i of s.train) bySymbol[ds.symbolIndex[i]]++;
    expect(bySymbol).toEqual([8748, 8748]);
  });
});
