// Trials of one study share the features and labels planned once per label horizon in a thread:
// a trial run on the shared plan gives exactly what it gives planned afresh, horizons do not mix,
// and the shared plan carries each trial's own request.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { isPackedContext, packContext } from '../jobs/pack';
import { createUnitHost } from '../jobs/units';
import { loadSampleBars } from '../test-utils/sample';
import { resolveTuneRequest, type TuneRequest } from './request';
import { setupStudy, type StudySetup } from './study';
import { runTrial, trialPlan, type TrialContext } from './trial';

/** A gbc study of three small folds on the first 2,400 bars of the sample's BTC/USDT. */
function smallStudy(space: TuneRequest['space']): StudySetup {
  return setupStudy(
    resolveTuneRequest({
      symbols: ['BTC/USDT'],
      model: 'gbc',
      space,
      train_window: '1200',
      test_window: '300',
      max_folds: 3,
      pruner: 'none',
    }),
    [sliceBars(loadSampleBars('BTC/USDT'), 0, 2400)],
  );
}

/** The context a tuning thread gets for these trials of the study (log-loss, no pruning rungs). */
function studyContext(setup: StudySetup, trials: TrialContext['trials']): TrialContext {
  return {
    kind: 'gbc',
    bars: setup.tuneBars,
    base: setup.base,
    objective: 'log_loss',
    constraints: {},
    rungs: [],
    eta: 3,
    trials,
  };
}

describe('trial plans shared within a study', () => {
  it('give the same trials as plans made afresh, per label horizon', async () => {
    const setup = smallStudy({
      n_estimators: { type: 'int', low: 3, high: 6 },
      target_horizon: { type: 'int', low: 6, high: 12 },
    });
    const trials = [
      { number: 0, params: { n_estimators: 3, target_horizon: 6 }, competitors: [] },
      { number: 1, params: { n_estimators: 5, target_horizon: 6 }, competitors: [] },
      { number: 2, params: { n_estimators: 4, target_horizon: 12 }, competitors: [] },
    ];
    const ctx = studyContext(setup, trials);
    const shared = { ...ctx, setup_key: setup.key };
    const strip = ({ seconds: _s, ...t }: Awaited<ReturnType<typeof runTrial>>) => t;
    for (let i = 0; i < trials.length; i++)
      expect(strip(await runTrial(shared, i))).toEqual(strip(await runTrial(ctx, i)));
    const a = trialPlan(shared, trials[0].params);
    const b = trialPlan(shared, trials[1].params);
    const c = trialPlan(shared, trials[2].params);
    expect(b.symbols).toBe(a.symbols); // features and labels computed once
    expect(c.symbols).not.toBe(a.symbols);
    expect(b.request.model.params.n_estimators).toBe(5);
    expect(c.request.model.target_horizon).toBe(12);
    expect(c.summary.horizon).toBe(12);
  }, 30_000);

  it('outlive the job whose packed context a unit thread hands back', async () => {
    const setup = smallStudy({ n_estimators: { type: 'int', low: 3, high: 6 } });
    const ctx = (n: number): TrialContext => ({
      ...studyContext(setup, [{ number: n, params: { n_estimators: 3 + n }, competitors: [] }]),
      setup_key: setup.key,
    });
    // what a pool worker sees: a packed context moved in, its buffer moved out again at unload
    const send = <T>(v: T): T => structuredClone(v, { transfer: isPackedContext(v) ? [v.buffer] : [] });
    const host = createUnitHost();
    const strip = ({ seconds: _s, ...t }: Awaited<ReturnType<typeof runTrial>>) => t;
    const results = [];
    for (let job = 0; job < 2; job++) {
      host.load('tune.trial', send(packContext(ctx(job))));
      results.push(strip((await host.run(0)) as Awaited<ReturnType<typeof runTrial>>));
      const buffer = host.unload();
      expect(buffer).toBeInstanceOf(ArrayBuffer);
      structuredClone(buffer, { transfer: [buffer!] }); // detached here, as handing it back to the pool does
    }
    expect(results[1]).toEqual(strip(await runTrial({ ...ctx(1), setup_key: undefined }, 0)));
  }, 30_000);
});
