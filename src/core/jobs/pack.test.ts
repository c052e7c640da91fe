import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { planWalkForward } from '../walkforward/plan';
import { runFold } from '../walkforward/fold';
import type { WalkForwardRequest } from '../walkforward/types';
import { detachFrom, isPackedContext, packContext, unpackContext } from './pack';
import { createUnitHost } from './units';

/** what a worker receives: the packed context after a structured clone that moves the buffer */
const send = <T>(v: T): T => structuredClone(v, { transfer: isPackedContext(v) ? [v.buffer] : [] });

describe('packContext / unpackContext', () => {
  it('gives back equal values, typed arrays as views of the one buffer, shared references shared', () => {
    const shared = new Float64Array([1.5, -2, NaN]);
    const big = new Int32Array([1, 2, 3, 4, 5, 6]);
    const ctx = {
      a: shared,
      b: [shared, big.subarray(2, 5), new Uint8Array([7, 8, 9])],
      nested: { s: 'x', n: 3, nil: null, when: new Date(5), m: new Map([[1, new Float32Array([0.5])]]) },
      big64: new BigInt64Array([1n, -2n]),
    };
    const packed = send(packContext(ctx));
    const out = unpackContext(packed) as typeof ctx;
    expect(out).toEqual(ctx);
    expect(out.a).toBe(out.b[0]);
    expect(out.b[1]).toBeInstanceOf(Int32Array);
    expect(Array.from(out.b[1] as Int32Array)).toEqual([3, 4, 5]);
    for (const v of [out.a, out.b[1], out.b[2], out.big64]) expect(v.buffer).toBe(packed.buffer);
    expect(out.nested.when).toBeInstanceOf(Date);
    expect(out.nested.m.get(1)).toEqual(new Float32Array([0.5]));
  });

  it('packs into a handed-back buffer when it is large enough, and allocates when it is not', () => {
    const first = packContext({ x: new Float64Array(100).fill(1) });
    const again = packContext({ x: new Float64Array(50).fill(2) }, first.buffer);
    expect(again.buffer).toBe(first.buffer);
    expect(Array.from((unpackContext(again) as { x: Float64Array }).x)).toEqual(Array(50).fill(2));
    const larger = packContext({ x: new Float64Array(200) }, first.buffer);
    expect(larger.buffer).not.toBe(first.buffer);
  });

  it('detachFrom copies views of the packed buffer out of a result and leaves other arrays alone', () => {
    const packed = packContext({ x: new Float64Array([1, 2, 3, 4]) });
    const ctx = unpackContext(packed) as { x: Float64Array };
    const own = new Float64Array([9]);
    const result = detachFrom({ part: ctx.x.subarray(1, 3), own, list: [ctx.x] }, packed.buffer);
    expect(result.part.buffer).not.toBe(packed.buffer);
    expect(Array.from(result.part)).toEqual([2, 3]);
    expect(result.list[0].buffer).not.toBe(packed.buffer);
    expect(result.own).toBe(own);
  });
});

describe('a unit host with a packed walk-forward plan', () => {
  it('runs folds to the same results as on the plan itself and hands the buffer back', async () => {
    const req: WalkForwardRequest = {
      model: { model_id: null, kind: 'gbc', task: 'classification', target_horizon: 12 },
      symbols: ['BTC/USDT'],
      train_window: '90d',
      test_window: '30d',
      max_folds: 2,
    };
    const plan = planWalkForward(req, [loadSampleBars('BTC/USDT')]);
    const host = createUnitHost();
    const packed = send(packContext(plan));
    host.load('walkforward.fold', packed);
    for (const task of [0, 1]) {
      const viaHost = await host.run(task);
      const direct = await runFold({ plan, task });
      const strip = (r: Record<string, unknown>) => ({ ...r, fit_seconds: 0, predict_seconds: 0 });
      expect(strip(viaHost as Record<string, unknown>)).toEqual(strip(direct as never));
    }
    expect(host.unload()).toBe(packed.buffer);
    expect(host.unload()).toBeNull();
  });
});
