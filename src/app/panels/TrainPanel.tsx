/**
 * Train: the seed's form (dataset, symbols, task, model, target horizon, train and valid
 * windows; hyperparameters under Advanced), a Start Training button, progress by stage
 * with Cancel, and the result against the baseline.
 */
import { SymbolPicker } from '../components/SymbolPicker';
import { Field } from '../components/Field';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { MODEL_INFO } from '../../core/models/catalog';
import type { ModelKind } from '../../core/models/types';
import type { ModelMetricsJson } from '../../core/train/metrics-json';
import type { Progress } from '../../core/util/progress';
import { ProgressBar } from '../components/ProgressBar';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { usePipeline } from '../hooks/pipeline-context';
import {
  ADVANCED_PARAMS,
  familyOf,
  parseParams,
  readTrainForm,
  saveTrainForm,
  type TrainForm,
} from './train/train-form';
import { TrainResult } from './train/TrainResult';
import { Chart } from '../../charts/Chart';
import { lossOption } from '../../charts/loss';

interface TrainOutcome {
  model_id: string;
  metrics: ModelMetricsJson;
}

function liveLoss(history: Progress[]) {
  const loss: number[] = [];
  const valLoss: number[] = [];
  for (const p of history) {
    const d = p.detail;
    if (d && typeof d.loss === 'number') {
      loss.push(d.loss);
      if (typeof d.valLoss === 'number') valLoss.push(d.valLoss);
    }
  }
  return loss.length > 1 ? { loss, valLoss: valLoss.length === loss.length ? valLoss : undefined } : null;
}

export function TrainPanel() {
  const { state: data } = useDataset();
  const { compute } = usePipeline();
  const [form, setForm] = useState<TrainForm>(readTrainForm);
  const [formError, setFormError] = useState<string | null>(null);
  const job = useJob<TrainOutcome>('Training');
  const id = useId();
  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const chosen = form.symbols.filter((s) => symbols.includes(s));
  const effectiveSymbols = chosen.length ? chosen : symbols.slice(0, 1);

  useEffect(() => saveTrainForm(form), [form]);
  const set = <K extends keyof TrainForm>(k: K, v: TrainForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const models = (Object.keys(MODEL_INFO) as ModelKind[]).filter(
    (k) => MODEL_INFO[k].task === form.task || MODEL_INFO[k].family === 'neural',
  );
  const running = job.state.status === 'running';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!data.loaded)
      return setFormError('Load a dataset on the Data panel first (the built-in sample works offline).');
    if (!effectiveSymbols.length) return setFormError('Choose at least one symbol.');
    if (!models.includes(form.model))
      return setFormError(`${form.model} cannot do ${form.task}; choose another model.`);
    const handle = data.loaded.handle;
    void job.start((api, jobId, onProgress) =>
      api.train.start(
        {
          handle,
          dataset: data.loaded!.summary.dataset,
          symbols: effectiveSymbols,
          task: form.task,
          label_kind: form.labelKind,
          label_threshold: form.labelThresholdPct / 100,
          target_horizon: form.horizon,
          model: form.model,
          train_window: form.trainWindow,
          valid_window: form.validWindow,
          seed: form.seed,
          params: parseParams(form.model, form.params),
        },
        onProgress,
        jobId,
      ),
    );
  };

  const live = liveLoss(job.state.history);
  return (
    <section className="panel-body">
      <h2>Train</h2>
      <form className="card" noValidate onSubmit={submit} aria-label="Training settings">
        <p className="help" data-testid="train-dataset">
          Dataset:{' '}
          {data.loaded ? (
            <strong>{data.loaded.summary.dataset}</strong>
          ) : data.status === 'loading' ? (
            'loading…'
          ) : (
            'none loaded'
          )}{' '}
          · compute backend: <strong data-testid="train-backend">{compute.info?.backend ?? '…'}</strong>
        </p>
        <SymbolPicker symbols={symbols} chosen={effectiveSymbols} onChange={(v) => set('symbols', v)} />
        <div className="grid3">
          <div>
            <label htmlFor={`${id}-task`}>Task</label>
            <select
              id={`${id}-task`}
              value={form.task}
              onChange={(e) => {
                const task = e.target.value as TrainForm['task'];
                setForm((f) => ({ ...f, task, model: task === 'regression' ? 'gbr' : 'gbc' }));
              }}
            >
              <option value="classification">Classification</option>
              <option value="regression">Regression (forward log return)</option>
            </select>
          </div>
          {form.task === 'classification' && (
            <div>
              <label htmlFor={`${id}-labels`}>Labels</label>
              <select
                id={`${id}-labels`}
                value={form.labelKind}
                onChange={(e) => set('labelKind', e.target.value as TrainForm['labelKind'])}
              >
                <option value="binary">Up / down</option>
                <option value="ternary">BUY / SELL / HOLD</option>
              </select>
            </div>
          )}
          {form.task === 'classification' && form.labelKind === 'ternary' && (
            <Field
              label="HOLD band (± % forward return; default 0.5)"
              type="number"
              step="0.05"
              min="0"
              value={form.labelThresholdPct}
              onChange={(e) => set('labelThresholdPct', Number(e.target.value))}
            />
          )}
          <div>
            <label htmlFor={`${id}-model`}>Model</label>
            <select
              id={`${id}-model`}
              value={form.model}
              onChange={(e) => set('model', e.target.value as ModelKind)}
            >
              {models.map((k) => (
                <option key={k} value={k}>
                  {k}: {MODEL_INFO[k].label}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Target horizon (bars)"
            type="number"
            min={1}
            value={form.horizon}
            onChange={(e) => set('horizon', Math.round(Number(e.target.value)))}
          />
          <Field
            label="Train window"
            type="text"
            value={form.trainWindow}
            onChange={(e) => set('trainWindow', e.target.value)}
          />
          <Field
            label="Valid window"
            type="text"
            value={form.validWindow}
            onChange={(e) => set('validWindow', e.target.value)}
          />
        </div>
        <details>
          <summary>Advanced</summary>
          <div className="grid3">
            <Field
              label="Seed"
              type="number"
              value={form.seed}
              onChange={(e) => set('seed', Math.round(Number(e.target.value)))}
            />
            {ADVANCED_PARAMS[familyOf(form.model)].map((p) => (
              <Field
                key={p.name}
                label={p.label}
                type="text"
                placeholder={p.hint}
                value={form.params[`${form.model}.${p.name}`] ?? ''}
                onChange={(e) =>
                  set('params', { ...form.params, [`${form.model}.${p.name}`]: e.target.value })
                }
              />
            ))}
          </div>
          <p className="help">
            Windows: durations like 365d, 12h, 4w, or a bar count. The validation window follows the training
            window; the last {form.horizon} training rows are purged because their labels reach into it.
          </p>
        </details>
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={running || !data.loaded}>
          Start Training
        </button>
      </form>
      {running && <ProgressBar label="Training" progress={job.state.progress} onCancel={job.cancel} />}
      {running && live && (
        <Chart option={lossOption(live)} label="Live training loss" height={260} testId="live-loss" />
      )}
      {job.state.status === 'cancelled' && (
        <p role="status" className="notice" data-testid="train-cancelled">
          Training cancelled. Nothing was saved.
        </p>
      )}
      {job.state.status === 'error' && (
        <div role="alert" className="card error">
          <strong>Training failed.</strong> {job.state.error}
        </div>
      )}
      {job.state.result && job.state.status === 'done' && <TrainResult metrics={job.state.result.metrics} />}
    </section>
  );
}
