// Speed of a study in Node (the same V8 as the browser's workers), on one thread: gbc trials
// with ASHA over 12 tuning folds of one symbol of the real sample (365-day training windows,
// 30-day tests). Prints trials per minute; a report, not a gate. The small default budget keeps
// the suite fast; the full run (100 trials, default gbc space) is
//   TUNE_BENCH_TRIALS=100 TUNE_BENCH_FULL_SPACE=1 npx vitest run src/core/tune/tune.bench.test.ts
import { describe, expect, it } from 'vitest';
import { inProcessExecutor } from '../jobs/in-process';
import { loadSampleBars } from '../test-utils/sample';
import { resolveTuneRequest } from './request';
import { runTrials, setupStudy } from './study';

const TRIALS = Number(process.env.TUNE_BENCH_TRIALS ?? 2);
const FULL = process.env.TUNE_BENCH_FULL_SPACE === '1';

describe('study speed (real BTC/USDT, gbc, ASHA, 12 tuning folds)', () => {
  it(`runs ${TRIALS} trial(s) and prints trials per minute`, async () => {
    const request = resolveTuneRequest({
      symbols: ['BTC/USDT'],
      model: 'gbc',
      trials: TRIALS,
      batch_size: 4,
      seed: 1,
      train_window: '365d',
      test_window: '30d',
      max_folds: 20,
      ...(FULL
        ? {}
        : {
            space: {
              n_estimators: { type: 'int', low: 10, high: 40, log: true },
              max_depth: { type: 'int', low: 2, high: 4 },
              learning_rate: { type: 'float', low: 0.03, high: 0.3, log: true },
              max_bins: { type: 'categorical', choices: [32, 64] },
            },
          }),
    });
    const setup = setupStudy(request, [loadSampleBars('BTC/USDT')]);
    expect(setup.periods.tuning_folds).toBe(12);
    const t0 = performance.now();
    const trials = await runTrials({ setup, executor: inProcessExecutor() });
    const s = (performance.now() - t0) / 1000;
    const folds = trials.reduce((n, t) => n + t.folds, 0);
    const pruned = trials.filter((t) => t.state === 'pruned').length;
    console.log(
      `[tune bench] ${trials.length} gbc trial(s) (${FULL ? 'default' : 'small'} space), ${pruned} pruned, ${folds} fold fits in ${s.toFixed(1)} s on one thread: ${((trials.length / s) * 60).toFixed(1)} trials/min, ${(folds / s).toFixed(1)} folds/s`,
    );
    expect(trials).toHaveLength(TRIALS);
  }, 600_000);
});
