/**
 * Corrects the detected column mapping: the user names the column for each role and the
 * dataset loads again with it. The mapping is kept with the dataset's request (so a reload
 * of the page uses it too).
 */
import { useId, useState, type FormEvent } from 'react';
import type { ColumnMapping } from '../../../core/data/columns';
import { useDataset } from '../../hooks/dataset-context';

const ROLES: (keyof ColumnMapping)[] = ['time', 'open', 'high', 'low', 'close', 'volume', 'symbol'];

export function MappingEditor({ mapping }: { mapping: ColumnMapping }) {
  const { state, reload } = useDataset();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(ROLES.map((r) => [r, mapping[r] ?? ''])),
  );
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Partial<ColumnMapping> = {};
    for (const r of ROLES) {
      const v = draft[r].trim();
      if (v !== (mapping[r] ?? '')) (m as Record<string, string | null>)[r] = v || null;
    }
    void reload({
      ...(state.request?.options ?? {}),
      mapping: { ...(state.request?.options.mapping ?? {}), ...m },
    });
  };
  return (
    <details className="card">
      <summary>Correct the column mapping</summary>
      <form noValidate onSubmit={submit} aria-label="Column mapping">
        <div className="grid3">
          {ROLES.map((r) => (
            <div key={r}>
              <label htmlFor={`${id}-${r}`}>
                {r}
                {r === 'volume' || r === 'symbol' ? ' (blank: none)' : ''}
              </label>
              <input
                id={`${id}-${r}`}
                type="text"
                value={draft[r]}
                onChange={(e) => setDraft({ ...draft, [r]: e.target.value })}
                spellCheck={false}
              />
            </div>
          ))}
        </div>
        <button type="submit" disabled={state.status === 'loading'}>
          Reload with this mapping
        </button>
      </form>
    </details>
  );
}
