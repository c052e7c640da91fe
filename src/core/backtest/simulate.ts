/**
 * Bar-by-bar execution: target positions -> fills -> cash, quantity and equity at market.
 *
 * A decision taken at the close of bar t fills at the open of bar t+1 ('next_open', default) or
 * at the close of bar t ('close'). A fill happens only when the target changes; it trades the
 * holding to exactly target x equity, costs included (closed form below). Equity is
 * cash + quantity x close at every bar. The loop allocates nothing per bar (typed arrays; fills
 * go to a scratch log reused run after run, trades are built from it afterwards, the per-bar
 * curves and the fill log's derived columns when first read), which is what lets it run at well
 * over 10 million bars per second.
 */
import { DerivedFills, scratchFills } from './derived-fills';
import { tradesFromFills, type FillRecorder } from './fills';
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
 * The per-bar curves of a run, rebuilt from the fill log: between fills cash and quantity are
 * constant, so each bar's values follow from the cash and quantity after the last fill at or
 * before it and the bar's close. execute() leaves cash - dq x fill price - fee and q + dq after a
 * fill (w = 0 sets 0, which is what q + dq gives for dq = -q), so replaying the logged dq with
 * the fill price and fee derived as execute() computed them, from the initial capital, gives the
 * loop's own numbers, bit for bit. Each curve is built on its first read and kept.
 */
class Curves {
  private eq: Float64Array | null = null;
  private cashCurve: Float64Array | null = null;
  private qtyCurve: Float64Array | null = null;
  private pos: Float64Array | null = null;

  constructor(
    private readonly close: Float64Array,
    private readonly start: number,
    private readonly end: number,
    private readonly capital: number,
    private readonly fills: DerivedFills,
  ) {}

  /** Writes the chosen curves (null = skip) over [start, end) in one pass. */
  private build(
    equity: Float64Array | null,
    cash: Float64Array | null,
    quantity: Float64Array | null,
    position: Float64Array | null,
  ): void {
    const { close, start, end } = this;
    const log = this.fills;
    const { bar: fillBar, quantity: dqOf, count: fills } = log;
    let f = 0;
    let c0 = this.capital;
    let q = 0;
    let t = start;
    while (t < end) {
      // the bars up to the next fill share one cash and one quantity
      const stop = f < fills ? Math.min(fillBar[f], end) : end;
      if (equity) for (let u = t; u < stop; u++) equity[u - start] = c0 + q * close[u];
      if (cash) cash.fill(c0, t - start, stop - start);
      if (quantity) quantity.fill(q, t - start, stop - start);
      if (position) {
        if (q === 0) position.fill(0, t - start, stop - start);
        else
          for (let u = t; u < stop; u++) {
            const c = close[u];
            position[u - start] = (q * c) / (c0 + q * c);
          }
      }
      t = stop;
      if (t >= end) break;
      // every fill of bar t (a next-open fill and the closing one can share the last bar)
      while (f < fills && fillBar[f] === t) {
        const dq = dqOf[f];
        c0 = c0 - dq * log.price(f) - log.fee(f);
        q = q + dq;
        f++;
      }
      const c = close[t];
      const e = c0 + q * c;
      const i = t - start;
      if (equity) equity[i] = e;
      if (cash) cash[i] = c0;
      if (quantity) quantity[i] = q;
      if (position) position[i] = q === 0 ? 0 : (q * c) / e;
      t++;
    }
  }

  equity(): Float64Array {
    if (!this.eq) {
      this.eq = new Float64Array(this.end - this.start);
      this.build(this.eq, null, null, null);
    }
    return this.eq;
  }

  cash(): Float64Array {
    if (!this.cashCurve) {
      this.cashCurve = new Float64Array(this.end - this.start);
      this.build(null, this.cashCurve, null, null);
    }
    return this.cashCurve;
  }

  quantity(): Float64Array {
    if (!this.qtyCurve) {
      this.qtyCurve = new Float64Array(this.end - this.start);
      this.build(null, null, this.qtyCurve, null);
    }
    return this.qtyCurve;
  }

  position(): Float64Array {
    if (!this.pos) {
      this.pos = new Float64Array(this.end - this.start);
      this.build(null, null, null, this.pos);
    }
    return this.pos;
  }
}

/**
 * Simulate one symbol over [start, end). The loop walks every bar but writes only the scratch
 * fill log, of which the result keeps each fill's bar and quantity; the per-bar curves (equity,
 * cash, quantity, position) are enumerable getters that build each curve from that log on its
 * first read (class Curves), and so are the fill log's price, fee, slippage and decision-bar
 * columns (derived-fills.ts), so that
 * a caller that reads only some of them (metrics read equity and position, nothing in the app
 * reads cash or quantity) does not pay for fresh arrays it never reads: in Chromium, touching
 * fresh multi-megabyte buffers costs far more than the loop itself. They are built from the bars
 * and the fill log when first read: neither may be changed before (the result's `time` is a view
 * on the bars already).
 */
export function simulate(opts: SimulateOptions): SimulationResult {
  if ((opts.accounting ?? 'fills') === 'seed') return simulateSeedAccounting(opts);
  const run = resolveRun(opts);
  const { start, end, fee, slip, capital } = run;
  const { open, close } = opts.bars;
  const target = opts.target;
  const fillTiming = opts.fill ?? 'next_open';
  const nextOpen = fillTiming === 'next_open';
  const log = scratchFills();
  let closing = false;
  // buying one unit of notional at reference price P costs P(1+s)(1+f); selling yields P(1-s)(1-f)
  const kBuy = (1 + slip) * (1 + fee);
  const kSell = (1 - slip) * (1 - fee);
  // fill state in a typed array so the fill routine is a plain top-level function
  const st = new Float64Array(STATE_SIZE);
  st[CASH] = capital;
  const cost: FillCosts = { kBuy, kSell, fee, slip };
  const closeAtEnd = run.closeAtEnd;
  const last = end - 1;
  let held = 0;
  if (nextOpen) {
    for (let t = start + 1; t < end; t++) {
      const d = target[t - 1];
      const w = d === d ? d : 0; // NaN -> flat
      if (w !== held) {
        execute(st, log, cost, t, t - 1, open[t], w);
        held = w;
      }
    }
    if (closeAtEnd && st[QTY] !== 0) {
      execute(st, log, cost, last, last, close[last], 0);
      closing = true;
    }
  } else {
    for (let t = start; t < end; t++) {
      const d = target[t];
      // with closeAtEnd the last decision is to be flat: no entry that would be undone at once
      const w = t === last && closeAtEnd ? 0 : d === d ? d : 0;
      if (w !== held) {
        execute(st, log, cost, t, t, close[t], w);
        held = w;
      }
      if (t === last && closeAtEnd && st[QTY] !== 0) execute(st, log, cost, t, t, close[t], 0);
    }
  }
  const fees = st[FEES];
  const slippage = st[SLIP];
  const notional = st[NOTIONAL];

  const all = log.columns();
  const trades = tradesFromFills({
    fills: all,
    bars: opts.bars,
    foldIndex: opts.foldIndex,
    lastBar: end - 1,
  });
  const derived = new DerivedFills(all, closing, { open, close, nextOpen, fee, slip });
  const curves = new Curves(close, start, end, capital, derived);
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
    get equity() {
      return curves.equity();
    },
    get cash() {
      return curves.cash();
    },
    get quantity() {
      return curves.quantity();
    },
    get position() {
      return curves.position();
    },
    fills: derived.log(),
    trades,
    totals: { fees, slippage, tradedNotional: notional, fills: derived.count },
  };
}
