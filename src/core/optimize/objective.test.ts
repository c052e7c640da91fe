// Objectives and constraints by hand: normalised violations, the feasible-first ranking and the
// unbounded cases (no losing bar, no drawdown).
import { describe, expect, it } from 'vitest';
import { emptyFitness, type FitnessMetrics } from './fitness';
import { checkConstraints, objectiveValue, ranksAbove, UNBOUNDED, violation } from './objective';

const m = (over: Partial<FitnessMetrics>): FitnessMetrics => ({ ...emptyFitness(), ...over });

describe('objective and constraints', () => {
  it('sums normalised misses', () => {
    const c = { max_drawdown: -0.2, min_win_rate: 0.5, min_trades: 10 };
    expect(violation(c, m({ maxDrawdownPct: -10, winRate: 0.6, trades: 12 }))).toBe(0);
    expect(violation(c, m({ maxDrawdownPct: -20, winRate: 0.5, trades: 10 }))).toBe(0); // limits are inclusive
    expect(violation(c, m({ maxDrawdownPct: -30, winRate: 0.6, trades: 12 }))).toBeCloseTo(0.5, 12);
    expect(violation(c, m({ maxDrawdownPct: -10, winRate: 0.25, trades: 12 }))).toBeCloseTo(0.5, 12);
    expect(violation(c, m({ maxDrawdownPct: -10, winRate: 0.6, trades: 5 }))).toBeCloseTo(0.5, 12);
    expect(violation(c, m({ maxDrawdownPct: -40, winRate: NaN, trades: 0 }))).toBeCloseTo(1 + 1 + 1, 12);
    expect(violation({}, m({ maxDrawdownPct: -99 }))).toBe(0);
  });

  it('ranks every feasible candidate above every infeasible one', () => {
    expect(ranksAbove(-5, 0, 100, 0.01)).toBe(true);
    expect(ranksAbove(100, 0.01, -5, 0)).toBe(false);
    expect(ranksAbove(1, 0, 2, 0)).toBe(false);
    expect(ranksAbove(1, 0.2, 9, 0.3)).toBe(true); // infeasible: by how far they miss
    expect(ranksAbove(1, 0, 1, 0)).toBe(false);
  });

  it('maps each objective, with unbounded and undefined cases made finite', () => {
    const x = m({ sharpe: 1.5, sortino: 2, calmar: 0.7, totalReturnPct: 12 });
    expect(objectiveValue('sharpe', x)).toBe(1.5);
    expect(objectiveValue('sortino', x)).toBe(2);
    expect(objectiveValue('calmar', x)).toBe(0.7);
    expect(objectiveValue('total_return', x)).toBe(12);
    expect(objectiveValue('sortino', m({ sortino: Infinity }))).toBe(UNBOUNDED);
    expect(objectiveValue('calmar', m({ calmar: NaN, totalReturnPct: 3 }))).toBe(UNBOUNDED);
    expect(objectiveValue('calmar', m({ calmar: NaN, totalReturnPct: 0 }))).toBe(0);
    expect(() => objectiveValue('alpha' as never, x)).toThrow(/objective/);
  });

  it('checks constraint values', () => {
    expect(() => checkConstraints({ max_drawdown: -0.2, min_win_rate: 0.5, min_trades: 3 })).not.toThrow();
    expect(() => checkConstraints({ max_drawdown: 20 })).toThrow(/max_drawdown/);
    expect(() => checkConstraints({ min_win_rate: 50 })).toThrow(/min_win_rate/);
    expect(() => checkConstraints({ min_trades: 2.5 })).toThrow(/min_trades/);
  });
});
