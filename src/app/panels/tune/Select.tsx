/** A labelled select over a fixed list of options, with the error of the request field it sets. */
export function Select<T extends string>(p: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  error?: string | null;
}) {
  return (
    <div>
      <label>
        {p.label}
        <select
          value={p.value}
          onChange={(e) => p.onChange(e.target.value as T)}
          aria-invalid={p.error ? true : undefined}
        >
          {p.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      {p.error && (
        <small className="field-error" role="alert">
          {p.error}
        </small>
      )}
    </div>
  );
}
