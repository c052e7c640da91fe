import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import { exp } from './exp';

describe('exp', () => {
  it("returns Math.exp's double, bit for bit, across every branch of its range and outside it", () => {
    const rng = createRng(31);
    const args = [0, -0, 1, -1, 0.5, Math.LN2 / 2, Math.LN2 * 1.5, 708, -708, 709, -745, 1e-300, -1e-9];
    args.push(2 ** -28, -(2 ** -28), 2 ** -29, Infinity, -Infinity, NaN);
    for (let i = 0; i < 200_000; i++) args.push((rng.next() - 0.5) * 40);
    for (let i = 0; i < 50_000; i++) args.push((rng.next() - 0.5) * 3, (rng.next() - 0.5) * 1500);
    let mismatches = 0;
    for (const x of args) if (!Object.is(exp(x), Math.exp(x))) mismatches++;
    expect(mismatches).toBe(0);
  });
});
