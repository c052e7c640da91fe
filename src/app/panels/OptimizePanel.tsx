/**
 * Optimize: the genetic-algorithm optimizer of signal weights (the seed's
 * optimize_strategy_weights). Holds the form (kept across reloads) and starts the run; the
 * settings, the run's progress, its failure and its result are components of their own
 * (src/app/panels/optimize/). The job's state lives in the client's job store, so a run
 * survives leaving the panel.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OptimizeJobResult as OptimizeRunResult } from '../../core/jobs/optimize';
import { InputError } from '../../core/errors';
import { fieldErrorOf } from '../components/JobFailure';
import { errorMessage } from '../format';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { DATASET_MISSING, missingInput } from '../readiness';
import {
  OBJECTIVE_LABELS,
  readOptimizeForm,
  requestFieldOf,
  requestOf,
  saveOptimizeForm,
  type OptimizeForm,
} from './optimize/optimize-form';
import { OptimizeResult } from './optimize/OptimizeResult';
import { OptimizeSettings } from './optimize/OptimizeSettings';
import { RunFailure } from './optimize/RunFailure';
import { RunProgress } from './optimize/RunProgress';
import { useFoldPreview } from './optimize/use-fold-preview';

/** A check of the form before the run: `field` (a request name) when it is one field's. */
interface FormError {
  field?: string;
  message: string;
}

export function OptimizePanel() {
  const { state: data } = useDataset();
  const [form, setForm] = useState<OptimizeForm>(readOptimizeForm);
  const [formError, setFormError] = useState<FormError | null>(null);
  const job = useJob<OptimizeRunResult>('An optimisation');
  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const symbol = symbols.includes(form.symbol) ? form.symbol : (symbols[0] ?? '');
  const running = job.state.status === 'running';
  // request fields edited since the last run: a failed run's mark on them is out of date
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => saveOptimizeForm(form), [form]);
  const update = useCallback((patch: Partial<OptimizeForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setFormError(null);
    setEdited((e) => new Set([...e, ...Object.keys(patch).map(requestFieldOf)]));
  }, []);
  const jobErrorOf = fieldErrorOf(job.state);
  const errorOf = (field: string) =>
    formError?.field === field ? formError.message : edited.has(field) ? null : jobErrorOf(field);

  const preview = useFoldPreview({ ...form, handle: data.loaded?.handle, symbol, paused: running });

  const run = () => {
    setFormError(null);
    setEdited(new Set());
    if (!data.loaded) return setFormError({ message: missingInput({ dataset: data }) ?? DATASET_MISSING });
    if (!symbol) return setFormError({ field: 'symbol', message: 'The dataset has no symbol.' });
    let request;
    try {
      request = requestOf(form, symbol);
    } catch (err) {
      return setFormError(
        err instanceof InputError
          ? { field: err.field, message: err.message }
          : { message: errorMessage(err) },
      );
    }
    const handle = data.loaded.handle;
    void job.start((api, jobId, onProgress) => api.optimize.run({ ...request, handle }, onProgress, jobId));
  };

  return (
    <section className="panel-body">
      <h2>Optimize</h2>
      <OptimizeSettings
        form={form}
        onChange={update}
        errorOf={errorOf}
        notice={formError && !formError.field ? formError.message : null}
        dataset={data}
        symbols={symbols}
        symbol={symbol}
        preview={preview}
        running={running}
        onRun={run}
      />
      {running && (
        <RunProgress
          progress={job.state.progress}
          history={job.state.history}
          population={form.population}
          objective={OBJECTIVE_LABELS[form.objective]}
          onCancel={job.cancel}
        />
      )}
      <RunFailure state={job.state} />
      {job.state.result && job.state.status === 'done' && <OptimizeResult view={job.state.result} />}
    </section>
  );
}
