/**
 * The signals the optimizer weights: one checkbox each (in the catalogue's order), its
 * definition as the description, and 'model': a saved model's walk-forward prediction blended
 * as one more signal, with the model to use.
 */
import { useId } from 'react';
import { SIGNAL_DEFINITIONS, SIGNAL_NAMES, type BuiltinSignalName } from '../../../core/optimize/signals';
import { ModelPicker } from '../../components/ModelPicker';
import { useSavedModels } from './use-saved-models';

export interface ModelSignalChoice {
  use_model: boolean;
  model_id: string;
}

export function SignalPicker({
  value,
  onChange,
  error,
  model,
  onModelChange,
  modelError,
}: {
  value: readonly BuiltinSignalName[];
  onChange: (signal_names: BuiltinSignalName[]) => void;
  /** the message of a check that named signal_names */
  error?: string | null;
  model: ModelSignalChoice;
  onModelChange: (patch: Partial<ModelSignalChoice>) => void;
  /** the message of a check that named model_id */
  modelError?: string | null;
}) {
  const id = useId();
  const models = useSavedModels(model.use_model);
  const toggle = (s: BuiltinSignalName, on: boolean) =>
    onChange(on ? SIGNAL_NAMES.filter((x) => x === s || value.includes(x)) : value.filter((x) => x !== s));
  return (
    <fieldset className="plain" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Signals</legend>
      {SIGNAL_NAMES.map((s) => (
        <label key={s} className="inline" title={SIGNAL_DEFINITIONS[s]}>
          <input
            type="checkbox"
            checked={value.includes(s)}
            aria-describedby={`${id}-sig-${s}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => toggle(s, e.target.checked)}
          />{' '}
          {s}
          <span id={`${id}-sig-${s}`} className="sr-only">
            {SIGNAL_DEFINITIONS[s]}
          </span>
        </label>
      ))}
      <label className="inline" title={SIGNAL_DEFINITIONS.model}>
        <input
          type="checkbox"
          checked={model.use_model}
          aria-describedby={`${id}-sig-model`}
          onChange={(e) => onModelChange({ use_model: e.target.checked })}
        />{' '}
        model
        <span id={`${id}-sig-model`} className="sr-only">
          {SIGNAL_DEFINITIONS.model}
        </span>
      </label>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
      {model.use_model && (
        <>
          <ModelPicker
            models={models}
            value={model.model_id}
            onChange={(model_id) => onModelChange({ model_id })}
            label="Model of the 'model' signal"
          />
          <p className="help">
            The model&apos;s configuration is walked forward first (train 365d, test 30d, a fresh model per
            fold), so its probability is out of sample at every bar; the optimizer&apos;s folds start at its
            first prediction.
          </p>
          {modelError && (
            <small className="field-error" role="alert">
              {modelError}
            </small>
          )}
        </>
      )}
    </fieldset>
  );
}
