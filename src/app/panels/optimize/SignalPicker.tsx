/** The signals the optimizer weights: one checkbox each (in the catalogue's order), its definition as the description. */
import { useId } from 'react';
import { SIGNAL_DEFINITIONS, SIGNAL_NAMES, type BuiltinSignalName } from '../../../core/optimize/signals';

export function SignalPicker({
  value,
  onChange,
  error,
}: {
  value: readonly BuiltinSignalName[];
  onChange: (signal_names: BuiltinSignalName[]) => void;
  /** the message of a check that named signal_names */
  error?: string | null;
}) {
  const id = useId();
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
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
