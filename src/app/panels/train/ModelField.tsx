/**
 * The model kind to train (only those that fit the task), with a line saying where it
 * computes: JavaScript on CPU workers for trees, TensorFlow.js on the active backend for the
 * neural nets (and SGD with batches).
 */
import { useId } from 'react';
import { MODEL_INFO } from '../../../core/models/catalog';
import type { ModelKind } from '../../../core/models/types';
import { computeNote } from './train-view';

export function ModelField({
  models,
  value,
  tfBackend,
  batchSize,
  onChange,
}: {
  models: ModelKind[];
  value: ModelKind;
  tfBackend: string | undefined;
  batchSize: string | undefined;
  onChange: (model: ModelKind) => void;
}) {
  const id = useId();
  return (
    <div className="span2">
      <label htmlFor={id}>Model</label>
      <select
        id={id}
        className="fit-content"
        value={value}
        aria-describedby={`${id}-where`}
        onChange={(e) => onChange(e.target.value as ModelKind)}
      >
        {models.map((k) => (
          <option key={k} value={k}>
            {k}: {MODEL_INFO[k].label}
          </option>
        ))}
      </select>
      <small id={`${id}-where`} className="hint" data-testid="train-compute-note">
        {computeNote(value, tfBackend, batchSize)}
      </small>
    </div>
  );
}
