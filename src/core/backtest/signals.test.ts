import { describe, expect, it } from 'vitest';
import { classificationTargets, regressionTargets, roundTripCost } from './signals';

const p = Float64Array.from([NaN, 0.6, 0.5, 0.4, 0.55, 0.61, NaN, 0.5, 0.39, 0.7]);

describe('classificationTargets', () => {
  it('long at >= buy, exit at <= sell, keep in between, flat without prediction', () => {
    const t = classificationTargets({ prob: p, buyThreshold: 0.6, sellThreshold: 0.4 });
    expect(Array.from(t)).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0, 1]);
  });
  it("strict: the seed's > and <", () => {
    const t = classificationTargets({ prob: p, buyThreshold: 0.6, sellThreshold: 0.4, strict: true });
    expect(Array.from(t)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it('long/short and fractional size', () => {
    const t = classificationTargets({
      prob: p,
      buyThreshold: 0.6,
      sellThreshold: 0.4,
      longShort: true,
      size: 0.5,
    });
    expect(Array.from(t)).toEqual([0, 0.5, 0.5, -0.5, -0.5, 0.5, 0, 0, -0.5, 0.5]);
  });
  it('rejects buy < sell', () => {
    expect(() => classificationTargets({ prob: p, buyThreshold: 0.3, sellThreshold: 0.4 })).toThrow(
      RangeError,
    );
  });
});

describe('regressionTargets', () => {
  const pred = Float64Array.from([0.003, 0.0019, 0.0021, -0.0025, NaN, 0]);
  it('default hurdle is the round-trip cost', () => {
    expect(roundTripCost(5, 5)).toBeCloseTo(0.002, 15);
    const t = regressionTargets({ pred, feesBps: 5, slippageBps: 5, longShort: true });
    expect(Array.from(t)).toEqual([1, 0, 1, -1, 0, 0]);
  });
  it('explicit hurdle, long only', () => {
    expect(Array.from(regressionTargets({ pred, hurdle: 0 }))).toEqual([1, 1, 1, 0, 0, 0]);
  });
});
