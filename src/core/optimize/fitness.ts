/**
 * The fitness of one candidate, fast: weights -> score -> target positions -> fills, equity,
 * trades and the backtest metrics the objective and constraints need, over precomputed
 * Float64Arrays and buffers reused from one candidate to the next (nothing is allocated per
 * candidate or per bar).
 *
 * It is the backtest's own model, not an approximation: the position rule is
 * classificationTargets (src/core/backtest/signals.ts) applied to the score, with its state
 * starting flat at `start`; the fills repeat simulate's arithmetic operation for operation
 * (next-open or close fills, costs, closeAtEnd); trades follow tradesFromFills; the metrics
 * follow computeMetrics (same formulas, same summation order). fitness.test.ts checks every
 * number against simulate + metricsOfResult on the real sample (within 1e-9; in practice equal).
 * simulate itself is not called per candidate because it allocates four arrays per bar range
 * and a trade object per trade, which would dominate 1,500 evaluations.
 */
import { barsPerYear, inferBarMs } from '../backtest/annualisation';
import { cagr } from '../backtest/returns';
import { classificationTargets } from '../backtest/signals';
import { DEFAULT_INITIAL_CAPITAL } from '../backtest/run-options';
import type { FillMode, PriceSeries } from '../backtest/types';

/** Relative quantity below which a remainder is rounding, as in tradesFromFills. */
const DUST = 1e-9;

export interface EvaluatorOptions {
  bars: PriceSeries;
  /** the selected signals, each aligned with the bars */
  signals: readonly Float64Array[];
  /** first bar of the evaluated period (default 0) */
  start?: number;
  /** one past the last bar (default bars.time.length) */
  end?: number;
  feesBps?: number;
  slippageBps?: number;
  initialCapital?: number;
  /** short on a sell signal instead of flat (default false) */
  longShort?: boolean;
  /** default 'next_open' (as simulate) */
  fill?: FillMode;
}

/** What one evaluation yields (one object, overwritten by each evaluation). */
export interface FitnessMetrics {
  finalEquity: number;
  totalReturnPct: number;
  /** annualised per-bar Sharpe (metrics' sharpePerBar) */
  sharpe: number;
  /** non-annualised per-bar Sharpe (for the deflated Sharpe ratio's trial variance) */
  sharpeRaw: number;
  /** Infinity when no bar loses and the mean is positive */
  sortino: number;
  /** NaN when there is no drawdown */
  calmar: number;
  cagr: number;
  /** <= 0, percent */
  maxDrawdownPct: number;
  trades: number;
  winningTrades: number;
  /** NaN without trades */
  winRate: number;
  fills: number;
}

export const emptyFitness = (): FitnessMetrics => ({
  finalEquity: 0,
  totalReturnPct: 0,
  sharpe: 0,
  sharpeRaw: 0,
  sortino: 0,
  calmar: NaN,
  cagr: 0,
  maxDrawdownPct: 0,
  trades: 0,
  winningTrades: 0,
  winRate: NaN,
  fills: 0,
});

/**
 * The score: sum_j w_j s_j[t] / sum_j |w_j| on [start, end) (weights normalised so that the score
 * stays in [-1, 1] and thresholds keep their meaning); NaN where a signal is NaN, and NaN
 * everywhere when every weight is 0 (no opinion: flat).
 */
