/**
 * Optimize: the genetic-algorithm optimizer of signal weights (the seed's
 * optimize_strategy_weights): signals, objective, constraints, GA size and seed, walk-forward
 * windows, costs; Run / Cancel with progress and a live best-and-median chart per generation;
 * then the result (weights, in-sample vs out-of-sample, deflated Sharpe, equity vs buy-and-hold),
 * saved as an 'optimize' artifact.
 */
import { CostFields } from '../components/CostFields';
import { Field } from '../components/Field';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Chart } from '../../charts/Chart';
import { gaHistoryOption, type GaHistoryPoint } from '../../charts/ga';
import { OBJECTIVES, type Objective } from '../../core/optimize/objective';
import { SIGNAL_DEFINITIONS, SIGNAL_NAMES } from '../../core/optimize/signals';
import type { Progress } from '../../core/util/progress';
import type { OptimizeJobResult as OptimizeRunResult } from '../../core/jobs/optimize';
import { ProgressBar } from '../components/ProgressBar';
import { useDataset } from '../hooks/dataset-context';
import { DATASET_MISSING, missingInput } from '../readiness';
import { useJob } from '../hooks/useJob';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage, formatInt } from '../format';
import {
  OBJECTIVE_LABELS,
  readOptimizeForm,
  requestOf,
  saveOptimizeForm,
  type OptimizeForm,
} from './optimize/optimize-form';
import { OptimizeResult } from './optimize/OptimizeResult';

interface FoldPreview {
  folds: number;
  planned: number;
  trainBars: number;
  testBars: number;
}

function livePoints(history: Progress[], population: number): GaHistoryPoint[] {
  const out: GaHistoryPoint[] = [];
  for (const p of history) {
    const d = p.detail;
    if (p.stage !== 'optimize' || !d) continue;
    out.push({
      fold: Number(d.fold),
      generation: Number(d.generation),
      best: Number(d.best),
      median: Number(d.median),
      feasible: Number(d.feasible),
      population,
    });
  }
  return out;
}

