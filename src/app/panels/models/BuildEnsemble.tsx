/**
 * "Build ensemble" on the Models panel: the models ticked in the table become the members (their
 * saved configurations, refitted; not their weights), the user picks a combiner, and
 * `ensemble.build` trains the ensemble on the loaded dataset and stores it as a model.
 */
import { useId, useState } from 'react';
import type { TrainJobResult } from '../../../core/jobs/train';
import { COMBINERS, type Combiner } from '../../../core/models/ensemble/combine';
import { MEMBER_KINDS } from '../../../core/models/ensemble/params';
import type { ModelListItem } from '../../../core/store/models';
import { JobFailure } from '../../components/JobFailure';
import { ProgressBar } from '../../components/ProgressBar';
import { useDataset } from '../../hooks/dataset-context';
import { useJob } from '../../hooks/useJob';

const COMBINER_HELP: Record<Combiner, string> = {
  mean: 'mean of the members’ probabilities (or predictions)',
  weights: 'weights fitted on an inner validation tail of the training window',
  stacking: 'a logistic (linear) meta-model on purged out-of-fold predictions',
};

/** Why the chosen models cannot form an ensemble, or null. */
export function ensembleProblem(
  chosen: readonly Pick<ModelListItem, 'id' | 'kind' | 'task'>[],
): string | null {
  if (chosen.length < 2) return 'Tick two or more models to build an ensemble.';
  const bad = chosen.find((m) => !(MEMBER_KINDS as readonly string[]).includes(m.kind));
  if (bad) return `${bad.kind} models cannot be members; an ensemble holds ${MEMBER_KINDS.join(', ')}.`;
  if (new Set(chosen.map((m) => m.task)).size > 1)
    return 'The ticked models mix classification and regression.';
  return null;
}

export function BuildEnsemble({ chosen, onBuilt }: { chosen: ModelListItem[]; onBuilt: () => void }) {
  const { state: data } = useDataset();
  const [combiner, setCombiner] = useState<Combiner>('mean');
  const job = useJob<TrainJobResult>('Ensemble');
  const id = useId();
  const problem =
    ensembleProblem(chosen) ?? (data.loaded ? null : 'Load the dataset on the Data panel first.');
  const running = job.state.status === 'running';

  const build = async () => {
    if (problem || !data.loaded) return;
    const loaded = data.loaded.summary.symbols;
    const symbols = chosen[0].symbols.filter((s) => loaded.includes(s));
    const { handle } = data.loaded;
    const req = { handle, symbols, member_ids: chosen.map((m) => m.id), combiner };
    const r = await job.start((api, jobId, onProgress) => api.ensemble.build(req, onProgress, jobId));
    if (r) onBuilt();
  };

  return (
    <div className="card" data-testid="build-ensemble">
      <div className="row">
        <strong>Ensemble of {chosen.length} ticked model(s)</strong>
        <label htmlFor={id} className="inline">
          Combiner
        </label>
        <select id={id} value={combiner} onChange={(e) => setCombiner(e.target.value as Combiner)}>
          {COMBINERS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={!!problem || running}
          onClick={() => void build()}
        >
          Build ensemble
        </button>
      </div>
      <p className="help">
        {problem ??
          `${COMBINER_HELP[combiner]}; every member is refitted on the training window of ${chosen[0].id}.`}
      </p>
      {running && <ProgressBar label="Ensemble" progress={job.state.progress} onCancel={job.cancel} />}
      {job.state.status === 'done' && job.state.result && (
        <p role="status" data-testid="ensemble-built">
          Saved ensemble <code>{job.state.result.model_id}</code>
        </p>
      )}
      <JobFailure state={job.state} what="Building the ensemble" />
    </div>
  );
}
