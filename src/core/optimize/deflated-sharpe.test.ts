// The deflated Sharpe ratio: the normal CDF and quantile against known values, and the paper's
// own numerical example (Bailey & Lopez de Prado 2014, section "A numerical example":
// N = 100 trials, V[SR] = 1/2 annualised, T = 1,250 daily returns, annualised SR 2.5,
// skewness -3, kurtosis 10 -> DSR ~ 0.9004).
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import {
  deflatedSharpe,
  expectedMaxSharpe,
  normCdf,
  normInv,
  probabilisticSharpe,
  returnMoments,
  variance,
} from './deflated-sharpe';

describe('deflated Sharpe ratio', () => {
  it('normal CDF and quantile match known values', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normCdf(-8)).toBeCloseTo(6.22096057427178e-16, 20);
    expect(normCdf(3)).toBeCloseTo(0.9986501019683699, 12);
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normInv(0.99)).toBeCloseTo(2.3263478740408408, 8);
    expect(normInv(0.01)).toBeCloseTo(-2.3263478740408408, 8);
    expect(normInv(1e-6)).toBeCloseTo(-4.753424308822899, 7);
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1.5)).toBeNaN();
  });

  it("reproduces the paper's numerical example (DSR ~ 0.9004)", () => {
    const days = 250;
    const sr0 = expectedMaxSharpe(100, 0.5 / days);
    expect(sr0).toBeCloseTo(0.1132, 4); // the paper: E[max SR] ~ 0.1132 (per day)
    const dsr = probabilisticSharpe({
      sharpe: 2.5 / Math.sqrt(days),
      count: 1250,
      skew: -3,
      kurtosis: 10,
      benchmark: sr0,
    });
    expect(dsr).toBeCloseTo(0.9004, 3);
  });

  it('moments of a sample; more trials deflate more', () => {
    const rng = createRng(5);
    const r = Float64Array.from({ length: 20_000 }, () => 0.001 + 0.01 * rng.normal());
    const m = returnMoments(r);
    expect(m.sharpe).toBeCloseTo(0.1, 1);
    expect(Math.abs(m.skew)).toBeLessThan(0.1);
    expect(m.kurtosis).toBeCloseTo(3, 0);
    const few = deflatedSharpe({ returns: r, trials: 10, trialVariance: 1e-3 });
    const many = deflatedSharpe({ returns: r, trials: 10_000, trialVariance: 1e-3 });
    expect(many.benchmark).toBeGreaterThan(few.benchmark);
    expect(many.dsr).toBeLessThan(few.dsr);
    expect(few.psr).toBeGreaterThan(0.999);
    expect(deflatedSharpe({ returns: r, trials: 1, trialVariance: 1e-3 }).dsr).toBe(few.psr); // one trial: no deflation
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
  });
});