export function combineSignals(
  signals: readonly Float64Array[],
  weights: ArrayLike<number>,
  out: Float64Array,
  start = 0,
  end = out.length,
): Float64Array {
  let norm = 0;
  for (let j = 0; j < signals.length; j++) norm += Math.abs(weights[j]);
  if (!(norm > 0)) {
    out.fill(NaN, start, end);
    return out;
  }
  const w0 = weights[0] / norm;
  const s0 = signals[0];
  const k = signals.length;
  // one pass for up to four signals (the usual selection), written out so each bar is read and
  // written once; the sum is formed left to right as in the general loop, so the bits are the same
  if (k === 2 || k === 3 || k === 4) {
    const w1 = weights[1] / norm;
    const s1 = signals[1];
    if (k === 2) {
      for (let t = start; t < end; t++) out[t] = w0 * s0[t] + w1 * s1[t];
      return out;
    }
    const w2 = weights[2] / norm;
    const s2 = signals[2];
    if (k === 3) {
      for (let t = start; t < end; t++) out[t] = w0 * s0[t] + w1 * s1[t] + w2 * s2[t];
      return out;
    }
    const w3 = weights[3] / norm;
    const s3 = signals[3];
    for (let t = start; t < end; t++) out[t] = w0 * s0[t] + w1 * s1[t] + w2 * s2[t] + w3 * s3[t];
    return out;
  }
  for (let t = start; t < end; t++) out[t] = w0 * s0[t];
  for (let j = 1; j < k; j++) {
    const w = weights[j] / norm;
    const s = signals[j];
    for (let t = start; t < end; t++) out[t] += w * s[t];
  }
  return out;
}

// simulation state slots (a typed array so the fill routine stays a small top-level function)
const CASH = 0;
const QTY = 1;
const HELD = 2;
const FILLS = 3;
// trade tracker (tradesFromFills, incrementally)
const TQ = 4;
const T_OPEN = 5;
const T_SIGN = 6;
const T_ENTRY_VALUE = 7;
const T_ENTRY_FEES = 8;
const T_EXIT_VALUE = 9;
const T_EXIT_FEES = 10;
const TRADES = 11;
const WINS = 12;
const STATE = 13;

function track(st: Float64Array, dq: number, price: number, fee: number): void {
  const adq = Math.abs(dq);
  if (adq === 0) return;
  let rest = adq;
  const q = st[TQ];
  if (st[T_OPEN] === 1 && Math.sign(dq) !== st[T_SIGN]) {
    const closeQty = Math.min(adq, Math.abs(q));
    const frac = closeQty / adq;
    st[T_EXIT_VALUE] += closeQty * price;
    st[T_EXIT_FEES] += fee * frac;
    rest = adq - closeQty;
    const after = q + dq;
    if (rest <= DUST * adq) rest = 0;
    if (closeQty >= Math.abs(q) || Math.abs(after) <= DUST * Math.abs(q)) {
      const gross =
        st[T_SIGN] > 0 ? st[T_EXIT_VALUE] - st[T_ENTRY_VALUE] : st[T_ENTRY_VALUE] - st[T_EXIT_VALUE];
      const pnl = gross - st[T_ENTRY_FEES] - st[T_EXIT_FEES];
      st[TRADES]++;
      if (pnl > 0) st[WINS]++;
      st[T_OPEN] = 0;
      st[TQ] = 0;
    } else {
      st[TQ] = after;
    }
  }
  if (rest > 0) {
    const frac = rest / adq;
    const sign = Math.sign(dq);
    if (st[T_OPEN] !== 1) {
      st[T_OPEN] = 1;
      st[T_SIGN] = sign;
      st[T_ENTRY_VALUE] = 0;
      st[T_ENTRY_FEES] = 0;
      st[T_EXIT_VALUE] = 0;
      st[T_EXIT_FEES] = 0;
    }
    st[T_ENTRY_VALUE] += rest * price;
    st[T_ENTRY_FEES] += fee * frac;
    st[TQ] += sign * rest;
  }
}

