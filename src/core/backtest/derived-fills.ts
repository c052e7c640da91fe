/**
 * simulate's fill log: each fill's bar and quantity are recorded; its price, fee, slippage and
 * decision bar follow from them, the bars and the costs by execute()'s own arithmetic (same
 * bits), so those four columns are built on their first read. That keeps the fresh memory of a
 * run to 12 bytes a fill instead of 40: in Chromium, touching fresh buffers costs more than the
 * loop that writes them (see the README's Speed). The loop itself logs every value to a scratch
 * log reused from run to run, and the trades are built from that.
 */
import { FillRecorder } from './fills';
import type { FillLog } from './types';

/** What a fill's price, fee and slippage follow from besides its bar and quantity. */
export interface FillPricing {
  open: Float64Array;
  close: Float64Array;
  /** fills at the next open ('next_open'); otherwise at the decision bar's close */
  nextOpen: boolean;
  /** fee and slippage as fractions (basis points / 10,000) */
  fee: number;
  slip: number;
}

/**
 * The log simulate's loop writes every fill to, reused run after run (its memory stays warm; it
 * grows by doubling, so no pre-pass counts the fills): the trades are built from it, then each
 * fill's bar and quantity are copied out (DerivedFills). simulate is synchronous and never
 * re-entered, so one scratch log serves every run.
 */
const scratch = new FillRecorder(1024);

/** The scratch fill log, emptied. */
export function scratchFills(): FillRecorder {
  scratch.clear();
  return scratch;
}

/** A run's fills: bar and quantity stored, price, fee, slippage and decision bar derived. */
export class DerivedFills {
  readonly count: number;
  readonly bar: Int32Array;
  readonly quantity: Float64Array;

  /**
   * Copies the bars and quantities of `log`. closing: its last fill is the closing one at the
   * close of the last bar (next-open fills).
   */
  constructor(
    log: FillLog,
    private readonly closing: boolean,
    private readonly pricing: FillPricing,
  ) {
    this.count = log.count;
    this.bar = log.bar.slice(0, log.count);
    this.quantity = log.quantity.slice(0, log.count);
  }

  /** the bar whose close produced fill i's decision */
  decisionBar(i: number): number {
    const b = this.bar[i];
    return this.pricing.nextOpen && !(this.closing && i === this.count - 1) ? b - 1 : b;
  }

  /** fill i's reference price P (before slippage): the open or close execute() was given */
  reference(i: number): number {
    const p = this.pricing;
    const b = this.bar[i];
    return p.nextOpen && !(this.closing && i === this.count - 1) ? p.open[b] : p.close[b];
  }

  /** execute(): P (1 + s) buying, P (1 - s) selling */
  price(i: number): number {
    const P = this.reference(i);
    return this.quantity[i] > 0 ? P * (1 + this.pricing.slip) : P * (1 - this.pricing.slip);
  }

  /** execute(): |dq| x fill price x fee */
  fee(i: number): number {
    return Math.abs(this.quantity[i]) * this.price(i) * this.pricing.fee;
  }

  /** execute(): |dq| x P x s */
  slippage(i: number): number {
    return Math.abs(this.quantity[i]) * this.reference(i) * this.pricing.slip;
  }

  /**
   * The price, fee and slippage columns in one pass (the three are read together: a range's
   * cost totals, the CSV of fills), by the arithmetic of price(), fee() and slippage().
   */
  private costColumns(): { price: Float64Array; fee: Float64Array; slippage: Float64Array } {
    const n = this.count;
    const { bar, quantity } = this;
    const { open, close, nextOpen, fee: f, slip } = this.pricing;
    const closingFill = this.closing ? n - 1 : -1;
    const price = new Float64Array(n);
    const fee = new Float64Array(n);
    const slippage = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = bar[i];
      const dq = quantity[i];
      const P = nextOpen && i !== closingFill ? open[b] : close[b];
      const p = dq > 0 ? P * (1 + slip) : P * (1 - slip);
      price[i] = p;
      fee[i] = Math.abs(dq) * p * f;
      slippage[i] = Math.abs(dq) * P * slip;
    }
    return { price, fee, slippage };
  }

  /**
   * The fill log: bar and quantity as stored, the other columns enumerable getters that build
   * on first read (price, fee and slippage together) and keep them. The bars must not be
   * changed before.
   */
  log(): FillLog {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters' own `this` is the log
    const fills = this;
    const n = this.count;
    let decisionBar: Int32Array | null = null;
    let costs: ReturnType<DerivedFills['costColumns']> | null = null;
    return {
      count: n,
      bar: this.bar,
      get decisionBar() {
        if (!decisionBar) {
          decisionBar = new Int32Array(n);
          for (let i = 0; i < n; i++) decisionBar[i] = fills.decisionBar(i);
        }
        return decisionBar;
      },
      quantity: this.quantity,
      get price() {
        return (costs ??= fills.costColumns()).price;
      },
      get fee() {
        return (costs ??= fills.costColumns()).fee;
      },
      get slippage() {
        return (costs ??= fills.costColumns()).slippage;
      },
    };
  }
}
