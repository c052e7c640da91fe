/** Where the candles come from: the built-in sample, a Hugging Face dataset or a local file. */
import type { DataSource } from '../../hooks/dataset-context';

const KINDS = [
  ['sample', 'Built-in sample (offline)'],
  ['hub', 'Hugging Face dataset'],
  ['local', 'Local file'],
] as const;

export function SourceKindPicker({
  name,
  kind,
  onChange,
}: {
  name: string;
  kind: DataSource['kind'];
  onChange: (kind: DataSource['kind']) => void;
}) {
  return (
    <fieldset className="row plain">
      <legend className="sr-only">Where the candles come from</legend>
      {KINDS.map(([k, label]) => (
        <label key={k} className="inline">
          <input type="radio" name={name} value={k} checked={kind === k} onChange={() => onChange(k)} />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}