/** simulate's execute(), operation for operation, plus the trade tracker. */
function execute(
  st: Float64Array,
  kBuy: number,
  kSell: number,
  fee: number,
  slip: number,
  P: number,
  w: number,
): void {
  const cash = st[CASH];
  const q = st[QTY];
  const gap = w * (cash + q * P) - q * P;
  let dq: number;
  if (w === 0) dq = -q;
  else if (gap > 0) dq = gap / (1 + w * (kBuy - 1)) / P;
  else dq = gap / (1 - w * (1 - kSell)) / P;
  st[HELD] = w;
  if (dq === 0) return;
  const fillPrice = dq > 0 ? P * (1 + slip) : P * (1 - slip);
  const notional = Math.abs(dq) * fillPrice;
  const f = notional * fee;
  st[CASH] = cash - dq * fillPrice - f;
  st[QTY] = w === 0 ? 0 : q + dq;
  st[FILLS]++;
  track(st, dq, fillPrice, f);
}

/** Everything the bar loop reads and writes for one evaluator (one object per evaluator). */
interface BarLoop {
  /** the signals interleaved (4 per bar over [start, end)); unused when the score is given */
  sig: Float64Array;
  score: Float64Array;
  close: Float64Array;
  open: Float64Array;
  equity: Float64Array;
  returns: Float64Array;
  st: Float64Array;
  /** out: mean and variance sum of the returns, down2, worst drawdown */
  acc: Float64Array;
  start: number;
  end: number;
  len: number;
  nextOpen: boolean;
  down: number;
  capital: number;
  kBuy: number;
  kSell: number;
  fee: number;
  slip: number;
}

/**
 * One candidate's pass over the bars: targets, fills, equity and the return statistics. A
 * top-level function with its data as arguments rather than a closure over the evaluator: V8
 * specialises a closure's optimised code to its first context only, so every evaluator after
 * the first (each GA run makes one) ran on generic code that reloads the captured arrays every
 * bar, measured 2 to 3 times slower in Chromium.
 */
function barLoop(
  b: BarLoop,
  inLoop: boolean,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  buy: number,
  sell: number,
): void {
  const { sig, score, close, open, equity, returns, st, acc, start, end, len, nextOpen, down } = b;
  const { capital, kBuy, kSell, fee, slip } = b;
  st.fill(0);
  st[CASH] = capital;
  // cash and quantity live in locals on the per-bar path and are written back to / read from
  // the state array only around a fill (a few percent of bars)
  let cash = capital;
  let qty = 0;
  let held = 0; // mirrors st[HELD]; changes only in execute
  let p = 0; // classificationTargets' kept state, flat at start
  let prevDecision = 0;
  // metrics as computeMetrics computes them, accumulated in the same loop
  let sum = 0;
  let down2 = 0;
  let prev = capital;
  let peak = capital;
  let worst = 0;
  const last = end - 1;
  for (let t = start; t < end; t++) {
    let v: number;
    if (inLoop) {
      const o = 4 * (t - start);
      v = w0 * sig[o] + w1 * sig[o + 1] + w2 * sig[o + 2] + w3 * sig[o + 3];
      score[t] = v;
    } else v = score[t];
    if (v !== v) p = 0;
    else if (v >= buy) p = 1;
    else if (v <= sell) p = down;
    const c = close[t];
    if (nextOpen) {
      if (prevDecision !== held && t > start) {
        execute(st, kBuy, kSell, fee, slip, open[t], prevDecision);
        held = st[HELD];
        cash = st[CASH];
        qty = st[QTY];
      }
      prevDecision = p;
    } else {
      const w = t === last ? 0 : p;
      if (w !== held) {
        execute(st, kBuy, kSell, fee, slip, c, w);
        held = st[HELD];
        cash = st[CASH];
        qty = st[QTY];
      }
    }
    if (t === last && qty !== 0) {
      execute(st, kBuy, kSell, fee, slip, c, 0);
      cash = st[CASH];
      qty = st[QTY];
    }
    const e = cash + qty * c;
    const i = t - start;
    equity[i] = e;
    if (e === prev && e - e === 0 && e !== 0) {
      // unchanged finite, non-zero equity (flat, no fill): the return e / prev - 1 is exactly
      // +0, which leaves sum and down2 as they are, and the drawdown is the previous bar's
      returns[i] = 0;
      continue;
    }
    const r = e / prev - 1;
    returns[i] = r;
    prev = e;
    sum += r;
    // min(r, 0) without a branch (the sign of a bar's return is a coin flip the CPU cannot
    // predict, and a mispredicted branch here cost a fifth of the loop): (r - |r|) / 2 is
    // exactly r for r < 0 (r + r and the halving are exact) and +-0 for r >= 0, whose square
    // adds +0; it is NaN for r NaN or +Infinity, where computeMetrics counts 0: then down2 is
    // recomputed with that rule after the loop
    const loss = (r - Math.abs(r)) * 0.5;
    down2 += loss * loss;
    if (e >= peak) peak = e;
    else {
      const dd = e / peak - 1;
      if (dd < worst) worst = dd;
    }
  }
  if (down2 !== down2) {
    down2 = 0;
    for (let i = 0; i < len; i++) {
      const r = returns[i];
      const loss = r < 0 ? r : 0;
      down2 += loss * loss;
    }
  }
  const mean = sum / len;
  let v2 = 0;
  for (let i = 0; i < len; i++) v2 += (returns[i] - mean) * (returns[i] - mean);
  acc[0] = mean;
  acc[1] = v2;
  acc[2] = down2;
  acc[3] = worst;
}

