/**
 * The fill log (growable typed arrays, so the simulation loop allocates nothing per bar) and
 * the conversion of fills into round-trip trades, done once after the loop.
 */
import type { FillLog, PriceSeries, Trade } from './types';

/** A fill log being written; grows by doubling (amortised, never per bar). */
export class FillRecorder {
  count = 0;
  private bar: Int32Array;
  private decisionBar: Int32Array;
  private quantity: Float64Array;
  private price: Float64Array;
  private fee: Float64Array;
  private slippage: Float64Array;

  /** `capacity`: the expected number of fills (an upper bound avoids every regrowth) */
  constructor(capacity = 64) {
    const n = Math.max(1, Math.floor(capacity));
    this.bar = new Int32Array(n);
    this.decisionBar = new Int32Array(n);
    this.quantity = new Float64Array(n);
    this.price = new Float64Array(n);
    this.fee = new Float64Array(n);
    this.slippage = new Float64Array(n);
  }

  push(
    bar: number,
    decisionBar: number,
    quantity: number,
    price: number,
    fee: number,
    slippage: number,
  ): void {
    if (this.count === this.bar.length) this.grow();
    const i = this.count++;
    this.bar[i] = bar;
    this.decisionBar[i] = decisionBar;
    this.quantity[i] = quantity;
    this.price[i] = price;
    this.fee[i] = fee;
    this.slippage[i] = slippage;
  }

  private grow(): void {
    const n = this.bar.length * 2;
    const g = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.bar = g(this.bar, (k) => new Int32Array(k));
    this.decisionBar = g(this.decisionBar, (k) => new Int32Array(k));
    this.quantity = g(this.quantity, (k) => new Float64Array(k));
    this.price = g(this.price, (k) => new Float64Array(k));
    this.fee = g(this.fee, (k) => new Float64Array(k));
    this.slippage = g(this.slippage, (k) => new Float64Array(k));
  }

  /** Forget the fills written so far, keeping the storage (a scratch log reused run after run). */
  clear(): void {
    this.count = 0;
  }

  /** The log in place: the recorder's own arrays, longer than `count` (read only below it). */
  columns(): FillLog {
    const { count, bar, decisionBar, quantity, price, fee, slippage } = this;
    return { count, bar, decisionBar, quantity, price, fee, slippage };
  }

  /**
   * The log trimmed to its length: views on the recorder's arrays when they are at least half
   * used (a log sized from an upper bound, as simulate's, is nearly full: copying it would only
   * allocate a second log), copies otherwise. The recorder is not written after finish().
   */
  finish(): FillLog {
    const n = this.count;
    const view = 2 * n >= this.bar.length;
    const trim = <T extends Int32Array | Float64Array>(a: T): T =>
      (view ? a.subarray(0, n) : a.slice(0, n)) as T;
    return {
      count: n,
      bar: trim(this.bar),
      decisionBar: trim(this.decisionBar),
      quantity: trim(this.quantity),
      price: trim(this.price),
      fee: trim(this.fee),
      slippage: trim(this.slippage),
    };
  }
}

/** Relative quantity below which a remainder is floating-point rounding, not a position. */
const DUST = 1e-9;

export interface TradesFromFillsOptions {
  fills: FillLog;
  bars: PriceSeries;
  foldIndex?: Int32Array;
  /** bar used to mark a trade still open after the last fill */
  lastBar: number;
}

type TradeFields = [
  symbol: string,
  side: Trade['side'],
  entryBar: number,
  exitBar: number,
  entryTime: number,
  exitTime: number,
  entryPrice: number,
  exitPrice: number,
  quantity: number,
  fees: number,
  slippage: number,
  pnl: number,
  returnPct: number,
  barsHeld: number,
  fold: number,
  open: boolean,
];

/**
 * Trades are made by a constructor whose prototype is Object.prototype: the objects are plain
 * ones (same prototype, keys and order as a literal, so cloning, JSON and deep equality see no
 * difference), but V8 builds them from one prepared shape, where a 16-field object literal with
 * number fields is cloned through a slow path: several times faster for the ~20,000 trades of a
 * long backtest.
 */
const TradeObject = function (this: Trade, ...f: TradeFields) {
  this.symbol = f[0];
  this.side = f[1];
  this.entryBar = f[2];
  this.exitBar = f[3];
  this.entryTime = f[4];
  this.exitTime = f[5];
  this.entryPrice = f[6];
  this.exitPrice = f[7];
  this.quantity = f[8];
  this.fees = f[9];
  this.slippage = f[10];
  this.pnl = f[11];
  this.returnPct = f[12];
  this.barsHeld = f[13];
  this.fold = f[14];
  this.open = f[15];
} as unknown as new (...f: TradeFields) => Trade;
TradeObject.prototype = Object.prototype;

