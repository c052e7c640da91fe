// Online learning timing, proven by instrumentation on the real sample: every partialFit for
// row j happens at the close of bar j + h (never earlier), only for rows of the same test
// window (never the purge gap), (test rows - h) times per fold; the first h + 1 predictions of
// a fold are the offline ones (no label is known yet), later ones differ.
import { describe, expect, it } from 'vitest';
import { restoreModel } from '../models/registry';
import { CancelledError } from '../errors';
import { createCancelFlag } from '../util/progress';
import { runFold } from './fold';
import { planWalkForward } from './plan';
import { runWalkForward } from './run';
import { sampleSlice, smallGbcRequest, smallSgdcRequest } from './test-utils/fixtures';
import type { PartialFitEvent } from './types';

const H = 12;

describe('online learning', () => {
  it('updates with row j only at bar j + h, only with test rows, (test rows - h) times per fold', async () => {
    const btc = sampleSlice('BTC/USDT', 4500);
    const eth = sampleSlice('ETH/USDT', 4500);
    const events: PartialFitEvent[] = [];
    const r = await runWalkForward({
      request: smallSgdcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'], save_updates: true }),
      bars: [btc, eth],
      onPartialFit: (e) => events.push(e),
      now: () => Date.UTC(2025, 0, 9, 10, 10, 10),
    });
    const plan = planWalkForward(smallSgdcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'] }), [btc, eth]);
    expect(plan.summary.fold_count).toBeGreaterThanOrEqual(3);
    const bad: string[] = [];
    for (const e of events) {
      const d = plan.symbols.find((s) => s.symbol === e.symbol)!;
      const [ta, tb] = d.rows[e.fold].test;
      const [pa, pb] = [d.rows[e.fold].train[1], ta]; // purge gap rows
      if (e.atBarIndex < e.rowBarIndex + H) bad.push(`early ${JSON.stringify(e)}`);
      if (e.atBarIndex !== e.rowBarIndex + H) bad.push(`late ${JSON.stringify(e)}`);
      if (!(e.row >= ta && e.row < tb)) bad.push(`not a test row ${JSON.stringify(e)}`);
      if (e.row >= pa && e.row < pb) bad.push(`purge-gap row ${JSON.stringify(e)}`);
      if (d.dataset.barIndex[e.row] !== e.rowBarIndex) bad.push(`row/bar mismatch ${JSON.stringify(e)}`);
    }
    expect(bad.slice(0, 3)).toEqual([]);
    for (const f of r.folds) {
      const n = events.filter((e) => e.fold === f.fold && e.symbol === f.symbols[0]).length;
      expect(n).toBe(f.test_rows - H);
      expect(f.online_updates).toBe(f.test_rows - H);
    }
    // rows revealed in time order within each fold
    for (const sym of ['BTC/USDT', 'ETH/USDT']) {
      const at = events.filter((e) => e.symbol === sym).map((e) => e.atBarIndex);
      expect(at.every((v, i) => i === 0 || v > at[i - 1])).toBe(true);
    }
    // save_updates: the last fold's updated model of each symbol, named after the parent
    expect(r.updated_models.map((m) => m.model_id)).toEqual([
      'sgdc_classification_20250101_000000_updated_20250109_101010_btc_usdt',
      'sgdc_classification_20250101_000000_updated_20250109_101010_eth_usdt',
    ]);
    const m = r.updated_models[0];
    expect(m.metrics).toMatchObject({
      parent_model_id: 'sgdc_classification_20250101_000000',
      symbols: ['BTC/USDT'],
    });
    const wf = m.metrics.walk_forward as { fold: number; online_updates: number };
    expect(wf.fold).toBe(plan.symbols[0].folds.length - 1);
    expect(wf.online_updates).toBe(500 - H);
    const restored = await restoreModel(m.serialized);
    expect(restored.kind).toBe('sgdc');
  });

  it('predicts the first h + 1 test rows with the freshly fitted model, later rows with the updated one', async () => {
    const bars = sampleSlice('BTC/USDT', 3000);
    const on = planWalkForward(smallSgdcRequest(), [bars]);
    const off = planWalkForward(smallSgdcRequest({ online: false }), [bars]);
    const a = await runFold({ plan: on, task: 0 });
    const b = await runFold({ plan: off, task: 0 });
    const pa = a.predictions[0].signal;
    const pb = b.predictions[0].signal;
    expect(Array.from(pa.subarray(0, H + 1))).toEqual(Array.from(pb.subarray(0, H + 1)));
    let differ = 0;
    for (let i = H + 1; i < pa.length; i++) if (pa[i] !== pb[i]) differ++;
    expect(differ).toBeGreaterThan(0.9 * (pa.length - H - 1));
    expect(a.online).toBe(true);
    expect(b.online_updates).toBe(0);
  });

  it('pooled: one model per fold learns from every symbol, each label at its own bar j + h', async () => {
    const btc = sampleSlice('BTC/USDT', 3200);
    const eth = sampleSlice('ETH/USDT', 3200);
    const events: PartialFitEvent[] = [];
    const plan = planWalkForward(smallSgdcRequest({ symbols: ['BTC/USDT', 'ETH/USDT'], pooled: true }), [
      btc,
      eth,
    ]);
    const f = await runFold({ plan, task: 0, onPartialFit: (e) => events.push(e) });
    expect(f.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(f.train_rows).toBe(2 * (2000 - H));
    expect(events.every((e) => e.atBarIndex === e.rowBarIndex + H)).toBe(true);
    expect(events.filter((e) => e.symbol === 'ETH/USDT')).toHaveLength(500 - H);
    expect(f.online_updates).toBe(2 * (500 - H));
    expect(Object.keys(f.model_metrics_per_symbol ?? {})).toEqual(['BTC/USDT', 'ETH/USDT']);
  });

  it('says clearly when the model cannot learn online, and runs offline', async () => {
    const bars = sampleSlice('BTC/USDT', 2800);
    const plan = planWalkForward(smallGbcRequest({ online: true }), [bars]);
    const events: PartialFitEvent[] = [];
    const f = await runFold({ plan, task: 0, onPartialFit: (e) => events.push(e) });
    expect(events).toHaveLength(0);
    expect(f.online).toBe(false);
    expect(f.warnings.join(' ')).toMatch(/cannot learn online \(only sgdc and sgdr/);
  });

  it('cancels inside the online loop and between folds', async () => {
    const bars = sampleSlice('BTC/USDT', 3600);
    const inside = createCancelFlag();
    let n = 0;
    await expect(
      runWalkForward({
        request: smallSgdcRequest(),
        bars: [bars],
        signal: inside,
        onPartialFit: () => {
          if (++n === 100) inside.cancel();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(n).toBeLessThan(100 + 64); // stopped within one check interval
    const between = createCancelFlag();
    let folds = 0;
    await expect(
      runWalkForward({
        request: smallGbcRequest(),
        bars: [bars],
        signal: between,
        onFold: () => {
          folds++;
          between.cancel();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(folds).toBe(1);
  });
});
