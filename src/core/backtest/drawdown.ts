/**
 * Drawdown from equity valued at market every bar (not from closed trades only). The initial
 * capital is the first peak, so a loss on the very first bar (entry costs included) counts.
 */

/** Drawdown per bar: equity / running peak - 1 (<= 0), the peak starting at the initial equity. */
export function drawdownSeries(equity: Float64Array, initialEquity: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = initialEquity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    out[i] = e / peak - 1;
  }
  return out;
}

export interface DrawdownStats {
  /** deepest drawdown as a percentage, <= 0 (the seed's sign) */
  maxDrawdownPct: number;
  /** index of the peak before the deepest trough; -1 = the initial capital, before the first bar */
  peakIndex: number;
  troughIndex: number;
  /** first index after the trough with equity >= the peak; -1 when not recovered by the last bar */
  recoveryIndex: number;
  /** bars from the peak to the recovery (or to the last bar if not recovered); 0 without drawdown */
  durationBars: number;
  /** the same in ms of bar time; the initial-capital peak sits one bar before the first bar */
  durationMs: number;
  /** longest stretch from any peak to its recovery (or the last bar), in bars */
  longestDrawdownBars: number;
}

export function drawdownStats(
  equity: Float64Array,
  time: Float64Array,
  initialEquity: number,
  barMs: number,
): DrawdownStats {
  const n = equity.length;
  let peak = initialEquity;
  let peakIdx = -1;
  let worst = 0;
  let worstPeak = -1;
  let trough = -1;
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (e >= peak) {
      if (i - peakIdx > 1) longest = Math.max(longest, i - peakIdx); // an underwater stretch ended here
      peak = e;
      peakIdx = i;
    } else {
      const dd = e / peak - 1;
      if (dd < worst) {
        worst = dd;
        worstPeak = peakIdx;
        trough = i;
      }
    }
  }
  if (n > 0 && peakIdx < n - 1) longest = Math.max(longest, n - 1 - peakIdx);
  if (trough < 0) {
    return {
      maxDrawdownPct: 0,
      peakIndex: -1,
      troughIndex: -1,
      recoveryIndex: -1,
      durationBars: 0,
      durationMs: 0,
      longestDrawdownBars: longest,
    };
  }
  const peakValue = worstPeak < 0 ? initialEquity : equity[worstPeak];
  let recovery = -1;
  for (let i = trough + 1; i < n; i++) {
    if (equity[i] >= peakValue) {
      recovery = i;
      break;
    }
  }
  const endIdx = recovery < 0 ? n - 1 : recovery;
  const peakTime = worstPeak < 0 ? time[0] - barMs : time[worstPeak];
  return {
    maxDrawdownPct: worst * 100,
    peakIndex: worstPeak,
    troughIndex: trough,
    recoveryIndex: recovery,
    durationBars: endIdx - worstPeak,
    durationMs: time[endIdx] - peakTime,
    longestDrawdownBars: longest,
  };
}
