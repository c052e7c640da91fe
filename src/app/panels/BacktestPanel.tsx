/**
 * Backtest: the seed's form (model or latest, symbols, windows, fees, slippage, Enable
 * Online Learning, Save Updated Model, thresholds), the fold plan, a "Run Walk-Forward
 * Backtest" button with progress per fold and Cancel, and the full result.
 */
import { SymbolPicker } from '../components/SymbolPicker';
import { CostFields } from '../components/CostFields';
import { Field } from '../components/Field';
import { ModelPicker } from '../components/ModelPicker';
import { datasetLine, missingInput } from '../readiness';
import { InputError } from '../../core/errors';
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { MODEL_INFO } from '../../core/models/catalog';
import type { ModelKind } from '../../core/models/types';
import type { ModelListItem } from '../../core/store/models';
import type { BacktestView } from '../../core/pipeline/backtest-view';
import type { WalkForwardPlanSummary } from '../../core/walkforward/types';
import { ProgressBar } from '../components/ProgressBar';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage } from '../format';
import { hashParams } from '../navigation';
import { readBacktestForm, saveBacktestForm, type BacktestForm } from './backtest/backtest-form';
import { BacktestResultView } from './backtest/BacktestResultView';
import { FoldPlanTable } from './backtest/FoldPlanTable';

interface RunOutcome {
  run_id: string;
  view: BacktestView;
}

