// No look-ahead through the whole pipeline: for several cut points t, running on the real data
// ending at t gives the same fold plan, signals, target positions, fills and equity up to the
// end of the last fold that fits before t as the run on the full data. (The truncated run
// liquidates at its last bar, so its final fill is left out of the comparison.)
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../data/bars';
import { runWalkForward } from './run';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';
import type { WalkForwardRequest, WalkForwardResult } from './types';

const N = 6200;
const CUTS = [3300, 4650, 5100, 6000];

function fillsBefore(r: WalkForwardResult, bar: number) {
  const f = r.per_symbol[0].simulation.fills;
  const out: number[][] = [];
  for (let i = 0; i < f.count; i++)
    if (f.bar[i] < bar)
      out.push([f.bar[i], f.decisionBar[i], f.quantity[i], f.price[i], f.fee[i], f.slippage[i]]);
  return out;
}

describe.each<[string, Partial<WalkForwardRequest>]>([
  ['gbc, next-open fills', {}],
  [
    'sgdc online, fills at the close, seed warm-up',
    {
      model: { ...smallGbcRequest().model, kind: 'sgdc', params: { max_iter: 3 } },
      online: true,
      fill: 'close',
      warmup: 'seed',
    },
  ],
])('truncation (%s)', (_name, over) => {
  let bars: Bars;
  let full: WalkForwardResult;
  beforeAll(async () => {
    bars = sampleSlice('BTC/USDT', N);
    full = await runWalkForward({ request: smallGbcRequest(over), bars: [bars] });
  });

  it.each(CUTS)('cut at bar %i', async (cut) => {
    const part = await runWalkForward({ request: smallGbcRequest(over), bars: [sliceBars(bars, 0, cut)] });
    const pf = part.plan.symbols[0].folds;
    const ff = full.plan.symbols[0].folds;
    expect(pf.length).toBeGreaterThan(0);
    expect(pf.length).toBeLessThanOrEqual(ff.length);
    expect(pf).toEqual(ff.slice(0, pf.length)); // the same folds, rows and times
    const end = pf[pf.length - 1].test_bars[1]; // one past the last test bar before the cut
    expect(end).toBeLessThanOrEqual(cut - 12); // its labels were known before the cut
    const a = part.per_symbol[0];
    const b = full.per_symbol[0];
    expect(Array.from(a.signal.subarray(0, end))).toEqual(Array.from(b.signal.subarray(0, end)));
    expect(Array.from(a.target.subarray(0, end))).toEqual(Array.from(b.target.subarray(0, end)));
    expect(fillsBefore(part, end - 1)).toEqual(fillsBefore(full, end - 1));
    const n = end - 1 - a.simulation.start;
    expect(Array.from(a.simulation.equity.subarray(0, n))).toEqual(
      Array.from(b.simulation.equity.subarray(0, n)),
    );
    expect(a.simulation.trades.filter((t) => t.exitBar < end - 1)).toEqual(
      b.simulation.trades.filter((t) => t.exitBar < end - 1),
    );
    expect(part.folds.map((f) => f.model_metrics)).toEqual(
      full.folds.slice(0, pf.length).map((f) => f.model_metrics),
    );
  });
});
