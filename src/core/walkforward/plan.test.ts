// The fold plan on the real sample: the seed's 40 BTC folds row for row, the purge rule on
// every fold (also with bars missing), the JSON summary, and request errors.
import { describe, expect, it } from 'vitest';
import type { Bars } from '../data/bars';
import { InputError } from '../errors';
import { loadSampleBars } from '../test-utils/sample';
import { planWalkForward } from './plan';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';
import type { WalkForwardPlan } from './types';

const H = 12;

/** Every training row's label window [t, t + h] ends before its fold's test window starts (in time). */
function expectPurged(plan: WalkForwardPlan): number {
  let checked = 0;
  const bad: string[] = [];
  for (const d of plan.symbols) {
    const { barIndex } = d.dataset;
    d.folds.forEach((f, k) => {
      const [a, b] = d.rows[k].train;
      const [ta] = d.rows[k].test;
      const testStartTime = plan.origin + f.testStart * plan.request.bar_ms;
      if (ta < d.dataset.X.rows) expect(d.bars.time[barIndex[ta]]).toBeGreaterThanOrEqual(testStartTime);
      for (let r = a; r < b; r++) {
        // the label of row r needs the close of bar r + h: that bar must be before the test window
        const labelBar = barIndex[r] + H;
        if (!(labelBar < d.testBars[k][0] && d.bars.time[labelBar] < testStartTime))
          bad.push(`${d.symbol} fold ${k} row ${r}`);
        checked++;
      }
    });
  }
  expect(bad.slice(0, 5)).toEqual([]);
  return checked;
}

