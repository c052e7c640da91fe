/**
 * Backtest: the seed's form (model or latest, symbols, windows, fees, slippage, Enable
 * Online Learning, Save Updated Model, thresholds), the fold plan, a "Run Walk-Forward
 * Backtest" button with progress per fold and Cancel, and the full result. The job's state
 * lives outside the panel, so leaving and coming back shows its progress or its result.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { InputError } from '../../core/errors';
import { MODEL_INFO } from '../../core/models/catalog';
import type { ModelKind } from '../../core/models/types';
import type { BacktestJobResult } from '../../core/jobs/backtest';
import type { ModelListItem } from '../../core/store/models';
import type { WalkForwardPlanSummary } from '../../core/walkforward/types';
import { fieldErrorOf, JobFailure } from '../components/JobFailure';
import { ProgressBar } from '../components/ProgressBar';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage } from '../format';
import { hashParams } from '../navigation';
import { datasetLine, missingInput } from '../readiness';
import { AdvancedOptions } from './backtest/AdvancedOptions';
import {
  backtestRequest,
  readBacktestForm,
  saveBacktestForm,
  type BacktestForm,
} from './backtest/backtest-form';
import { BacktestResultView } from './backtest/BacktestResultView';
import { BacktestSettings } from './backtest/BacktestSettings';
import { FoldPlanTable } from './backtest/FoldPlanTable';

function initialForm(): BacktestForm {
  const f = readBacktestForm();
  const model = hashParams().get('model');
  return model ? { ...f, model_id: model, online: hashParams().get('online') === '1' ? true : f.online } : f;
}

export function BacktestPanel() {
  const { client } = usePipeline();
  const { state: data } = useDataset();
  const [form, setForm] = useState<BacktestForm>(initialForm);
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  const [plan, setPlan] = useState<WalkForwardPlanSummary | null>(null);
  const [formError, setFormError] = useState<{ field?: string; message: string } | null>(null);
  const job = useJob<BacktestJobResult>('A walk-forward backtest');
  useEffect(() => saveBacktestForm(form), [form]);
  const patch = (p: Partial<BacktestForm>) => setForm((f) => ({ ...f, ...p }));

  useEffect(() => {
    client.api.models
      .list()
      .then(setModels)
      .catch((e) => setFormError({ message: errorMessage(e) }));
  }, [client, job.state.status]);

  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const chosen = form.symbols.filter((s) => symbols.includes(s));
  const selected = form.model_id === 'latest' ? models?.[0] : models?.find((m) => m.id === form.model_id);
  const onlineCapable = selected ? MODEL_INFO[selected.kind as ModelKind]?.online === true : false;
  const running = job.state.status === 'running';
  const errorOf = fieldErrorOf(job.state, formError);

  const request = () => {
    const missing = missingInput({ dataset: data, models });
    if (missing || !data.loaded || !models) throw new InputError(undefined, missing ?? 'Not ready yet.');
    if (!selected)
      throw new InputError(
        'model_id',
        `Model ${form.model_id} is not in the Models list any more; pick another.`,
      );
    return backtestRequest(form, { handle: data.loaded.handle, symbols, onlineCapable });
  };
  const fail = (e: unknown) =>
    setFormError({ field: e instanceof InputError ? e.field : undefined, message: errorMessage(e) });

  const showPlan = async () => {
    setFormError(null);
    try {
      setPlan(await client.api.backtest.plan(request()));
    } catch (e) {
      fail(e);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    try {
      const req = request();
      void job.start((api, jobId, onProgress) => api.backtest.run(req, onProgress, jobId));
    } catch (err) {
      fail(err);
    }
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
        <BacktestSettings
          {...{ form, patch, errorOf, models, symbols, selected, onlineCapable }}
          chosenSymbols={chosen.length ? chosen : symbols}
        />
        <AdvancedOptions form={form} patch={patch} errorOf={errorOf} />
        {formError && !formError.field && (
          <p role="alert" className="error">
            {formError.message}
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
      <JobFailure state={job.state} what="The backtest" testId="backtest-error" />
      {job.state.status === 'done' && job.state.result && <BacktestResultView view={job.state.result.view} />}
    </section>
  );
}
