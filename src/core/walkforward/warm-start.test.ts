// Warm-started neural folds: a symbol's folds run as one chain, fold k starting from fold k-1's
// weights; the same seed gives the same predictions; no fit (from scratch or fine-tuning, nor
// its early-stopping tail) learns from a row whose label reaches the fold's test window; tree
// folds are unaffected. Also prints how much faster a warm-started mlp walk-forward is than
// one from scratch, and the out-of-sample AUC of both (a measurement, not a gate).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { classificationMetrics } from '../models/metrics';
import { foldChains, runFoldChain, warmStartOn, type FoldFitEvent } from './fold';
import { planWalkForward } from './plan';
import { runWalkForward } from './run';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';
import type { FoldResult, PartialFitEvent, WalkForwardRequest } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const H = 12;

function mlpRequest(over: Partial<WalkForwardRequest> = {}): WalkForwardRequest {
  return smallGbcRequest({
    model: {
      model_id: 'mlp_classification_20250101_000000',
      kind: 'mlp',
      task: 'classification',
      target_horizon: H,
      params: { epochs: 10, hidden_units: [16], batch_size: 128, patience: 3 },
    },
    max_folds: 4,
    ...over,
  });
}

function oosAuc(folds: FoldResult[]): number {
  const y = folds.flatMap((f) => f.predictions.flatMap((p) => Array.from(p.y)));
  const v = folds.flatMap((f) => f.predictions.flatMap((p) => Array.from(p.values)));
  return classificationMetrics(Float64Array.from(y), {
    rows: y.length,
    nClasses: 2,
    values: Float64Array.from(v),
  }).rocAuc;
}

