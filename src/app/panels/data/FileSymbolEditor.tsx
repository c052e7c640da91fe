/**
 * The symbol of a local file without a symbol column: taken from the file name by the loader
 * (or given here before), shown for the user to confirm, and editable; a new symbol loads the
 * file again with it (`fileSymbol` in the load options).
 */
import { useId, useState, type FormEvent } from 'react';
import type { DatasetSummary } from '../../../core/data/load';
import { useDataset } from '../../hooks/dataset-context';
import { fileSymbolNote } from './file-symbol';

export function FileSymbolEditor({ summary }: { summary: DatasetSummary }) {
  const { state, reload } = useDataset();
  const symbol = summary.symbols[0];
  const [draft, setDraft] = useState(symbol);
  const id = useId();
  const given = state.status === 'ready' ? state.request?.options.fileSymbol : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void reload({ ...(state.request?.options ?? {}), fileSymbol: draft.trim() });
  };
  return (
    <form className="card" noValidate onSubmit={submit} aria-label="Symbol of the file">
      <p role="status" data-testid="file-symbol-note">
        {fileSymbolNote(summary.dataset, symbol, given)}
      </p>
      <label htmlFor={id}>Symbol of {summary.dataset}</label>
      <div className="row">
        <input
          id={id}
          type="text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          spellCheck={false}
        />
        <button
          type="submit"
          disabled={state.status === 'loading' || !draft.trim() || draft.trim() === symbol}
        >
          Load with this symbol
        </button>
      </div>
    </form>
  );
}
