/**
 * A saved-model picker: 'latest' first, saying which model it resolves to (the newest stored
 * on this device), then every model; while the list loads it says so. It takes a whole row of
 * a form grid so that long model ids are not cut off.
 */
import { useId } from 'react';
import { latestOptionLabel } from '../readiness';

export function ModelPicker({
  models,
  value,
  onChange,
  label = 'Model',
}: {
  /** newest first, as the store lists them; null while loading */
  models: readonly { id: string }[] | null;
  value: string;
  onChange: (id: string) => void;
  label?: string;
}) {
  const id = useId();
  return (
    <div className="span2">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="fit-content"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-busy={models === null}
      >
        <option value="latest">{latestOptionLabel(models)}</option>
        {(models ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.id}
          </option>
        ))}
      </select>
    </div>
  );
}
