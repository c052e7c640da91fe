import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { foldIndexPerBar, planFolds } from './folds';

// The seed's usable range on the BTC sample, from golden/seed_backtest_golden.py:
// start = 24 (first row with every feature), end = 37648 (last row with a 12-bar label + 1).
const SEED = { firstRow: 24, endRow: 37648, trainBars: 8760, testBars: 720, horizon: 12 };

describe('planFolds', () => {
  it("gives the seed's 40 folds on 37,660 BTC bars (365d / 30d, h = 12)", () => {
    const bars = loadSampleBars('BTC/USDT');
    expect(bars.time.length).toBe(37660);
    const folds = planFolds({ ...SEED, time: bars.time });
    expect(folds.length).toBe(40);
    // the seed: for s in range(start, end - train - test + 1, test): tr = [s, s+train-h), te = [s+train, s+train+test)
    const seedStarts: number[] = [];
    for (let s = SEED.firstRow; s < SEED.endRow - 8760 - 720 + 1; s += 720) seedStarts.push(s);
    expect(folds.map((f) => f.trainStart)).toEqual(seedStarts);
    folds.forEach((f, k) => {
      const s = 24 + k * 720;
      expect(f).toMatchObject({ index: k, trainStart: s, trainEnd: s + 8760 - 12, testStart: s + 8760 });
      expect(f.testEnd).toBe(s + 8760 + 720);
      expect(f.purged).toEqual([s + 8760 - 12, s + 8760]);
      expect(f.embargoed).toEqual([f.trainEnd, f.trainEnd]);
    });
    // golden: first and last test rows of the seed run
    expect(folds[0].testStart).toBe(8784);
    expect(folds[39].testEnd - 1).toBe(37583);
    expect(new Date(folds[0].times!.testStart).toISOString()).toBe('2021-01-01T00:00:00.000Z');
    expect(folds[0].times!.trainLast).toBe(bars.time[folds[0].trainEnd - 1]);
  });

  it('purge: no training row has a label window [t, t+h] that reaches its test window', () => {
    for (const opts of [
      SEED,
      { ...SEED, expanding: true },
      { ...SEED, step: 200, embargo: 5 },
      { firstRow: 0, endRow: 500, trainBars: 100, testBars: 30, horizon: 7, step: 17 },
    ]) {
      const folds = planFolds(opts);
      expect(folds.length).toBeGreaterThan(0);
      for (const f of folds) {
        let overlapping = 0;
        for (let t = f.trainStart; t < f.trainEnd; t++) if (t + opts.horizon >= f.testStart) overlapping++;
        expect(overlapping).toBe(0);
        // the last training row's label window ends right before the (purge + embargo) gap closes
        expect(f.trainEnd - 1 + opts.horizon).toBeLessThan(f.testStart);
        // and nothing more than necessary is dropped without embargo
        expect(f.testStart - f.trainEnd).toBe(opts.horizon + ('embargo' in opts ? (opts.embargo ?? 0) : 0));
        expect(f.testEnd).toBeLessThanOrEqual(opts.endRow);
      }
    }
  });

  it('expanding windows start at the first row and grow by the step', () => {
    const folds = planFolds({ ...SEED, expanding: true });
    expect(folds.length).toBe(40);
    folds.forEach((f, k) => {
      expect(f.trainStart).toBe(24);
      expect(f.trainEnd).toBe(24 + 8760 - 12 + k * 720);
    });
  });

  it('embargo widens the gap before the test window, purge rows closest to it', () => {
    const [f] = planFolds({ firstRow: 0, endRow: 200, trainBars: 100, testBars: 50, horizon: 3, embargo: 4 });
    expect(f).toMatchObject({
      trainStart: 0,
      trainEnd: 93,
      embargoed: [93, 97],
      purged: [97, 100],
      testStart: 100,
    });
  });

  it('no fold when the data is too short; bad windows throw', () => {
    expect(planFolds({ firstRow: 0, endRow: 100, trainBars: 90, testBars: 11, horizon: 1 })).toEqual([]);
    expect(planFolds({ firstRow: 0, endRow: 101, trainBars: 90, testBars: 11, horizon: 1 }).length).toBe(1);
    expect(() => planFolds({ firstRow: 0, endRow: 100, trainBars: 5, testBars: 10, horizon: 5 })).toThrow(
      RangeError,
    );
    expect(() => planFolds({ firstRow: 0, endRow: 100, trainBars: 50, testBars: 0, horizon: 1 })).toThrow(
      RangeError,
    );
  });

  it('foldIndexPerBar marks test rows with their fold, the latest fold winning on overlap', () => {
    const folds = planFolds({ firstRow: 0, endRow: 20, trainBars: 5, testBars: 4, step: 3, horizon: 1 });
    const idx = foldIndexPerBar(folds, 20);
    expect(Array.from(idx)).toEqual([-1, -1, -1, -1, -1, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, -1, -1]);
  });
});
