/**
 * "Start from": fresh (seeded) weights, or the weights of a saved model of the chosen neural
 * kind and task, which then trains for the set number of epochs on the chosen windows. Shown
 * for neural kinds only.
 */
import { useEffect, useId, useState } from 'react';
import type { ModelListItem } from '../../../core/store/models';
import { errorMessage } from '../../format';
import { usePipeline } from '../../hooks/pipeline-context';
import { continuableModels, type TrainForm } from './train-form';

export function InitFromField({
  form,
  onChange,
  error,
}: {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  /** the message of a request check that named init_from_model */
  error?: string | null;
}) {
  const { client } = usePipeline();
  const id = useId();
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    client.api.models
      .list()
      .then((m) => !stale && setModels(m))
      .catch((e) => !stale && setLoadError(errorMessage(e)));
    return () => {
      stale = true;
    };
  }, [client]);

  const choices = continuableModels(models ?? [], form);
  // a preselected model (Models panel) shows even before the list has loaded
  const ids = choices.map((m) => m.id);
  if (form.init_from_model && !ids.includes(form.init_from_model)) ids.unshift(form.init_from_model);
  const message = error ?? loadError;
  return (
    <div className="span2">
      <label htmlFor={id}>Start from</label>
      <select
        id={id}
        className="fit-content"
        value={form.init_from_model}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange({ init_from_model: e.target.value })}
      >
        <option value="">fresh weights (seeded)</option>
        {ids.map((m) => (
          <option key={m} value={m}>
            weights of {m}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} className="hint">
        {form.init_from_model
          ? "Continues from the saved model's weights for the set number of epochs (0 keeps them as saved) on these windows; its layer settings fill blank fields."
          : choices.length === 0 && models
            ? `No saved ${form.model} ${form.task} model to continue from yet.`
            : 'Or continue from the weights of a saved model of this kind.'}
      </small>
      {message && (
        <small className="field-error" role="alert">
          {message}
        </small>
      )}
    </div>
  );
}
