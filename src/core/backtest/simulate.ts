/**
 * Bar-by-bar execution: target positions -> fills -> cash, quantity and equity at market.
 *
 * A decision taken at the close of bar t fills at the open of bar t+1 ('next_open', default) or
 * at the close of bar t ('close'). A fill happens only when the target changes; it trades the
 * holding to exactly target x equity, costs included (closed form below). Equity is
 * cash + quantity x close at every bar. The loop allocates nothing per bar (typed arrays; fills
 * go to a growable log, trades are built from it afterwards), which is what lets it run at
 * well over 10 million bars per second.
 */
import { FillRecorder, tradesFromFills } from './fills';
import { resolveRun } from './run-options';
import { simulateSeedAccounting } from './seed-accounting';
import type { SimulateOptions, SimulationResult } from './types';

/** Slots of the fill state (a Float64Array of STATE_SIZE): cash, quantity, target held, cost totals. */
export const CASH = 0;
export const QTY = 1;
export const HELD = 2;
export const FEES = 3;
export const SLIP = 4;
export const NOTIONAL = 5;
export const STATE_SIZE = 6;

export interface FillCosts {
  /** buying one unit of notional at reference price P costs P (1+s) (1+f) */
  kBuy: number;
  /** selling one unit at reference price P yields P (1-s) (1-f) */
  kSell: number;
  fee: number;
  slip: number;
}

/**
 * Trade the holding to w x equity at reference price P. Post-trade exposure equals w times
 * post-trade equity: buying dq > 0 costs dq P kBuy, so (q + dq) P = w (E - dq P (kBuy - 1)),
 * i.e. dq P = (w E - q P) / (1 + w (kBuy - 1)); selling: dq P = (w E - q P) / (1 - w (1 - kSell)).
 * w = 0 sells exactly the quantity held.
 */
export function execute(
  st: Float64Array,
  log: Pick<FillRecorder, 'push'>,
  k: FillCosts,
  bar: number,
  decisionBar: number,
  P: number,
  w: number,
): void {
  const cash = st[CASH];
  const q = st[QTY];
  const gap = w * (cash + q * P) - q * P;
  let dq: number;
  if (w === 0) dq = -q;
  else if (gap > 0) dq = gap / (1 + w * (k.kBuy - 1)) / P;
  else dq = gap / (1 - w * (1 - k.kSell)) / P;
  st[HELD] = w;
  if (dq === 0) return;
  const fillPrice = dq > 0 ? P * (1 + k.slip) : P * (1 - k.slip);
  const notional = Math.abs(dq) * fillPrice;
  const fee = notional * k.fee;
  const slippage = Math.abs(dq) * P * k.slip;
  st[CASH] = cash - dq * fillPrice - fee;
  st[QTY] = w === 0 ? 0 : q + dq;
  st[FEES] += fee;
  st[SLIP] += slippage;
  st[NOTIONAL] += notional;
  log.push(bar, decisionBar, dq, fillPrice, fee, slippage);
}

/** The per-fill cost factors of fees and slippage given in basis points. */
export function fillCosts(feesBps: number, slippageBps: number): FillCosts {
  const fee = feesBps / 1e4;
  const slip = slippageBps / 1e4;
  return { kBuy: (1 + slip) * (1 + fee), kSell: (1 - slip) * (1 - fee), fee, slip };
}

/**
 * An upper bound on the fills of [start, end): one per change of target plus the closing one, so
 * the fill log is sized once instead of grown by doubling.
 */
function fillCapacity(target: Float64Array, start: number, end: number): number {
  let changes = 1;
  let prev = 0;
  for (let t = start; t < end; t++) {
    const d = target[t];
    const w = d === d ? d : 0;
    if (w !== prev) changes++;
    prev = w;
  }
  return changes + 1;
}

/** Simulate one symbol over [start, end). */
export function simulate(opts: SimulateOptions): SimulationResult {
  if ((opts.accounting ?? 'fills') === 'seed') return simulateSeedAccounting(opts);
  const run = resolveRun(opts);
  const { start, end, fee, slip, capital } = run;
  const { open, close } = opts.bars;
  const target = opts.target;
  const fillTiming = opts.fill ?? 'next_open';
  const nextOpen = fillTiming === 'next_open';
  const len = end - start;
  const equity = new Float64Array(len);
  const cashOut = new Float64Array(len);
  const qtyOut = new Float64Array(len);
  const position = new Float64Array(len);
  const log = new FillRecorder(fillCapacity(target, start, end));
  // buying one unit of notional at reference price P costs P(1+s)(1+f); selling yields P(1-s)(1-f)
  const kBuy = (1 + slip) * (1 + fee);
  const kSell = (1 - slip) * (1 - fee);
  // fill state in a typed array so the fill routine is a plain top-level function; the per-bar
  // path reads cash and quantity from locals, refreshed after each fill (a few bars in a hundred)
  const st = new Float64Array(STATE_SIZE);
  st[CASH] = capital;
  const cost: FillCosts = { kBuy, kSell, fee, slip };
  const closeAtEnd = run.closeAtEnd;
  const last = end - 1;
  let cash = capital;
  let q = 0;
  let held = 0;
  if (nextOpen) {
    for (let t = start; t < end; t++) {
      if (t > start) {
        const d = target[t - 1];
        const w = d === d ? d : 0; // NaN -> flat
        if (w !== held) {
          execute(st, log, cost, t, t - 1, open[t], w);
          held = w;
          cash = st[CASH];
          q = st[QTY];
        }
      }
      const c = close[t];
      if (t === last && closeAtEnd && q !== 0) {
        execute(st, log, cost, t, t, c, 0);
        cash = st[CASH];
        q = st[QTY];
      }
      const e = cash + q * c;
      const i = t - start;
      equity[i] = e;
      cashOut[i] = cash;
      qtyOut[i] = q;
      position[i] = q === 0 ? 0 : (q * c) / e;
    }
  } else {
    for (let t = start; t < end; t++) {
      const d = target[t];
      // with closeAtEnd the last decision is to be flat: no entry that would be undone at once
      const w = t === last && closeAtEnd ? 0 : d === d ? d : 0;
      const c = close[t];
      if (w !== held) {
        execute(st, log, cost, t, t, c, w);
        held = w;
        cash = st[CASH];
        q = st[QTY];
      }
      if (t === last && closeAtEnd && q !== 0) {
        execute(st, log, cost, t, t, c, 0);
        cash = st[CASH];
        q = st[QTY];
      }
      const e = cash + q * c;
      const i = t - start;
      equity[i] = e;
      cashOut[i] = cash;
      qtyOut[i] = q;
      position[i] = q === 0 ? 0 : (q * c) / e;
    }
  }
  const fees = st[FEES];
  const slippage = st[SLIP];
  const notional = st[NOTIONAL];

  const fills = log.finish();
  return {
    symbol: opts.bars.symbol,
    start,
    end,
    fill: fillTiming,
    accounting: 'fills',
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
