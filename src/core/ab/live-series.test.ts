// Live ledgers as paired returns on their common bars, the refusals, and the comparison itself.
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../errors';
import { createRng } from '../util/rng';
import { compareSeries } from './compare';
import { liveRunSeries, pairLiveLedgers, type LiveLedger } from './live-series';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

/** A ledger of `bars` hourly decisions from bar `from`, equity a seeded random walk. */
function ledger(id: string, from: number, bars: number, seed: number, symbol = 'BTC/USDT'): LiveLedger {
  const rng = createRng(seed);
  let equity = 10_000;
  let bnh = 10_000;
  const decisions = Array.from({ length: bars }, (_, i) => {
    if (i) {
      equity *= 1 + 0.004 * rng.normal();
      bnh *= 1 + 0.005 * rng.normal();
    }
    return { time: T0 + (from + i) * H, equity, buy_and_hold: bnh };
  });
  return { session_id: id, symbol, model_id: 'gbc_1', decisions };
}

const refusal = (f: () => unknown): RefusedError => {
  try {
    f();
  } catch (e) {
    if (e instanceof RefusedError) return e;
    throw e;
  }
  return expect.unreachable('expected a refusal');
};

describe('live sessions as paired returns', () => {
  it('pairs two ledgers on the bars both have a return for', () => {
    const a = ledger('a', 0, 100, 1);
    const b = ledger('b', 40, 100, 2);
    const p = pairLiveLedgers(a, b);
    // a's returns are at bars 1..99, b's at 41..139: common 41..99
    expect(p.time.length).toBe(59);
    expect(p.time[0]).toBe(T0 + 41 * H);
    expect(p.time[58]).toBe(T0 + 99 * H);
    const eq = (l: LiveLedger, bar: number) => l.decisions.find((d) => d.time === T0 + bar * H)!.equity;
    for (const k of [0, 17, 58]) {
      const bar = 41 + k;
      expect(p.a[k]).toBeCloseTo(eq(a, bar) / eq(a, bar - 1) - 1, 15);
      expect(p.b[k]).toBeCloseTo(eq(b, bar) / eq(b, bar - 1) - 1, 15);
    }
  });

  it('reads a ledger in time order whatever order it comes in', () => {
    const a = ledger('a', 0, 50, 3);
    const shuffled = { ...a, decisions: [...a.decisions].reverse() };
    expect(Array.from(liveRunSeries(shuffled).returns)).toEqual(Array.from(liveRunSeries(a).returns));
  });

  it('refuses sessions that share no bar, with each ledger’s span', () => {
    const e = refusal(() => pairLiveLedgers(ledger('a', 0, 60, 1), ledger('b', 100, 60, 2)));
    expect(e.code).toBe('no-common-bars');
    expect(e.message).toMatch(
      /share no bar: their ledgers cover a: 2026-01-01 01:00 to .*; b: 2026-01-05 05:00/,
    );
  });

  it('refuses too few common bars, saying how many more to wait for', () => {
    const e = refusal(() => pairLiveLedgers(ledger('a', 0, 60, 1), ledger('b', 50, 60, 2)));
    expect(e.message).toMatch(/share 9 bar\(s\) so far.*wait for 21 more/);
  });

  it('refuses sessions on different symbols', () => {
    const e = refusal(() => pairLiveLedgers(ledger('a', 0, 60, 1), ledger('b', 0, 60, 2, 'ETH/USDT')));
    expect(e.message).toMatch(/different symbols \(a: BTC\/USDT; b: ETH\/USDT\)/);
  });

  it('compares three sessions with the statistics of stored runs', () => {
    const series = [ledger('a', 0, 300, 1), ledger('b', 10, 300, 2), ledger('c', 20, 300, 3)].map(
      liveRunSeries,
    );
    const rep = compareSeries(series, {
      run_id: 'live_ab_test',
      created_at: new Date(T0).toISOString(),
      app_version: 'test',
      kind: 'live',
      settings: { resamples: 200, spa_resamples: 100 },
    });
    expect(rep.common.bars).toBe(279);
    expect(rep.pairs).toHaveLength(2);
    expect(rep.spa).not.toBeNull();
    expect(rep.mcs?.p_values).toHaveLength(3);
  });
});
