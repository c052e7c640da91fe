/** The columns of the Artifacts panel's runs table: selection, headline results, actions. */
import type { ArtifactListItem } from '../../../core/store/artifacts';
import type { Column } from '../../components/SortableTable';

type RunItem = ArtifactListItem;

const pct = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(2)}%` : '—');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—');
const res = (r: RunItem) => (r.summary.results ?? {}) as Record<string, unknown>;

export function runColumns(o: {
  selected: string[];
  onToggle: (id: string, on: boolean) => void;
  onOpen: (r: RunItem) => Promise<void> | void;
  onRemove: (r: RunItem) => Promise<void> | void;
}): Column<RunItem>[] {
  return [
    {
      key: 'sel',
      label: 'Select',
      render: (r) => (
        <input
          type="checkbox"
          aria-label={`Select ${r.id}`}
          checked={o.selected.includes(r.id)}
          onChange={(e) => o.onToggle(r.id, e.target.checked)}
        />
      ),
    },
    { key: 'id', label: 'Run', sortValue: (r) => r.id, render: (r) => <code>{r.id}</code> },
    { key: 'kind', label: 'Kind', sortValue: (r) => r.kind, render: (r) => r.kind },
    {
      key: 'model',
      label: 'Model',
      sortValue: (r) => r.modelId ?? '',
      render: (r) => r.modelId ?? String(r.summary.model_kind ?? '—'),
    },
    {
      key: 'symbols',
      label: 'Symbols',
      render: (r) => ((r.summary.symbols as string[] | undefined) ?? []).join(', '),
    },
    {
      key: 'ret',
      label: 'Return',
      sortValue: (r) => Number(res(r).total_return_pct ?? -Infinity),
      render: (r) => pct(res(r).total_return_pct),
    },
    {
      key: 'sharpe',
      label: 'Sharpe',
      sortValue: (r) => Number(res(r).sharpe_ratio ?? -Infinity),
      render: (r) => num(res(r).sharpe_ratio),
    },
    {
      key: 'dd',
      label: 'Max DD',
      sortValue: (r) => Number(res(r).max_drawdown_pct ?? -Infinity),
      render: (r) => pct(res(r).max_drawdown_pct),
    },
    {
      key: 'trades',
      label: 'Trades',
      sortValue: (r) => Number(res(r).total_trades ?? 0),
      render: (r) => String(res(r).total_trades ?? '—'),
    },
    {
      key: 'created',
      label: 'Created (UTC)',
      sortValue: (r) => r.createdAt,
      render: (r) => new Date(r.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    },
    {
      key: 'actions',
      label: 'Actions',
      render: (r) => (
        <div className="actions">
          <button type="button" onClick={() => void o.onOpen(r)}>
            Open
          </button>
          <button type="button" aria-label={`Delete ${r.id}`} onClick={() => void o.onRemove(r)}>
            Delete
          </button>
        </div>
      ),
    },
  ];
}
