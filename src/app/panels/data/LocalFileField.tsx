/** Picks a local parquet, CSV or JSON Lines file (dropping one on the form works too). */
export function LocalFileField({
  id,
  file,
  onChange,
}: {
  id: string;
  file: File | null;
  onChange: (file: File | null) => void;
}) {
  return (
    <div className="dropzone">
      <label htmlFor={id}>Parquet, CSV or JSON Lines file</label>
      <input
        id={id}
        type="file"
        accept=".parquet,.csv,.tsv,.jsonl,.json"
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <p className="help">
        …or drop a file anywhere on this form.{' '}
        {file ? `Chosen: ${file.name} (kept until the page closes)` : ''}
      </p>
    </div>
  );
}