export function OptimizePanel() {
  const { state: data } = useDataset();
  const { client } = usePipeline();
  const [form, setForm] = useState<OptimizeForm>(readOptimizeForm);
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<FoldPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const job = useJob<OptimizeRunResult>('An optimisation');
  const id = useId();
  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const symbol = symbols.includes(form.symbol) ? form.symbol : (symbols[0] ?? '');
  const running = job.state.status === 'running';

  useEffect(() => saveOptimizeForm(form), [form]);
  const set = <K extends keyof OptimizeForm>(k: K, v: OptimizeForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  // how many folds the windows give (the worker builds the signals once: ~0.1 s)
  const handle = data.loaded?.handle;
  useEffect(() => {
    if (!handle || !symbol || !form.signals.length || running) return;
    let stale = false;
    const t = setTimeout(() => {
      client.api.optimize
        .preview({
          handle,
          symbol,
          signal_names: form.signals,
          train_window: form.trainWindow.trim(),
          test_window: form.testWindow.trim(),
          max_folds: form.maxFolds > 0 ? form.maxFolds : undefined,
        })
        .then((p) => {
          if (stale) return;
          setPreview(p);
          setPreviewError(
            p.folds === 0
              ? 'No fold fits: the data is shorter than one training window plus one test window.'
              : null,
          );
        })
        .catch((e) => {
          if (stale) return;
          setPreview(null);
          setPreviewError(errorMessage(e));
        });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [client, handle, symbol, form.signals, form.trainWindow, form.testWindow, form.maxFolds, running]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!data.loaded) return setFormError(missingInput({ dataset: data }) ?? DATASET_MISSING);
    if (!symbol) return setFormError('The dataset has no symbol.');
    let request;
    try {
      request = requestOf(form, symbol);
    } catch (err) {
      return setFormError(errorMessage(err));
    }
    const h = data.loaded.handle;
    void job.start((api, jobId, onProgress) =>
      api.optimize.run({ ...request, handle: h }, onProgress, jobId),
    );
  };

  const live = running ? livePoints(job.state.history, form.population) : [];
  const candidates = preview
    ? preview.folds * (form.population + Math.max(0, form.generations - 1) * (form.population - 2))
    : null;
  return (
    <section className="panel-body">
      <h2>Optimize</h2>
      <form className="card" noValidate onSubmit={submit} aria-label="Signal weight optimizer settings">
        <p className="help">
          Dataset:{' '}
          {data.loaded ? (
            <strong>{data.loaded.summary.dataset}</strong>
          ) : data.status === 'loading' ? (
            'loading…'
          ) : (
            'none loaded'
          )}
          . A genetic algorithm weights normalised signals into one score that drives long / flat positions
          through the backtest&apos;s own execution and costs. Each walk-forward fold optimises on its
          training window only and is then judged on the test window that follows.
        </p>
        <fieldset className="plain">
          <legend>Signals</legend>
          {SIGNAL_NAMES.map((s) => (
            <label key={s} className="inline" title={SIGNAL_DEFINITIONS[s]}>
              <input
                type="checkbox"
                checked={form.signals.includes(s)}
                aria-describedby={`${id}-sig-${s}`}
                onChange={(e) =>
                  set(
                    'signals',
                    e.target.checked
                      ? SIGNAL_NAMES.filter((x) => x === s || form.signals.includes(x))
                      : form.signals.filter((x) => x !== s),
                  )
                }
              />{' '}
              {s}
              <span id={`${id}-sig-${s}`} className="sr-only">
                {SIGNAL_DEFINITIONS[s]}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="grid3">
          <div>
            <label htmlFor={`${id}-sym`}>Symbol</label>
            <select id={`${id}-sym`} value={symbol} onChange={(e) => set('symbol', e.target.value)}>
              {symbols.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-obj`}>Objective</label>
            <select
              id={`${id}-obj`}
              value={form.objective}
              onChange={(e) => set('objective', e.target.value as Objective)}
            >
              {OBJECTIVES.map((o) => (
                <option key={o} value={o}>
                  {OBJECTIVE_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Max drawdown % (blank: no limit)"
            type="text"
            inputMode="decimal"
            value={form.maxDrawdownPct}
            onChange={(e) => set('maxDrawdownPct', e.target.value)}
          />
          <Field
            label="Min win rate % (blank: no limit)"
            type="text"
            inputMode="decimal"
            value={form.minWinRatePct}
            onChange={(e) => set('minWinRatePct', e.target.value)}
          />
          <Field
            label="Min trades (blank: no limit)"
            type="text"
            inputMode="numeric"
            value={form.minTrades}
            onChange={(e) => set('minTrades', e.target.value)}
          />
          <Field
            label="Population"
            type="number"
            min={4}
            value={form.population}
            onChange={(e) => set('population', Math.round(Number(e.target.value)))}
          />
          <Field
            label="Generations"
            type="number"
            min={1}
            value={form.generations}
            onChange={(e) => set('generations', Math.round(Number(e.target.value)))}
          />
          <Field
            label="Seed"
            type="number"
            value={form.seed}
            onChange={(e) => set('seed', Math.round(Number(e.target.value)))}
          />
          <Field
            label="Train window"
            type="text"
            value={form.trainWindow}
            onChange={(e) => set('trainWindow', e.target.value)}
          />
          <Field
            label="Test window"
            type="text"
            value={form.testWindow}
            onChange={(e) => set('testWindow', e.target.value)}
          />
          <Field
            label="Latest folds to run (0: all)"
            type="number"
            min={0}
            value={form.maxFolds}
            onChange={(e) => set('maxFolds', Math.max(0, Math.round(Number(e.target.value))))}
          />
        </div>
        <details>
          <summary>Costs and thresholds</summary>
          <div className="grid3">
            <CostFields
              feesBps={form.feesBps}
              slippageBps={form.slippageBps}
              onChange={(c) => setForm((f) => ({ ...f, ...c }))}
            />
            {!form.optimizeThresholds && (
              <>
                <Field
                  label="Buy when score ≥"
                  type="number"
                  min={-1}
                  max={1}
                  step={0.01}
                  value={form.buyThreshold}
                  onChange={(e) => set('buyThreshold', Number(e.target.value))}
                />
                <Field
                  label="Sell when score ≤"
                  type="number"
                  min={-1}
                  max={1}
                  step={0.01}
                  value={form.sellThreshold}
                  onChange={(e) => set('sellThreshold', Number(e.target.value))}
                />
              </>
            )}
          </div>
          <div className="row">
            <label className="inline">
              <input
                type="checkbox"
                checked={form.optimizeThresholds}
                onChange={(e) => set('optimizeThresholds', e.target.checked)}
              />{' '}
              Optimise the buy and sell thresholds too
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={form.longShort}
                onChange={(e) => set('longShort', e.target.checked)}
              />{' '}
              Short on sell signals (long / short)
            </label>
          </div>
        </details>
        <p className="help" data-testid="ga-fold-preview" aria-live="polite">
          {preview && preview.folds > 0
            ? `${preview.folds} fold(s)${preview.planned > preview.folds ? ` (latest of ${preview.planned})` : ''} of ${formatInt(preview.trainBars)} training and ${formatInt(preview.testBars)} test bars · about ${formatInt(candidates ?? 0)} candidates.`
            : (previewError ?? 'Windows: durations like 365d, 90d, 12h, 4w, or a bar count.')}
        </p>
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={running || !data.loaded}>
          Run Optimizer
        </button>
      </form>
      {running && <ProgressBar label="Optimizing" progress={job.state.progress} onCancel={job.cancel} />}
      {running && live.length > 0 && (
        <Chart
          option={gaHistoryOption(live, OBJECTIVE_LABELS[form.objective])}
          label="Best and median fitness per generation (live)"
          height={280}
          testId="ga-history-chart"
        />
      )}
      {job.state.status === 'cancelled' && (
        <p role="status" className="notice" data-testid="ga-cancelled">
          Optimisation cancelled. Nothing was saved.
        </p>
      )}
      {job.state.status === 'error' && (
        <div role="alert" className="card error" data-testid="ga-error">
          <strong>Optimisation failed.</strong> {job.state.error}
        </div>
      )}
      {job.state.result && job.state.status === 'done' && <OptimizeResult view={job.state.result} />}
    </section>
  );
}
