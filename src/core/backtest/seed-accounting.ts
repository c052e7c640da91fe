/**
 * The seed's vectorised backtest arithmetic, kept to reproduce the seed's numbers exactly:
 *   E[t] = E[t-1] x (1 + w[t-1] x r[t] - c x |w[t] - w[t-1]|),  r[t] = close[t] / close[t-1] - 1,
 *   c = (fees_bps + slippage_bps) / 10,000, fill at the close of the decision bar.
 * It differs from the honest per-fill accounting in simulate.ts by second-order terms: the
 * cost is charged on the previous bar's equity rather than on the notional actually traded,
 * slippage does not move the fill price, and a fractional or short weight is rebalanced to
 * w x equity every bar at no cost. Use it for comparisons with the seed only.
 */
import { FillRecorder, tradesFromFills } from './fills';
import { resolveRun } from './run-options';
import type { SimulateOptions, SimulationResult } from './types';

export function simulateSeedAccounting(opts: SimulateOptions): SimulationResult {
  if ((opts.fill ?? 'next_open') !== 'close') {
    throw new RangeError(
      "accounting 'seed' reproduces the seed's fill-at-close arithmetic: set fill 'close'",
    );
  }
  const run = resolveRun(opts);
  const { start, end, fee, slip, capital } = run;
  const { close } = opts.bars;
  const target = opts.target;
  const c = fee + slip;
  const feeShare = c > 0 ? fee / c : 0;
  const len = end - start;
  const equity = new Float64Array(len);
  const cashOut = new Float64Array(len);
  const qtyOut = new Float64Array(len);
  const position = new Float64Array(len);
  const log = new FillRecorder();
  let E = capital;
  let wPrev = 0;
  let fees = 0;
  let slippage = 0;
  let notional = 0;
  for (let t = start; t < end; t++) {
    const d = target[t];
    let w = d === d ? d : 0;
    if (t === end - 1 && run.closeAtEnd) w = 0;
    const r = t > start ? close[t] / close[t - 1] - 1 : 0;
    const ePrev = E;
    const cost = c * Math.abs(w - wPrev) * ePrev;
    E = ePrev * (1 + wPrev * r - c * Math.abs(w - wPrev));
    const P = close[t];
    if (w !== wPrev) {
      const heldQty = t > start ? (wPrev * ePrev) / close[t - 1] : 0;
      const dq = (w * E) / P - heldQty;
      const fee = cost * feeShare;
      const slipCost = cost - fee;
      // the slippage share of the cost, expressed as a worse fill price (as in simulate.ts)
      const price = dq !== 0 ? P + (Math.sign(dq) * slipCost) / Math.abs(dq) : P;
      fees += fee;
      slippage += slipCost;
      notional += Math.abs(dq) * price;
      log.push(t, t, dq, price, fee, slipCost);
    }
    const qty = (w * E) / P;
    const i = t - start;
    equity[i] = E;
    qtyOut[i] = qty;
    cashOut[i] = E - qty * P;
    position[i] = w;
    wPrev = w;
  }
  const fills = log.finish();
  return {
    symbol: opts.bars.symbol,
    start,
    end,
    fill: 'close',
    accounting: 'seed',
    feesBps: opts.feesBps ?? 0,
    slippageBps: opts.slippageBps ?? 0,
    initialCapital: capital,
    time: opts.bars.time.subarray(start, end),
    equity,
    cash: cashOut,
    quantity: qtyOut,
    position,
    fills,
    trades: tradesFromFills({ fills, bars: opts.bars, foldIndex: opts.foldIndex, lastBar: end - 1 }),
    totals: { fees, slippage, tradedNotional: notional, fills: fills.count },
  };
}
