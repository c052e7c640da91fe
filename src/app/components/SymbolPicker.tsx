/** Checkboxes for the symbols of the loaded dataset. */
export function SymbolPicker({
  symbols,
  chosen,
  onChange,
}: {
  symbols: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="plain">
      <legend>Symbols</legend>
      {symbols.map((s) => (
        <label key={s} className="inline">
          <input
            type="checkbox"
            checked={chosen.includes(s)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, s] : chosen.filter((x) => x !== s))}
          />{' '}
          {s}
        </label>
      ))}
    </fieldset>
  );
}