/** One round trip from its accumulated entry and exit sides. */
function makeTrade(
  bars: PriceSeries,
  sign: number,
  entryBar: number,
  exitBar: number,
  fold: number,
  entryQty: number,
  entryValue: number,
  entryFees: number,
  exitQty: number,
  exitValue: number,
  exitFees: number,
  slippage: number,
  open: boolean,
): Trade {
  // long: proceeds - outlay; short: sale - buy-back; fees always subtract.
  const gross = sign > 0 ? exitValue - entryValue : entryValue - exitValue;
  const pnl = gross - entryFees - exitFees;
  return new TradeObject(
    bars.symbol,
    sign > 0 ? 'long' : 'short',
    entryBar,
    exitBar,
    bars.time[entryBar],
    bars.time[exitBar],
    entryValue / entryQty,
    exitQty > 0 ? exitValue / exitQty : bars.close[exitBar],
    entryQty,
    entryFees + exitFees,
    slippage,
    pnl,
    (pnl / (entryValue + entryFees)) * 100,
    exitBar - entryBar,
    fold,
    open,
  );
}

/**
 * Round trips from the fill log. A trade opens when the position leaves zero and closes when it
 * returns to zero; resizing in between belongs to the same trade (entry and exit prices are
 * volume-weighted). A fill that flips the side closes one trade and opens the next, its costs
 * split in proportion to quantity. A trade still open after the last fill is marked at the
 * close of lastBar, without exit costs, and flagged open. The open trade is kept in locals (one
 * object per finished trade, none per fill).
 */
export function tradesFromFills(opts: TradesFromFillsOptions): Trade[] {
  const { fills, bars, foldIndex } = opts;
  const { quantity, price: priceOf, bar: barOf, fee: feeOf, slippage: slipOf, decisionBar } = fills;
  const trades: Trade[] = [];
  let q = 0;
  let isOpen = false;
  let sign = 0;
  let entryBar = 0;
  let fold = -1;
  let entryQty = 0;
  let entryValue = 0;
  let entryFees = 0;
  let exitQty = 0;
  let exitValue = 0;
  let exitFees = 0;
  let slippage = 0;
  for (let i = 0; i < fills.count; i++) {
    const dq = quantity[i];
    const adq = Math.abs(dq);
    if (adq === 0) continue;
    const price = priceOf[i];
    const bar = barOf[i];
    const dqSign = Math.sign(dq);
    let rest = adq;
    if (isOpen && dqSign !== sign) {
      const closeQty = Math.min(adq, Math.abs(q));
      const frac = closeQty / adq;
      exitQty += closeQty;
      exitValue += closeQty * price;
      exitFees += feeOf[i] * frac;
      slippage += slipOf[i] * frac;
      rest = adq - closeQty;
      const after = q + dq;
      // a flip leaves rest > 0; rounding dust (relative 1e-9) on either side is no new trade
      if (rest <= DUST * adq) rest = 0;
      if (closeQty >= Math.abs(q) || Math.abs(after) <= DUST * Math.abs(q)) {
        trades.push(
          makeTrade(
            bars,
            sign,
            entryBar,
            bar,
            fold,
            entryQty,
            entryValue,
            entryFees,
            exitQty,
            exitValue,
            exitFees,
            slippage,
            false,
          ),
        );
        isOpen = false;
        q = 0;
      } else {
        q = after;
      }
    }
    if (rest > 0) {
      const frac = rest / adq;
      if (!isOpen) {
        const d = decisionBar[i];
        isOpen = true;
        sign = dqSign;
        entryBar = bar;
        fold = foldIndex && d >= 0 && d < foldIndex.length ? foldIndex[d] : -1;
        entryQty = 0;
        entryValue = 0;
        entryFees = 0;
        exitQty = 0;
        exitValue = 0;
        exitFees = 0;
        slippage = 0;
      }
      entryQty += rest;
      entryValue += rest * price;
      entryFees += feeOf[i] * frac;
      slippage += slipOf[i] * frac;
      q += dqSign * rest;
    }
  }
  if (isOpen) {
    // mark the remaining quantity at the last close, no exit costs
    const remaining = Math.abs(q);
    const mark = bars.close[opts.lastBar];
    exitQty += remaining;
    exitValue += remaining * mark;
    trades.push(
      makeTrade(
        bars,
        sign,
        entryBar,
        opts.lastBar,
        fold,
        entryQty,
        entryValue,
        entryFees,
        exitQty,
        exitValue,
        exitFees,
        slippage,
        true,
      ),
    );
  }
  return trades;
}
