/**
 * The with/without-ML experiment: one saved model and one symbol of the loaded dataset; the
 * optimizer's strategy on the same folds without (A) and with (B) the model's out-of-sample
 * signal, optionally the model alone (C). Small defaults so that it runs in seconds.
 */
import { useEffect, useState } from 'react';
import type { AbJobResult, MlSignalAbRequest } from '../../../core/jobs/ab';
import type { ModelListItem } from '../../../core/store/models';
import { Field } from '../../components/Field';
import { JobFailure } from '../../components/JobFailure';
import { ModelPicker } from '../../components/ModelPicker';
import { ProgressBar } from '../../components/ProgressBar';
import { useDataset } from '../../hooks/dataset-context';
import { usePipeline } from '../../hooks/pipeline-context';
import { useJob } from '../../hooks/useJob';
import { AbReportView } from './AbReportView';

type Form = Omit<MlSignalAbRequest, 'handle'>;
const INITIAL: Form = {
  model_id: 'latest',
  symbol: '',
  model_train_window: '365d',
  model_test_window: '30d',
  train_window: '90d',
  test_window: '30d',
  max_folds: 6,
  population: 16,
  generations: 6,
  include_model_only: true,
};

export function MlSignalAb({ onSaved }: { onSaved?: () => void }) {
  const { client } = usePipeline();
  const { state: data } = useDataset();
  const [form, setForm] = useState<Form>(INITIAL);
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  const job = useJob<AbJobResult>('A/B of the ML signal');
  useEffect(() => void client.api.models.list().then(setModels), [client]);
  const symbols = data.loaded?.summary.symbols ?? [];
  const symbol = symbols.includes(form.symbol) ? form.symbol : (symbols[0] ?? '');
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const field = (k: keyof Form, label: string, numeric = false) => (
    <Field
      label={label}
      value={String(form[k] ?? '')}
      error={job.state.errorField === k ? job.state.error : null}
      onChange={(e) => patch({ [k]: numeric ? Number(e.target.value) : e.target.value })}
    />
  );
  const run = async () => {
    if (!data.loaded) return;
    const req = { ...form, symbol, handle: data.loaded.handle };
    if ((await job.start((api, id, onProgress) => api.ab.mlSignal(req, onProgress, id))) !== undefined)
      onSaved?.();
  };
  const running = job.state.status === 'running';
  return (
    <details className="card" data-testid="ml-signal-ab">
      <summary>Does the ML signal add anything? (A/B with and without the model)</summary>
      {!data.loaded && <p className="help">Load a dataset first (Data panel).</p>}
      <div className="form-grid">
        <ModelPicker models={models} value={form.model_id} onChange={(model_id) => patch({ model_id })} />
        <div>
          <label htmlFor="ab-symbol">Symbol</label>
          <select id="ab-symbol" value={symbol} onChange={(e) => patch({ symbol: e.target.value })}>
            {symbols.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        {field('model_train_window', "Model's training window")}
        {field('model_test_window', "Model's test window")}
        {field('train_window', "Strategy's training window")}
        {field('test_window', "Strategy's test window")}
        {field('max_folds', 'Latest folds', true)}
        {field('population', 'Population', true)}
        {field('generations', 'Generations', true)}
        <label className="inline">
          <input
            type="checkbox"
            checked={form.include_model_only ?? false}
            onChange={(e) => patch({ include_model_only: e.target.checked })}
          />{' '}
          Also the model alone (C)
        </label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={running || !data.loaded}>
          Run the A/B
        </button>
      </div>
      {running && (
        <ProgressBar progress={job.state.progress} label="A/B of the ML signal" onCancel={job.cancel} />
      )}
      <JobFailure state={job.state} what="the A/B" testId="ml-ab-error" />
      {job.state.status === 'done' && job.state.result && <AbReportView report={job.state.result.report} />}
    </details>
  );
}
