// Replay parity: the last bars of a stretch of the real sample replayed bar by bar through the
// live loop give the walk-forward backtest's predictions on those bars exactly, and the targets,
// fills and equity that the backtest's own signal and simulation code makes of those predictions
// over the same bars (a session starts flat, so the reference simulation starts at the replay's
// first bar and, like a live session, never liquidates at its end). Cases: gbc retrained each
// window, sgdc learning online, a tiny lstm (cpu backend) reading the last L bars as context
// and warm-started along the fold chain, and a tiny mlp and the tiny lstm fine-tuning online in
// batches of 8 revealed labels (the session starts mid-window: the earlier folds' chain and this
// window's steps so far are replayed before its first bar).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classificationTargets } from '../backtest/signals';
import { simulate } from '../backtest/simulate';
import { sliceBars, type Bars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { runWalkForward } from '../walkforward/run';
import { smallGbcRequest, smallSgdcRequest } from '../walkforward/test-utils/fixtures';
import type { WalkForwardRequest, WalkForwardResult } from '../walkforward/types';
import { liveBarAt } from './bar-buffer';
import { LiveEngine } from './engine';
import { tinyLstm, tinyOnlineMlp } from './test-utils/neural';
import type { LiveDecision } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// [name, request, the last BARS hourly bars of the sample, the last REPLAY bars the plan covers replayed]
describe.each<[string, WalkForwardRequest, number, number]>([
  ['gbc, retrained every test window', smallGbcRequest(), 7000, 30 * 24],
  ['sgdc, learning online', smallSgdcRequest(), 7000, 30 * 24],
  ['lstm, a context window of 4 bars, warm-started folds', tinyLstm, 900, 150],
  ['mlp, fine-tuning online in batches', tinyOnlineMlp, 900, 150],
  ['lstm, fine-tuning online in batches', { ...tinyLstm, online: true, online_batch: 8 }, 900, 150],
])('replay parity (%s)', (_name, request, BARS, REPLAY) => {
  let bars: Bars;
  let full: WalkForwardResult;
  let decisions: LiveDecision[];
  let S: number;
  let E: number;
  beforeAll(async () => {
    const all = loadSampleBars('BTC/USDT');
    bars = sliceBars(all, all.time.length - BARS, all.time.length);
    full = await runWalkForward({ request, bars: [bars] });
    E = full.per_symbol[0].simulation.end; // one past the last test bar
    S = E - REPLAY;
    const engine = await LiveEngine.create({ request, history: sliceBars(bars, 0, S) });
    decisions = [];
    for (let t = S; t < E; t++) decisions.push(await engine.step(liveBarAt(bars, t)));
    engine.dispose();
  }, 60_000);

  it('replays a window boundary (a scheduled retrain inside the replay)', () => {
    const retrains = decisions.filter((d) => d.retrained).map((d) => d.fold);
    expect(retrains.length).toBeGreaterThanOrEqual(2); // the window the session starts in, and the next
    expect(new Set(decisions.map((d) => d.fold)).size).toBeGreaterThanOrEqual(2);
  });

  it('predicts every bar exactly as the walk-forward did', () => {
    const sig = full.per_symbol[0].signal;
    const live = decisions.map((d) => d.signal ?? NaN);
    const ref = Array.from(sig.subarray(S, E));
    expect(live.every((v) => Number.isFinite(v))).toBe(true);
    expect(live).toEqual(ref);
  });

  it('decides, fills and values the paper account exactly as the backtest code does on the same bars', () => {
    const req = full.request;
    const prob = new Float64Array(bars.time.length).fill(NaN);
    prob.set(full.per_symbol[0].signal.subarray(S, E), S);
    const target = classificationTargets({
      prob,
      buyThreshold: req.buy_threshold,
      sellThreshold: req.sell_threshold,
      longShort: req.long_short,
      strict: req.strict_thresholds,
    });
    const sim = simulate({
      bars,
      target,
      start: S,
      end: E,
      fill: req.fill,
      feesBps: req.fees_bps,
      slippageBps: req.slippage_bps,
      initialCapital: req.initial_capital,
      closeAtEnd: false,
    });
    expect(decisions.map((d) => d.target)).toEqual(Array.from(target.subarray(S, E)));
    expect(decisions.map((d) => d.equity)).toEqual(Array.from(sim.equity));
    expect(decisions.map((d) => d.quantity)).toEqual(Array.from(sim.quantity));
    const liveFills = decisions.flatMap((d) =>
      d.fills.map((f) => [f.time, f.decision_time, f.quantity, f.price, f.fee, f.slippage]),
    );
    const f = sim.fills;
    const refFills = Array.from({ length: f.count }, (_, i) => [
      bars.time[f.bar[i]],
      bars.time[f.decisionBar[i]],
      f.quantity[i],
      f.price[i],
      f.fee[i],
      f.slippage[i],
    ]);
    expect(refFills.length).toBeGreaterThan(0);
    expect(liveFills).toEqual(refFills);
  });
});