describe('planWalkForward', () => {
  it("reproduces the seed's 40 BTC folds (365d / 30d, h 12, seed warm-up) row for row", () => {
    const bars = loadSampleBars('BTC/USDT');
    const plan = planWalkForward(
      smallGbcRequest({ train_window: '365d', test_window: '30d', warmup: 'seed' }),
      [bars],
    );
    expect(plan.summary.fold_count).toBe(40);
    expect(plan.tasks).toHaveLength(40);
    const d = plan.symbols[0];
    // seed_reference.py: start = 24, fold k trains on bars [s, s + 8748) and tests on [s + 8760, s + 9480)
    d.folds.forEach((f, k) => {
      const s = 24 + 720 * k;
      const r = d.rows[k];
      expect(d.dataset.barIndex[r.train[0]]).toBe(s);
      expect(r.train[1] - r.train[0]).toBe(8748);
      expect(d.dataset.barIndex[r.train[1] - 1]).toBe(s + 8747);
      expect(r.purged).toBe(12);
      expect(d.testBars[k]).toEqual([s + 8760, s + 9480]);
      expect(r.test[1] - r.test[0]).toBe(720);
      expect(d.dataset.barIndex[r.test[0]]).toBe(s + 8760);
    });
    const json = plan.summary.symbols[0].folds[0];
    expect(json).toMatchObject({
      fold: 0,
      train_start: '2020-01-02T00:00:00.000Z',
      test_start: new Date(bars.time[24 + 8760]).toISOString(),
      train_rows: 8748,
      purged_rows: 12,
      test_rows: 720,
      train_bars: [24, 24 + 8748],
      test_bars: [24 + 8760, 24 + 9480],
    });
    // JSON-friendly as it is
    expect(JSON.parse(JSON.stringify(plan.summary))).toEqual(plan.summary);
    expect(expectPurged(plan)).toBe(40 * 8748);
  });

  it('keeps windows in calendar time and purges in time when bars are missing', () => {
    const full = sampleSlice('BTC/USDT', 6000);
    const req = smallGbcRequest({ train_window: '2000', test_window: '500' });
    const a = planWalkForward(req, [full]);
    // drop 25 real bars (an outage) ending 5 bars before fold 1's test window: slots = bar indices here
    const T = a.symbols[0].folds[1].testStart;
    const keep = (i: number) => i < T - 30 || i >= T - 5;
    const cut = (x: Float64Array) => x.filter((_, i) => keep(i));
    const gappy: Bars = {
      symbol: full.symbol,
      time: cut(full.time),
      open: cut(full.open),
      high: cut(full.high),
      low: cut(full.low),
      close: cut(full.close),
      volume: cut(full.volume),
    };
    const b = planWalkForward(req, [gappy]);
    expect(b.summary.symbols[0].missing_bars).toBe(25);
    expect(b.summary.warnings.join(' ')).toMatch(/25 bar\(s\) missing/);
    // the same windows in time ...
    const times = (p: WalkForwardPlan) =>
      p.summary.symbols[0].folds.map((f) => [f.train_start, f.train_end, f.test_start, f.test_end]);
    expect(times(b)).toEqual(times(a));
    // ... fold 1 has fewer training rows, and its purge is in time: the 7 rows just before the gap
    // have their 12th bar ahead after the gap, inside the test window, so they are purged too
    // (a purge of the last 12 slots alone would have kept them)
    const d = b.symbols[0];
    const slotOfRow = (r: number) => d.slot[d.dataset.barIndex[r]];
    const leaky: number[] = [];
    for (let r = 0; r < d.dataset.X.rows; r++) {
      if (slotOfRow(r) < T - H && d.slot[d.dataset.barIndex[r] + H] >= T) leaky.push(r);
    }
    expect(leaky).toHaveLength(7);
    expect(leaky.every((r) => r >= d.rows[1].train[1])).toBe(true);
    expect(d.rows[1].purged).toBe(H); // 7 before the gap + 5 after it
    expect(b.summary.symbols[0].folds[1].train_rows).toBe(a.summary.symbols[0].folds[1].train_rows - 18 - 7); // 18 missing in the window
    expectPurged(b);
  });

  it('purges every fold with an embargo, an expanding window and a custom step', () => {
    const bars = sampleSlice('BTC/USDT', 5000);
    const plan = planWalkForward(
      smallGbcRequest({ embargo: '24h', expanding: true, step: '250', test_window: '500' }),
      [bars],
    );
    expect(plan.request.embargo_bars).toBe(24);
    const s = plan.summary.symbols[0];
    expect(s.folds.length).toBeGreaterThan(3);
    expect(new Set(s.folds.map((f) => f.train_start)).size).toBe(1); // expanding
    for (const f of s.folds) {
      expect(f.embargoed_rows).toBe(24);
      expect(f.purged_rows).toBe(H);
    }
    expectPurged(plan);
  });

  it('plans each symbol on its own, or one shared plan when pooled', () => {
    const btc = sampleSlice('BTC/USDT', 4000);
    const eth = sampleSlice('ETH/USDT', 4000);
    const per = planWalkForward(smallGbcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'] }), [btc, eth]);
    expect(per.tasks.length).toBe(2 * per.summary.fold_count);
    expect(per.tasks.slice(0, 2).map((t) => [t.fold, t.symbols])).toEqual([
      [0, [0]],
      [0, [1]],
    ]);
    const pooled = planWalkForward(smallGbcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'], pooled: true }), [
      btc,
      eth,
    ]);
    expect(pooled.tasks.length).toBe(pooled.summary.fold_count);
    expect(pooled.tasks[0].symbols).toEqual([0, 1]);
    expectPurged(pooled);
    expect(planWalkForward(smallGbcRequest({ timeframe: '4h' }), [btc]).summary.warnings.join(' ')).toMatch(
      /timeframe 4h asked for, but the bars are 1h/,
    );
    expect(planWalkForward(smallGbcRequest({ timeframe: '1h' }), [btc]).summary.warnings).toEqual([]);
  });

  it('says what to fix', () => {
    const bars = sampleSlice('BTC/USDT', 3000);
    expect(() => planWalkForward(smallGbcRequest({ test_window: '90m' }), [bars])).toThrow(/whole number/);
    expect(() => planWalkForward(smallGbcRequest({ train_window: '10' }), [bars])).toThrow(
      /longer than the horizon/,
    );
    expect(() => planWalkForward(smallGbcRequest({ train_window: '365d' }), [bars])).toThrow(
      /No walk-forward fold fits/,
    );
    expect(() => planWalkForward(smallGbcRequest({ buy_threshold: 0.3 }), [bars])).toThrow(/Thresholds/);
    expect(() => planWalkForward(smallGbcRequest({ symbols: ['ETH/USDT'] }), [bars])).toThrow(/expected ETH/);
    expect(() =>
      planWalkForward(smallGbcRequest({ model: { ...smallGbcRequest().model, kind: 'gbr' } }), [bars]),
    ).toThrow(/regression model/);
  });

  it('refuses online learning with warm starts over overlapping test windows, and a bad online batch', () => {
    const bars = sampleSlice('BTC/USDT', 3000);
    const mlp = { ...smallGbcRequest().model, kind: 'mlp' as const };
    const overlapping = smallGbcRequest({ model: mlp, online: true, test_window: '10d', step: '5d' });
    const field = (req: typeof overlapping): string | null => {
      try {
        planWalkForward(req, [bars]);
        return null;
      } catch (e) {
        if (e instanceof InputError) return e.field ?? null;
        throw e;
      }
    };
    expect(field(overlapping)).toBe('step');
    expect(field({ ...overlapping, warm_start: false })).toBeNull();
    expect(field({ ...overlapping, online: false })).toBeNull();
    expect(field({ ...overlapping, step: '10d' })).toBeNull();
    // trees keep no chain between folds
    expect(field({ ...overlapping, model: smallGbcRequest().model })).toBeNull();
    expect(field({ ...overlapping, step: '10d', online_batch: 0 })).toBe('online_batch');
  });
});
