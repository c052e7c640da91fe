/** The one symbol of the loaded dataset that the optimizer runs on. */
import { useId } from 'react';

export function SymbolSelect({
  symbols,
  value,
  onChange,
  error,
}: {
  symbols: readonly string[];
  value: string;
  onChange: (symbol: string) => void;
  error?: string | null;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>Symbol</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {symbols.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
