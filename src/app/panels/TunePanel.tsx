/**
 * Tune: a hyperparameter study of one model kind (search space, sampler, pruner, budget, periods,
 * objective), live trials (table, charts, progress with done / pruned / running), cancel, resume
 * after a reload, and the best configuration beside its untouched evaluation. The job's state
 * lives outside the panel (useJob), like the Backtest panel's.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { InputError } from '../../core/errors';
import type { TuneJobResult } from '../../core/jobs/tune';
import { MINIMISED, type TuneObjective } from '../../core/tune/objective';
import { fieldErrorOf, JobFailure } from '../components/JobFailure';
import { ProgressBar } from '../components/ProgressBar';
import { useDataset } from '../hooks/dataset-context';
import { useJob } from '../hooks/useJob';
import { errorMessage } from '../format';
import { datasetLine } from '../readiness';
import { SpaceEditor } from './tune/SpaceEditor';
import { StudyResult } from './tune/StudyResult';
import { TrialCharts } from './tune/TrialCharts';
import { TrialsTable } from './tune/TrialsTable';
import { TuneSettings } from './tune/TuneSettings';
import { readTuneForm, saveTuneForm, spaceOf, tuneRequest, type TuneForm } from './tune/tune-form';
import { UnfinishedStudies } from './tune/UnfinishedStudies';
import { useTrials, useUnfinishedStudies } from './tune/useStudy';

export function TunePanel() {
  const { state: data } = useDataset();
  const [form, setForm] = useState<TuneForm>(readTuneForm);
  const [formError, setFormError] = useState<{ field?: string; message: string } | null>(null);
  const job = useJob<TuneJobResult>('A tuning study');
  useEffect(() => saveTuneForm(form), [form]);
  const patch = (p: Partial<TuneForm>) => setForm((f) => ({ ...f, ...p }));
  const running = job.state.status === 'running';
  const studyId = (job.state.result?.study_id ?? job.state.progress?.detail?.study_id ?? null) as
    string | null;
  const trials = useTrials(studyId, running);
  const unfinished = useUnfinishedStudies(job.state.status).filter((s) => !(running && s.id === studyId));
  const symbols = useMemo(() => data.loaded?.summary.symbols ?? [], [data.loaded]);
  const errorOf = fieldErrorOf(job.state, formError);
  const report = job.state.status === 'done' ? job.state.result?.report : undefined;
  const space = report?.space ?? spaceOf(form);
  const objective = (report?.objective as TuneObjective | undefined) ?? form.objective;

  const start = (extra: { study_id?: string } = {}) => {
    setFormError(null);
    try {
      if (!data.loaded) throw new InputError(undefined, 'Load a dataset first (Data panel).');
      const req = { ...tuneRequest(form, { handle: data.loaded.handle, symbols }), ...extra };
      void job.start((api, jobId, onProgress) => api.tune.start(req, onProgress, jobId));
    } catch (err) {
      setFormError({ field: err instanceof InputError ? err.field : undefined, message: errorMessage(err) });
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start();
  };
  const d = job.state.progress?.detail;

  return (
    <section className="panel-body">
      <h2>Tune</h2>
      <form className="card" noValidate onSubmit={submit} aria-label="Tuning settings">
        <p className="help" data-testid="tune-dataset">
          Dataset: {data.loaded ? <strong>{data.loaded.summary.dataset}</strong> : datasetLine(data)}. Trials
          are scored on walk-forward folds before the evaluation date only; the best configuration then runs
          once on the later folds.
        </p>
        <TuneSettings form={form} patch={patch} errorOf={errorOf} symbols={symbols} />
        <SpaceEditor form={form} patch={patch} errorOf={errorOf} />
        {formError && !formError.field && (
          <p role="alert" className="error">
            {formError.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={running}>
          Start study
        </button>
      </form>
      <UnfinishedStudies
        studies={unfinished}
        onResume={(id) => start({ study_id: id })}
        disabled={running || !data.loaded}
      />
      {running && (
        <>
          <ProgressBar label="Tuning study" progress={job.state.progress} onCancel={job.cancel} />
          <p role="status" data-testid="tune-counts">
            {d?.done ?? 0} of {d?.total ?? '?'} trials done, {d?.pruned ?? 0} pruned, {d?.running ?? 0}{' '}
            running
          </p>
        </>
      )}
      {job.state.status === 'cancelled' && (
        <p role="status" className="notice" data-testid="tune-cancelled">
          Study cancelled. Its finished trials are kept: resume it below.
        </p>
      )}
      <JobFailure state={job.state} what="The study" testId="tune-error" />
      {report && job.state.result && (
        <StudyResult
          report={report}
          trials={trials}
          runId={job.state.result.run_id}
          handle={data.loaded?.handle ?? null}
          dataset={data.loaded?.summary.dataset ?? ''}
        />
      )}
      <TrialCharts
        trials={trials}
        space={space}
        objective={objective}
        minimize={MINIMISED.includes(objective)}
      />
      <TrialsTable trials={trials} params={Object.keys(space)} bestNumber={report?.best?.number ?? null} />
    </section>
  );
}