export function BacktestPanel() {
  const { client } = usePipeline();
  const { state: data } = useDataset();
  const [form, setForm] = useState<BacktestForm>(() => {
    const f = readBacktestForm();
    const q = hashParams();
    const model = q.get('model');
    return model ? { ...f, modelId: model, online: q.get('online') === '1' ? true : f.online } : f;
  });
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  const [plan, setPlan] = useState<WalkForwardPlanSummary | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const job = useJob<RunOutcome>('A walk-forward backtest');
  const id = useId();
  useEffect(() => saveBacktestForm(form), [form]);
  const set = <K extends keyof BacktestForm>(k: K, v: BacktestForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    client.api.models
      .list()
      .then(setModels)
      .catch((e) => setFormError(errorMessage(e)));
  }, [client, job.state.status]);

  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const chosen = form.symbols.filter((s) => symbols.includes(s));
  const effectiveSymbols = chosen.length ? chosen : symbols;
  const selected = form.modelId === 'latest' ? models?.[0] : models?.find((m) => m.id === form.modelId);
  const online = selected ? MODEL_INFO[selected.kind as ModelKind]?.online === true : false;
  const running = job.state.status === 'running';

  const request = useCallback(() => {
    const missing = missingInput({ dataset: data, models });
    if (missing || !data.loaded || !models) throw new InputError(undefined, missing ?? 'Not ready yet.');
    if (!selected) throw new Error(`Model ${form.modelId} is not in the Models list any more; pick another.`);
    if (!(form.buyThreshold >= form.sellThreshold))
      throw new Error('The buy threshold must be at least the sell threshold.');
    return {
      handle: data.loaded.handle,
      model_id: form.modelId,
      symbols: effectiveSymbols,
      train_window: form.trainWindow,
      test_window: form.testWindow,
      fees_bps: form.feesBps,
      slippage_bps: form.slippageBps,
      online: form.online && online,
      save_updates: form.saveUpdates && form.online && online,
      buy_threshold: form.buyThreshold,
      sell_threshold: form.sellThreshold,
      step: form.step || undefined,
      expanding: form.expanding,
      embargo: form.embargo || undefined,
      fill: form.fill,
      long_short: form.longShort,
      pooled: form.pooled,
      initial_capital: form.initialCapital,
    };
  }, [data, models, selected, form, effectiveSymbols, online]);

  const showPlan = async () => {
    setFormError(null);
    try {
      setPlan(await client.api.backtest.plan(request()));
    } catch (e) {
      setFormError(errorMessage(e));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    let req;
    try {
      req = request();
    } catch (err) {
      return setFormError(errorMessage(err));
    }
    void job.start((api, jobId, onProgress) => api.backtest.run(req, onProgress, jobId));
  };

  return (
    <section className="panel-body">
      <h2>Backtest</h2>
      <form className="card" noValidate onSubmit={submit} aria-label="Walk-forward backtest settings">
        <p className="help">
          Dataset: {data.loaded ? <strong>{data.loaded.summary.dataset}</strong> : datasetLine(data)}. Each
          fold retrains the chosen model&apos;s configuration on its training window and trades its test
          window out of sample.
        </p>
        <div className="grid3">
          <ModelPicker models={models} value={form.modelId} onChange={(v) => set('modelId', v)} />
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
          <CostFields
            feesBps={form.feesBps}
            slippageBps={form.slippageBps}
            onChange={(c) => setForm((f) => ({ ...f, ...c }))}
          />
          <Field
            label="Buy threshold (P(up) ≥)"
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={form.buyThreshold}
            onChange={(e) => set('buyThreshold', Number(e.target.value))}
          />
          <Field
            label="Sell threshold (P(up) ≤)"
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={form.sellThreshold}
            onChange={(e) => set('sellThreshold', Number(e.target.value))}
          />
        </div>
        <SymbolPicker symbols={symbols} chosen={effectiveSymbols} onChange={(v) => set('symbols', v)} />
        <div className="row">
          <label className="inline">
            <input
              type="checkbox"
              checked={form.online}
              disabled={!online}
              onChange={(e) => set('online', e.target.checked)}
            />{' '}
            Enable Online Learning
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.saveUpdates}
              disabled={!online || !form.online}
              onChange={(e) => set('saveUpdates', e.target.checked)}
            />{' '}
            Save Updated Model
          </label>
          {selected && !online && (
            <span className="help">{selected.kind} cannot learn online; only sgdc and sgdr can.</span>
          )}
        </div>
        <details>
          <summary>Advanced</summary>
          <div className="grid3">
            <Field
              label="Step between folds (blank: the test window)"
              type="text"
              value={form.step}
              onChange={(e) => set('step', e.target.value)}
            />
            <Field
              label="Embargo (extra gap before each test window)"
              type="text"
              value={form.embargo}
              placeholder="0"
              onChange={(e) => set('embargo', e.target.value)}
            />
            <div>
              <label htmlFor={`${id}-fill`}>Fill</label>
              <select
                id={`${id}-fill`}
                value={form.fill}
                onChange={(e) => set('fill', e.target.value as BacktestForm['fill'])}
              >
                <option value="next_open">Next bar&apos;s open (decided at the close)</option>
                <option value="close">The deciding bar&apos;s close</option>
              </select>
            </div>
            <Field
              label="Initial capital"
              type="number"
              min={1}
              value={form.initialCapital}
              onChange={(e) => set('initialCapital', Number(e.target.value))}
            />
          </div>
          <div className="row">
            <label className="inline">
              <input
                type="checkbox"
                checked={form.expanding}
                onChange={(e) => set('expanding', e.target.checked)}
              />{' '}
              Expanding training window
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={form.longShort}
                onChange={(e) => set('longShort', e.target.checked)}
              />{' '}
              Long and short
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={form.pooled}
                onChange={(e) => set('pooled', e.target.checked)}
              />{' '}
              One pooled model for all symbols
            </label>
          </div>
        </details>
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => void showPlan()} disabled={running}>
            Show fold plan
          </button>
          <button type="submit" className="primary" disabled={running}>
            Run Walk-Forward Backtest
          </button>
        </div>
      </form>
      {plan && !running && <FoldPlanTable plan={plan} />}
      {running && (
        <ProgressBar label="Walk-forward backtest" progress={job.state.progress} onCancel={job.cancel} />
      )}
      {job.state.status === 'cancelled' && (
        <p role="status" className="notice" data-testid="backtest-cancelled">
          Backtest cancelled. Nothing was saved.
        </p>
      )}
      {job.state.status === 'error' && (
        <div role="alert" className="card error">
          <strong>The backtest failed.</strong> {job.state.error}
        </div>
      )}
      {job.state.status === 'done' && job.state.result && <BacktestResultView view={job.state.result.view} />}
    </section>
  );
}
