import { describe, expect, it } from 'vitest';
import { runFold } from './fold';
import { giveBackColumns, takeColumns } from './fold-scratch';
import { planWalkForward } from './plan';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';

describe('fold scratch columns', () => {
  it('are leased: taken columns are not handed out again until given back', () => {
    const a = takeColumns(3, 100);
    const b = takeColumns(3, 100);
    expect(b[0]).not.toBe(a[0]);
    giveBackColumns(a);
    const c = takeColumns(3, 80);
    expect(c[0]).toBe(a[0]);
    expect(c[0].length).toBeGreaterThanOrEqual(80);
    const d = takeColumns(3, 200); // none spare and too small: fresh ones
    expect(d[0].length).toBeGreaterThanOrEqual(200);
    giveBackColumns(c);
    giveBackColumns(d);
    expect(takeColumns(3, 150)[0]).toBe(d[0]); // the larger set was kept
  });

  it('leave fold results unchanged whether folds run one after another or interleaved', async () => {
    const plan = planWalkForward(smallGbcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'] }), [
      sampleSlice('BTC/USDT', 4000),
      sampleSlice('ETH/USDT', 4000),
    ]);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(4);
    const strip = (r: Awaited<ReturnType<typeof runFold>>) => ({
      ...r,
      fit_seconds: 0,
      predict_seconds: 0,
    });
    const sequential = [];
    for (let i = 0; i < plan.tasks.length; i++) sequential.push(strip(await runFold({ plan, task: i })));
    // every fit started before any ends: the folds cannot share one set of columns
    const interleaved = (
      await Promise.all(plan.tasks.map((_, i) => runFold({ plan, task: i })))
    ).map(strip);
    expect(interleaved).toEqual(sequential);
    // and a different fold order reuses columns last written by another fold
    const reversed = [];
    for (let i = plan.tasks.length - 1; i >= 0; i--) reversed.unshift(strip(await runFold({ plan, task: i })));
    expect(reversed).toEqual(sequential);
  });
});
