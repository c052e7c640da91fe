// The benchmark in Node: population 50 x 30 generations on one symbol of the sample
// (37,660 bars, four signals, costs on) must finish well under 10 s; prints candidates/s.
// Headless Chromium runs the same V8, so the Node figure is a fair proxy for the browser.
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { createEvaluator, emptyFitness } from './fitness';
import { optimizeStrategyWeights } from './ga';
import { buildSignals } from './signals';

describe('optimizer speed (real BTC/USDT, 37,660 bars)', () => {
  const bars = loadSampleBars('BTC/USDT');

  it('population 50 x 30 generations finishes under 10 s', async () => {
    const t0 = performance.now();
    const signals = buildSignals({ bars });
    const tSignals = performance.now() - t0;
    const res = await optimizeStrategyWeights({
      signalNames: ['rsi', 'macd', 'ema_cross', 'volume'],
      signals,
      bars,
      objective: 'sharpe',
      constraints: { max_drawdown: -0.5, min_trades: 20 },
      population: 50,
      generations: 30,
      seed: 7,
      optimizeThresholds: true,
      feesBps: 10,
      slippageBps: 5,
    });
    const total = performance.now() - t0;
    const perSec = res.evaluated / (res.elapsedMs / 1000);
    const barsPerSec = (perSec * (res.end - res.start)) / 1e6;
    console.log(
      `[optimize bench] signals ${tSignals.toFixed(0)} ms; GA ${res.evaluated} candidates x ${res.end - res.start} bars in ${res.elapsedMs.toFixed(0)} ms = ${perSec.toFixed(0)} candidates/s (${barsPerSec.toFixed(1)} M bar-evaluations/s); total ${total.toFixed(0)} ms`,
    );
    expect(res.history).toHaveLength(30);
    expect(total).toBeLessThan(10_000);
  });

  it('one evaluation allocates nothing that grows with candidates (buffers reused)', () => {
    const signals = buildSignals({ bars });
    const ev = createEvaluator({ bars, signals: signals.columns, start: 700, feesBps: 10 });
    const out = emptyFitness();
    const w = new Float64Array([0.3, 0.2, 0.4, 0.1]);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) {
      w[0] = (i % 7) / 7 - 0.5;
      ev.evaluate(w, 0, 0, out);
    }
    const ms = (performance.now() - t0) / 200;
    console.log(`[optimize bench] one candidate on ${bars.close.length - 700} bars: ${ms.toFixed(3)} ms`);
    expect(ev.score.length).toBe(bars.close.length);
  });
});
