// Online fine-tuning of a neural model in the live loop, against the walk-forward's
// (walkforward/online-neural.ts) on a replay of the sample: the same steps at the same bars on
// the same revealed rows, predictions that depend on them, and a checkpoint taken between two
// steps (labels waiting, rows awaiting their label) resumed into a new engine decides as an
// uninterrupted session. Tiny mlp on the cpu backend (parity.test.ts has the full replay
// parity of the decisions, fills and equity for this model and a tiny lstm).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { runWalkForward } from '../walkforward/run';
import type { PartialFitEvent, WalkForwardRequest, WalkForwardResult } from '../walkforward/types';
import { InputError } from '../errors';
import { liveBarAt } from './bar-buffer';
import { LiveEngine } from './engine';
import { tinyOnlineMlp } from './test-utils/neural';
import type { EngineCheckpoint, LiveDecision } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BARS = 900;
const REPLAY = 150;
const HOUR = 3_600_000;

interface Step {
  at: number;
  rows: number[];
}

/** Bars [from, to) through an engine; its decisions, its fine-tuning steps and its checkpoint after each bar. */
async function replay(
  request: WalkForwardRequest,
  bars: Bars,
  from: number,
  to: number,
  checkpoint?: EngineCheckpoint,
): Promise<{ decisions: LiveDecision[]; steps: Step[]; states: EngineCheckpoint[]; last: EngineCheckpoint }> {
  const steps: Step[] = [];
  const engine = await LiveEngine.create({
    request,
    history: sliceBars(bars, 0, from),
    checkpoint,
    onFineTune: (e) => steps.push(e),
  });
  const decisions: LiveDecision[] = [];
  const states: EngineCheckpoint[] = [];
  for (let t = from; t < to; t++) {
    decisions.push(await engine.step(liveBarAt(bars, t)));
    states.push(engine.checkpoint(false));
  }
  const last = structuredClone(engine.checkpoint(true));
  engine.dispose();
  return { decisions, steps, states, last };
}

describe('live online fine-tuning of a neural model (tiny mlp, batches of 8)', () => {
  let bars: Bars;
  let full: WalkForwardResult;
  let offline: WalkForwardResult;
  let events: PartialFitEvent[];
  let S: number;
  let E: number;
  let live: Awaited<ReturnType<typeof replay>>;
  beforeAll(async () => {
    const all = loadSampleBars('BTC/USDT');
    bars = sliceBars(all, all.time.length - BARS, all.time.length);
    events = [];
    full = await runWalkForward({
      request: tinyOnlineMlp,
      bars: [bars],
      onPartialFit: (e) => events.push(e),
    });
    offline = await runWalkForward({ request: { ...tinyOnlineMlp, online: false }, bars: [bars] });
    E = full.per_symbol[0].simulation.end;
    S = E - REPLAY;
    live = await replay(tinyOnlineMlp, bars, S, E);
  }, 60_000);

  it('takes the walk-forward steps at the same bars on the same rows (replayed ones before the first live bar too)', () => {
    const byBar = new Map<number, number[]>();
    for (const e of events) byBar.set(e.atBarIndex, [...(byBar.get(e.atBarIndex) ?? []), e.rowBarIndex]);
    const ref = [...byBar].map(([at, rows]) => ({ at: bars.time[at], rows: rows.map((r) => bars.time[r]) }));
    const inReplay = live.steps.filter((s) => s.at >= bars.time[S]);
    expect(inReplay.length).toBeGreaterThanOrEqual(10); // a dozen steps per 100-bar window
    expect(live.steps.length).toBeGreaterThan(inReplay.length); // earlier folds' steps replayed
    expect(live.steps).toEqual(ref);
    // each row learned only once its label's last bar has closed (the newest at exactly that
    // bar: the sample's rows are consecutive), in batches of at least 8
    for (const s of live.steps) {
      expect(s.rows.length).toBeGreaterThanOrEqual(8);
      for (const r of s.rows) expect(s.at - r).toBeGreaterThanOrEqual(12 * HOUR);
      expect(s.at - s.rows[s.rows.length - 1]).toBe(12 * HOUR);
    }
    // the ledger names the newest row of each step at its bar
    const logged = live.decisions.filter((d) => d.online_update !== null);
    expect(logged.map((d) => [d.time, d.online_update])).toEqual(
      inReplay.map((s) => [s.at, s.rows[s.rows.length - 1]]),
    );
  });

  it('predicts as the online walk-forward, which differs from the offline one on most bars (so a session not fine-tuning fails)', () => {
    const liveSignal = live.decisions.map((d) => d.signal ?? NaN);
    expect(liveSignal).toEqual(Array.from(full.per_symbol[0].signal.subarray(S, E)));
    const off = offline.per_symbol[0].signal.subarray(S, E);
    const differ = liveSignal.filter((v, i) => v !== off[i]).length;
    expect(differ).toBeGreaterThan(REPLAY / 2);
  });

  it('resumes from a checkpoint between two steps with the fine-tuned weights and the waiting labels', async () => {
    // a bar after which labels wait for a batch and a step of the same fold is still to come
    const stepAt = new Set(live.steps.map((s) => s.at));
    const i = live.states.findIndex(
      (st, k) =>
        k > 20 &&
        (st.fine_tune?.revealed.length ?? 0) > 0 &&
        !stepAt.has(live.decisions[k].time) &&
        live.decisions.some((d, m) => m > k && d.fold === live.decisions[k].fold && d.online_update !== null),
    );
    expect(i).toBeGreaterThan(0);
    const M = S + i + 1;
    const first = await replay(tinyOnlineMlp, bars, S, M);
    expect(first.last.fine_tune!.waiting.length).toBeGreaterThan(0);
    expect(first.last.online_updates).toBeGreaterThan(0);
    const resumed = await replay(tinyOnlineMlp, bars, M, E, first.last);
    expect(resumed.decisions.some((d) => d.online_update !== null)).toBe(true);
    const all = [...first.decisions, ...resumed.decisions];
    expect(all.map((d) => d.signal)).toEqual(live.decisions.map((d) => d.signal));
    expect(all).toEqual(live.decisions);
  }, 60_000);
});

describe('live online fine-tuning: settings a session cannot follow', () => {
  const history = (() => {
    const all = loadSampleBars('BTC/USDT');
    return sliceBars(all, all.time.length - 600, all.time.length);
  })();
  const field = async (request: WalkForwardRequest) => {
    try {
      await LiveEngine.create({ request, history });
    } catch (e) {
      if (e instanceof InputError) return e.field;
      throw e;
    }
    return null;
  };

  it('refuses overlapping windows with warm starts (the walk-forward would start a fold from a future-tuned one)', async () => {
    expect(await field({ ...tinyOnlineMlp, step: '50' })).toBe('step');
    expect(await field({ ...tinyOnlineMlp, step: '50', warm_start: false })).toBeNull();
    expect(await field({ ...tinyOnlineMlp, step: '50', online: false })).toBeNull();
  });

  it('refuses a batch size that is not a whole number >= 1', async () => {
    expect(await field({ ...tinyOnlineMlp, online_batch: 0 })).toBe('online_batch');
    expect(await field({ ...tinyOnlineMlp, online_batch: 2.5 })).toBe('online_batch');
  });
});
