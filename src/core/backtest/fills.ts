/**
 * The fill log (growable typed arrays, so the simulation loop allocates nothing per bar) and
 * the conversion of fills into round-trip trades, done once after the loop.
 */
import type { FillLog, PriceSeries, Trade } from './types';

/** A fill log being written; grows by doubling (amortised, never per bar). */
export class FillRecorder {
  count = 0;
  private bar = new Int32Array(64);
  private decisionBar = new Int32Array(64);
  private quantity = new Float64Array(64);
  private price = new Float64Array(64);
  private fee = new Float64Array(64);
  private slippage = new Float64Array(64);

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

  /** The log trimmed to its length (copies). */
  finish(): FillLog {
    const n = this.count;
    return {
      count: n,
      bar: this.bar.slice(0, n),
      decisionBar: this.decisionBar.slice(0, n),
      quantity: this.quantity.slice(0, n),
      price: this.price.slice(0, n),
      fee: this.fee.slice(0, n),
      slippage: this.slippage.slice(0, n),
    };
  }
}

/** Relative quantity below which a remainder is floating-point rounding, not a position. */
const DUST = 1e-9;

interface OpenTrade {
  sign: number;
  entryBar: number;
  fold: number;
  entryQty: number;
  entryValue: number;
  entryFees: number;
  exitQty: number;
  exitValue: number;
  exitFees: number;
  slippage: number;
}

export interface TradesFromFillsOptions {
  fills: FillLog;
  bars: PriceSeries;
  foldIndex?: Int32Array;
  /** bar used to mark a trade still open after the last fill */
  lastBar: number;
}

function finishTrade(t: OpenTrade, exitBar: number, bars: PriceSeries, open: boolean): Trade {
  // long: proceeds - outlay; short: sale - buy-back; fees always subtract.
  const gross = t.sign > 0 ? t.exitValue - t.entryValue : t.entryValue - t.exitValue;
  const pnl = gross - t.entryFees - t.exitFees;
  return {
    symbol: bars.symbol,
    side: t.sign > 0 ? 'long' : 'short',
    entryBar: t.entryBar,
    exitBar,
    entryTime: bars.time[t.entryBar],
    exitTime: bars.time[exitBar],
    entryPrice: t.entryValue / t.entryQty,
    exitPrice: t.exitQty > 0 ? t.exitValue / t.exitQty : bars.close[exitBar],
    quantity: t.entryQty,
    fees: t.entryFees + t.exitFees,
    slippage: t.slippage,
    pnl,
    returnPct: (pnl / (t.entryValue + t.entryFees)) * 100,
    barsHeld: exitBar - t.entryBar,
    fold: t.fold,
    open,
  };
}

/**
 * Round trips from the fill log. A trade opens when the position leaves zero and closes when it
 * returns to zero; resizing in between belongs to the same trade (entry and exit prices are
 * volume-weighted). A fill that flips the side closes one trade and opens the next, its costs
 * split in proportion to quantity. A trade still open after the last fill is marked at the
 * close of lastBar, without exit costs, and flagged open.
 */
export function tradesFromFills(opts: TradesFromFillsOptions): Trade[] {
  const { fills, bars, foldIndex } = opts;
  const trades: Trade[] = [];
  let q = 0;
  let cur: OpenTrade | null = null;
  for (let i = 0; i < fills.count; i++) {
    const dq = fills.quantity[i];
    const adq = Math.abs(dq);
    if (adq === 0) continue;
    const price = fills.price[i];
    const bar = fills.bar[i];
    let rest = adq;
    if (cur && Math.sign(dq) !== cur.sign) {
      const closeQty = Math.min(adq, Math.abs(q));
      const frac = closeQty / adq;
      cur.exitQty += closeQty;
      cur.exitValue += closeQty * price;
      cur.exitFees += fills.fee[i] * frac;
      cur.slippage += fills.slippage[i] * frac;
      rest = adq - closeQty;
      const after = q + dq;
      // a flip leaves rest > 0; rounding dust (relative 1e-9) on either side is no new trade
      if (rest <= DUST * adq) rest = 0;
      if (closeQty >= Math.abs(q) || Math.abs(after) <= DUST * Math.abs(q)) {
        trades.push(finishTrade(cur, bar, bars, false));
        cur = null;
        q = 0;
      } else {
        q = after;
      }
    }
    if (rest > 0) {
      const frac = rest / adq;
      const sign = Math.sign(dq);
      if (!cur) {
        const d = fills.decisionBar[i];
        cur = {
          sign,
          entryBar: bar,
          fold: foldIndex && d >= 0 && d < foldIndex.length ? foldIndex[d] : -1,
          entryQty: 0,
          entryValue: 0,
          entryFees: 0,
          exitQty: 0,
          exitValue: 0,
          exitFees: 0,
          slippage: 0,
        };
      }
      cur.entryQty += rest;
      cur.entryValue += rest * price;
      cur.entryFees += fills.fee[i] * frac;
      cur.slippage += fills.slippage[i] * frac;
      q += sign * rest;
    }
  }
  if (cur) {
    // mark the remaining quantity at the last close, no exit costs
    const remaining = Math.abs(q);
    const mark = bars.close[opts.lastBar];
    cur.exitQty += remaining;
    cur.exitValue += remaining * mark;
    const t = finishTrade(cur, opts.lastBar, bars, true);
    trades.push(t);
  }
  return trades;
}