describe('warm-started walk-forward folds', () => {
  const bars = [sampleSlice('BTC/USDT', 5200)];

  it("chain a symbol's neural folds, only for neural kinds", () => {
    const plan = planWalkForward(mlpRequest({ symbols: ['BTC/USDT', 'ETH/USDT'] }), [
      sampleSlice('BTC/USDT', 5200),
      sampleSlice('ETH/USDT', 5200),
    ]);
    const chains = foldChains(plan);
    expect(chains).toHaveLength(2);
    for (const c of chains) {
      expect(c.map((t) => plan.tasks[t].fold)).toEqual([0, 1, 2, 3].slice(0, c.length));
      expect(new Set(c.map((t) => plan.tasks[t].symbols.join()))).toHaveProperty('size', 1);
    }
    expect(warmStartOn(plan.request)).toBe(true);
    expect(warmStartOn({ ...plan.request, warm_start: false })).toBe(false);
    expect(warmStartOn(planWalkForward(smallGbcRequest(), bars).request)).toBe(false);
  });

  it('fine-tune on rows whose labels end before the test window, and repeat for the same seed', async () => {
    const plan = planWalkForward(mlpRequest({ max_folds: 3 }), bars);
    const events: FoldFitEvent[] = [];
    const a = await runFoldChain({ plan, chain: 0, onFit: (e) => events.push(e) });
    expect(events.map((e) => e.warm)).toEqual([false, true, true]);
    expect(a.map((f) => f.warm_started ?? false)).toEqual([false, true, true]);
    const d = plan.symbols[0];
    for (const e of events) {
      const firstTestBar = d.testBars[e.fold][0];
      for (const r of e.rows) {
        expect(r.train.length).toBeGreaterThan(0);
        expect(r.validation.length).toBeGreaterThan(0);
        // every label (bar i -> bar i + h) closes before the test window opens
        for (const i of [...r.train, ...r.validation]) expect(i + H).toBeLessThan(firstTestBar);
        // the early-stopping tail starts h rows after the last row fitted
        expect(r.validation[0] - r.train[r.train.length - 1]).toBeGreaterThan(H);
      }
    }
    const b = await runFoldChain({ plan, chain: 0 });
    expect(b.map((f) => Array.from(f.predictions[0].values))).toEqual(
      a.map((f) => Array.from(f.predictions[0].values)),
    );
    // a warm start changes the later folds (the first is the same fit)
    const coldFolds: FoldResult[] = [];
    await runWalkForward({
      request: { ...plan.request, warm_start: false },
      bars,
      onFold: (f) => coldFolds.push(f),
    });
    const coldValues = coldFolds
      .sort((x, y) => x.fold - y.fold)
      .map((f) => Array.from(f.predictions[0].values));
    expect(coldValues[0]).toEqual(Array.from(a[0].predictions[0].values));
    expect(coldValues[1]).not.toEqual(Array.from(a[1].predictions[0].values));
  }, 120_000);

  it('neural nets fine-tune online in small batches, each row only after bar j + h closed', async () => {
    const req = mlpRequest({ max_folds: 2, online: true, online_batch: 16 });
    req.model = { ...req.model, params: { ...req.model.params, epochs: 2 } };
    const events: PartialFitEvent[] = [];
    const folds: FoldResult[] = [];
    await runWalkForward({
      request: req,
      bars,
      onPartialFit: (e) => events.push(e),
      onFold: (f) => folds.push(f),
    });
    const plan = planWalkForward(req, bars);
    const d = plan.symbols[0];
    for (const e of events) {
      const [ta, tb] = d.rows[e.fold].test;
      expect(e.atBarIndex).toBeGreaterThanOrEqual(e.rowBarIndex + H);
      expect(e.row >= ta && e.row < tb).toBe(true);
    }
    for (const f of folds) {
      expect(f.online).toBe(true);
      // every revealed label is used, in whole batches of 16
      expect(f.online_updates).toBe(Math.floor((f.test_rows - H) / 16) * 16);
      expect(events.filter((e) => e.fold === f.fold)).toHaveLength(f.online_updates);
    }
    // the first batch's predictions are the offline ones; later predictions differ from offline
    const offline: FoldResult[] = [];
    await runWalkForward({ request: { ...req, online: false }, bars, onFold: (f) => offline.push(f) });
    const on = Array.from(folds[0].predictions[0].values);
    const off = Array.from(offline[0].predictions[0].values);
    const firstUpdate = events.findIndex((e) => e.fold === folds[0].fold);
    const firstAt =
      d.dataset.barIndex.indexOf(events[firstUpdate].atBarIndex) - d.rows[folds[0].fold].test[0];
    expect(on.slice(0, 2 * (firstAt + 1))).toEqual(off.slice(0, 2 * (firstAt + 1)));
    expect(on.slice(2 * (firstAt + 1))).not.toEqual(off.slice(2 * (firstAt + 1)));
  }, 120_000);

  it('a transformer walks forward warm-started, every test row predicted', async () => {
    const req = mlpRequest({
      max_folds: 2,
      model: {
        model_id: 'transformer_classification_20250101_000000',
        kind: 'transformer',
        task: 'classification',
        target_horizon: H,
        params: { epochs: 2, sequence_length: 8, model_dim: 8, heads: 2, ff_units: 8, batch_size: 256 },
      },
    });
    const folds: FoldResult[] = [];
    await runWalkForward({ request: req, bars, onFold: (f) => folds.push(f) });
    expect(folds.map((f) => f.warm_started ?? false)).toEqual([false, true]);
    for (const f of folds) expect(Array.from(f.predictions[0].values).every(Number.isFinite)).toBe(true);
  }, 120_000);

  // a measurement (about 30 s on a shared cpu): CANDLE_BENCH=1 npx vitest run <this file>
  it.runIf(process.env.CANDLE_BENCH)(
    'is faster than fitting every fold from scratch (printed)',
    async () => {
      const req = mlpRequest({
        max_folds: 4,
        model: {
          ...mlpRequest().model,
          params: { epochs: 20, hidden_units: [32], batch_size: 128, patience: 20 },
        },
      });
      const time = async (warm: boolean) => {
        const t0 = performance.now();
        const folds: FoldResult[] = [];
        await runWalkForward({ request: { ...req, warm_start: warm }, bars, onFold: (f) => folds.push(f) });
        return { s: (performance.now() - t0) / 1000, auc: oosAuc(folds) };
      };
      const warm = await time(true);
      const cold = await time(false);
      console.log(
        `mlp walk-forward, 4 folds on cpu: from scratch ${cold.s.toFixed(1)} s (OOS AUC ${cold.auc.toFixed(4)}), ` +
          `warm-started ${warm.s.toFixed(1)} s (OOS AUC ${warm.auc.toFixed(4)}), ${(cold.s / warm.s).toFixed(2)}x`,
      );
      expect(warm.s).toBeLessThan(cold.s);
    },
    180_000,
  );
});
