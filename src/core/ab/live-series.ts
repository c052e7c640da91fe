/**
 * Live sessions as comparison series: a session's ledger (one decision per processed bar, with
 * the paper portfolio's equity and buy-and-hold's value) becomes per-bar returns
 * r[i] = E[i] / E[i-1] - 1 at the bar times of the ledger, so two or more sessions on the same
 * symbol can be compared with the statistics of stored runs as their ledgers grow. Pure: the
 * job reads the ledgers (src/core/jobs/ab.ts).
 */
import { RefusedError } from '../errors';
import type { LiveDecision } from '../live/types';
import { MIN_COMMON_BARS, type RunSeries } from './series';

/** What a comparison needs of a live session. */
export interface LiveLedger {
  session_id: string;
  symbol: string;
  model_id: string;
  /** the ledger, oldest bar first */
  decisions: readonly Pick<LiveDecision, 'time' | 'equity' | 'buy_and_hold'>[];
}

/** Two sessions' returns on the bars both have one for, oldest first. */
export interface PairedLiveReturns {
  time: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

const returnsOf = (v: number[]) =>
  Float64Array.from({ length: Math.max(0, v.length - 1) }, (_, i) => v[i + 1] / v[i] - 1);

/** A session's ledger as a run series (bar open times of the bars that have a return). */
export function liveRunSeries(l: LiveLedger): RunSeries {
  const d = [...l.decisions].sort((x, y) => x.time - y.time);
  return {
    run_id: l.session_id,
    kind: 'live',
    label: `live ${l.model_id} on ${l.symbol}`,
    symbols: [l.symbol],
    time: Float64Array.from(d.slice(1), (x) => x.time),
    returns: returnsOf(d.map((x) => x.equity)),
    buyAndHold: returnsOf(d.map((x) => x.buy_and_hold)),
    model: null,
    predictions: null,
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const span = (s: RunSeries) =>
  s.time.length ? `${iso(s.time[0])} to ${iso(s.time[s.time.length - 1])}` : 'no bar with a return yet';

/**
 * Checks that the sessions can be compared: at least two, one symbol, and at least
 * MIN_COMMON_BARS bars with a return in every ledger. Refuses (RefusedError) saying why.
 */
export function checkLiveComparable(series: readonly RunSeries[]): void {
  if (series.length < 2)
    throw new RefusedError('too-few-sessions', 'choose at least two live sessions to compare');
  const symbols = [...new Set(series.map((s) => s.symbols[0]))];
  if (symbols.length > 1)
    throw new RefusedError(
      'different-symbols',
      `the sessions trade different symbols (${series.map((s) => `${s.run_id}: ${s.symbols[0]}`).join('; ')}): a paired comparison needs one symbol`,
    );
  let common = new Set(series[0].time);
  for (const s of series.slice(1)) {
    const t = new Set(s.time);
    common = new Set([...common].filter((x) => t.has(x)));
  }
  if (common.size === 0)
    throw new RefusedError(
      'no-common-bars',
      `the sessions share no bar: their ledgers cover ${series.map((s) => `${s.run_id}: ${span(s)}`).join('; ')}`,
    );
  if (common.size < MIN_COMMON_BARS)
    throw new RefusedError(
      'too-few-common-bars',
      `the sessions share ${common.size} bar(s) so far, fewer than the ${MIN_COMMON_BARS} a comparison needs: wait for ${MIN_COMMON_BARS - common.size} more bar(s)`,
    );
}

/** Two ledgers as paired per-bar returns on their common bars (refused as `checkLiveComparable` says). */
export function pairLiveLedgers(a: LiveLedger, b: LiveLedger): PairedLiveReturns {
  const sa = liveRunSeries(a);
  const sb = liveRunSeries(b);
  checkLiveComparable([sa, sb]);
  const at = new Map<number, number>();
  sb.time.forEach((t, i) => at.set(t, i));
  const idx: [number, number][] = [];
  sa.time.forEach((t, i) => {
    const j = at.get(t);
    if (j !== undefined) idx.push([i, j]);
  });
  return {
    time: Float64Array.from(idx, ([i]) => sa.time[i]),
    a: Float64Array.from(idx, ([i]) => sa.returns[i]),
    b: Float64Array.from(idx, ([, j]) => sb.returns[j]),
  };
}
