// fitForestParallel with in-process runners (what the browser's worker pool does, minus the
// workers): the model must equal fitRfc's byte for byte on the real seed rows, whatever the
// runner count, chunk size or the order parts come back in; cancel and runner failures reject.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSampleBars } from '../../test-utils/sample';
import { seedFold, type SeedFold } from '../../split';
import { CancelledError } from '../../errors';
import { createCancelFlag } from '../../util/progress';
import { fitForestTrees, fitRfc } from './index';
import { fitForestParallel, treeRanges, type ForestJob, type ForestRunner } from './parallel';
import { concatBytes } from './test-utils/toy';

const PARAMS = { n_estimators: 12, seed: 7 };

/** A runner that builds trees on this thread, optionally after a delay (to reorder parts). */
function localRunner(delayMs = 0, broken = false): ForestRunner & { ranges: [number, number][] } {
  let job: ForestJob | null = null;
  const ranges: [number, number][] = [];
  return {
    ranges,
    load(j) {
      job = j;
    },
    async run(range, onTree) {
      if (!job) throw new Error('no job loaded');
      if (broken) throw new Error(`runner broke at tree ${range[0]}`);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      ranges.push(range);
      return fitForestTrees({ ...job, treeRange: range, onProgress: () => onTree() });
    },
  };
}

let fold: SeedFold;
let reference: string;

beforeAll(async () => {
  fold = seedFold({ bars: loadSampleBars('BTC/USDT') });
  const { model } = await fitRfc({ X: fold.Xtrain, y: fold.ytrain, params: PARAMS });
  reference = concatBytes(model.serialize().payload);
});

describe('fitForestParallel', () => {
  it('deals out contiguous ranges covering every tree once', () => {
    expect(treeRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(treeRanges(3, 0.2)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('gives fitRfc’s model bit for bit with 3 runners finishing out of order', async () => {
    const runners = [localRunner(15), localRunner(0), localRunner(5)];
    const fractions: number[] = [];
    const { model, report } = await fitForestParallel({
      X: fold.Xtrain,
      y: fold.ytrain,
      params: PARAMS,
      runners,
      chunkTrees: 2,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(concatBytes(model.serialize().payload)).toBe(reference);
    expect(model.nTrees).toBe(12);
    // every runner took work, and the ranges they built cover [0, 12) exactly once
    expect(runners.every((r) => r.ranges.length > 0)).toBe(true);
    const built = runners.flatMap((r) => r.ranges).sort((a, b) => a[0] - b[0]);
    expect(built.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k))).toEqual(
      Array.from({ length: 12 }, (_, k) => k),
    );
    expect(fractions).toHaveLength(12);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(report.backend).toBe('js (3 workers)');
  });

  it('one runner with the default chunking gives the same model', async () => {
    const { model } = await fitForestParallel({
      X: fold.Xtrain,
      y: fold.ytrain,
      params: PARAMS,
      runners: [localRunner()],
    });
    expect(concatBytes(model.serialize().payload)).toBe(reference);
  });

  it('rejects with CancelledError when cancelled between trees', async () => {
    const flag = createCancelFlag();
    let trees = 0;
    const run = fitForestParallel({
      X: fold.Xtrain,
      y: fold.ytrain,
      params: PARAMS,
      runners: [localRunner(), localRunner()],
      chunkTrees: 6,
      signal: flag,
      onProgress: () => {
        if (++trees === 2) flag.cancel();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(trees).toBeLessThan(12);
  });

  it('a runner failure rejects the fit with its message', async () => {
    const run = fitForestParallel({
      X: fold.Xtrain,
      y: fold.ytrain,
      params: PARAMS,
      runners: [localRunner(), localRunner(0, true)],
      chunkTrees: 3,
    });
    await expect(run).rejects.toThrow(/runner broke at tree \d+/);
  });
});
