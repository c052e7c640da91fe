/**
 * Train: the seed's form (dataset, symbols, task, model, target horizon, train and valid
 * windows; hyperparameters under Advanced), a Start Training button, progress by stage
 * with Cancel, and the result against the baseline. Each part of the form is its own
 * component in ./train; this one holds the form state and starts the job.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { MODEL_INFO } from '../../core/models/catalog';
import type { ModelKind } from '../../core/models/types';
import { fieldErrorOf } from '../components/JobFailure';
import { SymbolPicker } from '../components/SymbolPicker';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { usePipeline } from '../hooks/pipeline-context';
import { hashParams } from '../navigation';
import { DATASET_MISSING, datasetLine, missingInput } from '../readiness';
import { AdvancedFields } from './train/AdvancedFields';
import { ModelField } from './train/ModelField';
import { TargetFields } from './train/TargetFields';
import { TrainJobView, type TrainOutcome } from './train/TrainJobView';
import { WindowFields } from './train/WindowFields';
import { InitFromField } from './train/InitFromField';
import {
  readTrainForm,
  saveTrainForm,
  trainRequest,
  withRetrainRoute,
  type TrainForm,
} from './train/train-form';
import { trainSymbols } from './train/train-view';

export function TrainPanel() {
  const { state: data } = useDataset();
  const { compute } = usePipeline();
  const [form, setForm] = useState<TrainForm>(() => withRetrainRoute(readTrainForm(), hashParams()));
  const [formError, setFormError] = useState<string | null>(null);
  const job = useJob<TrainOutcome>('Training');
  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const effectiveSymbols = trainSymbols(symbols, form.symbols);

  useEffect(() => saveTrainForm(form), [form]);
  // saved weights fit one kind and task: changing either starts from fresh weights again
  const patch = (p: Partial<TrainForm>) =>
    setForm((f) => {
      const next = { ...f, ...p };
      return next.model !== f.model || next.task !== f.task ? { ...next, init_from_model: '' } : next;
    });

  // an ensemble is built from saved models on the Models panel, not from this form
  const models = (Object.keys(MODEL_INFO) as ModelKind[]).filter(
    (k) =>
      MODEL_INFO[k].family !== 'ensemble' &&
      (MODEL_INFO[k].task === form.task || MODEL_INFO[k].family === 'neural'),
  );
  const running = job.state.status === 'running';
  const errorOf = fieldErrorOf(job.state);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!data.loaded) return setFormError(missingInput({ dataset: data }) ?? DATASET_MISSING);
    if (!effectiveSymbols.length) return setFormError('Choose at least one symbol.');
    if (!models.includes(form.model))
      return setFormError(`${form.model} cannot do ${form.task}; choose another model.`);
    const { handle, summary } = data.loaded;
    const req = trainRequest(form, { handle, dataset: summary.dataset, symbols: effectiveSymbols });
    void job.start((api, jobId, onProgress) => api.train.start(req, onProgress, jobId));
  };

  return (
    <section className="panel-body">
      <h2>Train</h2>
      <form className="card" noValidate onSubmit={submit} aria-label="Training settings">
        <p className="help" data-testid="train-dataset">
          Dataset: <strong>{datasetLine(data)}</strong> · TensorFlow.js backend:{' '}
          <strong data-testid="train-backend">{compute.info?.backend ?? '…'}</strong>
        </p>
        <SymbolPicker symbols={symbols} chosen={effectiveSymbols} onChange={(v) => patch({ symbols: v })} />
        <div className="grid3">
          <ModelField
            models={models}
            value={form.model}
            tfBackend={compute.info?.backend}
            batchSize={form.params[`${form.model}.batch_size`]}
            onChange={(model) => patch({ model })}
          />
          <TargetFields form={form} onChange={patch} errorOf={errorOf} />
          <WindowFields form={form} onChange={patch} errorOf={errorOf} />
        </div>
        {MODEL_INFO[form.model].family === 'neural' && (
          <InitFromField form={form} onChange={patch} error={errorOf('init_from_model')} />
        )}
        <AdvancedFields form={form} onChange={patch} errorOf={errorOf} />
        {formError && (
          <p role="alert" className="error">
            {formError}
          </p>
        )}
        <button type="submit" className="primary" disabled={running || !data.loaded}>
          Start Training
        </button>
      </form>
      <TrainJobView state={job.state} onCancel={job.cancel} />
    </section>
  );
}