export interface Evaluator {
  start: number;
  end: number;
  barMs: number;
  barsPerYear: number;
  /** evaluates one candidate; `out` is overwritten and returned */
  evaluate(
    weights: ArrayLike<number>,
    buyThreshold: number,
    sellThreshold: number,
    out: FitnessMetrics,
  ): FitnessMetrics;
  /** the score buffer of the last evaluation (valid on [start, end)) */
  readonly score: Float64Array;
  /** the equity buffer of the last evaluation (index t - start) */
  readonly equity: Float64Array;
}

/** Prepares buffers for repeated evaluations on one period. */
export function createEvaluator(opts: EvaluatorOptions): Evaluator {
  const { bars, signals } = opts;
  const n = bars.time.length;
  const start = opts.start ?? 0;
  const end = opts.end ?? n;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= n && start < end)) {
    throw new RangeError(`bad range [${start}, ${end}) for ${n} bars`);
  }
  for (const s of signals)
    if (s.length !== n) throw new RangeError(`a signal has ${s.length} rows, bars ${n}`);
  const fee = (opts.feesBps ?? 0) / 1e4;
  const slip = (opts.slippageBps ?? 0) / 1e4;
  if (!(fee >= 0 && slip >= 0 && slip < 1)) throw new RangeError('fees and slippage must be >= 0');
  const capital = opts.initialCapital ?? DEFAULT_INITIAL_CAPITAL;
  if (!(capital > 0)) throw new RangeError('initialCapital must be > 0');
  const nextOpen = (opts.fill ?? 'next_open') === 'next_open';
  const down = opts.longShort ? -1 : 0;
  const kBuy = (1 + slip) * (1 + fee);
  const kSell = (1 - slip) * (1 - fee);
  const { open, close, time } = bars;
  const len = end - start;
  const barMs = inferBarMs(time.subarray(start, end));
  const bpy = barMs > 0 ? barsPerYear(barMs) : NaN;
  const sqrtBpy = Math.sqrt(bpy);
  const spanMs = time[end - 1] - time[start] + barMs;
  const score = new Float64Array(n);
  const equity = new Float64Array(len);
  const st = new Float64Array(STATE);

  const returns = new Float64Array(len);
  // up to four signals are weighted inside the bar loop (each read once, no separate pass over
  // the score); fewer are padded with zeros of weight 0, which add exactly +0 to the
  // left-to-right sum, so the score is combineSignals' own (a -0 score becomes +0, which every
  // threshold comparison treats alike). The columns are copied once, interleaved bar by bar over
  // [start, end): one 32-byte read per bar instead of four streams (four columns of a long
  // series do not fit in a core's cache, and the loop waits on them)
  const k = signals.length;
  const fused = k >= 1 && k <= 4;
  const sig = fused ? new Float64Array(4 * len) : null;
  if (sig)
    for (let j = 0; j < 4; j++) {
      if (j >= k) continue;
      const s = signals[j];
      for (let t = start; t < end; t++) sig[4 * (t - start) + j] = s[t];
    }

  const acc = new Float64Array(4);
  const loop: BarLoop = {
    sig: sig ?? score,
    score,
    close,
    open,
    equity,
    returns,
    st,
    acc,
    start,
    end,
    len,
    nextOpen,
    down,
    capital,
    kBuy,
    kSell,
    fee,
    slip,
  };

  const evaluate = (
    weights: ArrayLike<number>,
    buy: number,
    sell: number,
    out: FitnessMetrics,
  ): FitnessMetrics => {
    if (!(buy >= sell)) throw new RangeError(`buyThreshold ${buy} must be >= sellThreshold ${sell}`);
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let norm = 0;
    if (fused) for (let j = 0; j < k; j++) norm += Math.abs(weights[j]);
    if (fused && norm > 0) {
      w0 = weights[0] / norm;
      if (k > 1) w1 = weights[1] / norm;
      if (k > 2) w2 = weights[2] / norm;
      if (k > 3) w3 = weights[3] / norm;
    } else combineSignals(signals, weights, score, start, end);
    const inLoop = fused && norm > 0;
    barLoop(loop, inLoop, w0, w1, w2, w3, buy, sell);
    const mean = acc[0];
    const v2 = acc[1];
    const down2 = acc[2];
    const worst = acc[3];
    const std = Math.sqrt(v2 / len);
    const dd = Math.sqrt(down2 / len);
    const finalEquity = equity[len - 1];
    const growth = cagr(capital, finalEquity, spanMs);
    const maxDrawdownPct = worst * 100;
    out.finalEquity = finalEquity;
    out.totalReturnPct = (finalEquity / capital - 1) * 100;
    out.sharpeRaw = std > 0 ? mean / std : 0;
    out.sharpe = std > 0 ? (mean / std) * sqrtBpy : 0;
    out.sortino = dd > 0 ? (mean / dd) * sqrtBpy : mean > 0 ? Infinity : 0;
    out.cagr = growth;
    out.calmar = maxDrawdownPct < 0 ? growth / Math.abs(maxDrawdownPct / 100) : NaN;
    out.maxDrawdownPct = maxDrawdownPct;
    out.trades = st[TRADES];
    out.winningTrades = st[WINS];
    out.winRate = st[TRADES] > 0 ? st[WINS] / st[TRADES] : NaN;
    out.fills = st[FILLS];
    return out;
  };

  return { start, end, barMs, barsPerYear: bpy, evaluate, score, equity };
}

/**
 * The target positions of one candidate on [start, end), written into `into` (default: a new
 * NaN-filled full-length array, ready for simulate): the backtest's classificationTargets on the
 * score, which is NaN before `start`, so the rule's state starts flat there.
 */
export function candidateTargets(opts: {
  signals: readonly Float64Array[];
  weights: ArrayLike<number>;
  buyThreshold: number;
  sellThreshold: number;
  longShort?: boolean;
  start: number;
  end: number;
  into?: Float64Array;
}): Float64Array {
  const n = opts.signals[0]?.length ?? 0;
  const score = combineSignals(
    opts.signals,
    opts.weights,
    new Float64Array(n).fill(NaN),
    opts.start,
    opts.end,
  );
  const targets = classificationTargets({
    prob: score,
    buyThreshold: opts.buyThreshold,
    sellThreshold: opts.sellThreshold,
    longShort: opts.longShort,
  });
  const out = opts.into ?? new Float64Array(n).fill(NaN);
  out.set(targets.subarray(opts.start, opts.end), opts.start);
  return out;
}
