/** The columns of the Models panel's table: ensemble tick, identity, data, validation, actions. */
import { MODEL_INFO } from '../../../core/models/catalog';
import type { ModelListItem } from '../../../core/store/models';
import type { Column } from '../../components/SortableTable';
import { formatBytes } from '../../format';
import { navigate } from '../../navigation';

export function modelColumns(o: {
  /** the newest model stored here: what 'latest' resolves to */
  latestId: string | undefined;
  ticked: string[];
  onTick: (m: ModelListItem, on: boolean) => void;
  openId: string | null;
  onToggleDetails: (m: ModelListItem) => void;
  onRemove: (m: ModelListItem) => Promise<void> | void;
}): Column<ModelListItem>[] {
  return [
    {
      key: 'tick',
      label: 'Ensemble',
      render: (m) => (
        <input
          type="checkbox"
          aria-label={`Ensemble member ${m.id}`}
          checked={o.ticked.includes(m.id)}
          onChange={(e) => o.onTick(m, e.target.checked)}
        />
      ),
    },
    {
      key: 'id',
      label: 'Model',
      sortValue: (m) => m.id,
      render: (m) => (
        <>
          <code>{m.id}</code>
          {m.id === o.latestId && <span className="tag">latest</span>}
          {m.parentId && <div className="help">updated from {m.parentId}</div>}
        </>
      ),
    },
    { key: 'kind', label: 'Type', sortValue: (m) => m.kind, render: (m) => m.kind },
    { key: 'task', label: 'Task', sortValue: (m) => m.task, render: (m) => m.task },
    {
      key: 'dataset',
      label: 'Dataset',
      sortValue: (m) => m.dataset,
      render: (m) => (
        <>
          {m.dataset}
          {m.commit && <div className="help">@ {m.commit.slice(0, 12)}</div>}
        </>
      ),
    },
    { key: 'symbols', label: 'Symbols', render: (m) => m.symbols.join(', ') },
    {
      key: 'created',
      label: 'Created (UTC)',
      sortValue: (m) => m.createdAt,
      render: (m) => new Date(m.createdAt).toISOString().slice(0, 19).replace('T', ' '),
    },
    {
      // the store's order ('latest' is the newest here): trained, updated or imported on this device
      key: 'saved',
      label: 'Saved here (UTC)',
      sortValue: (m) => m.savedAt,
      render: (m) => new Date(m.savedAt).toISOString().slice(0, 19).replace('T', ' '),
    },
    {
      key: 'metric',
      label: 'Validation',
      sortValue: (m) => m.keyMetric.value ?? -Infinity,
      render: (m) => `${m.keyMetric.name} ${m.keyMetric.value === null ? '—' : m.keyMetric.value.toFixed(4)}`,
    },
    { key: 'backend', label: 'Backend', sortValue: (m) => m.backend, render: (m) => m.backend },
    { key: 'size', label: 'Size', sortValue: (m) => m.size, render: (m) => formatBytes(m.size) },
    {
      key: 'actions',
      label: 'Actions',
      render: (m) => (
        <div className="actions">
          <button type="button" aria-expanded={o.openId === m.id} onClick={() => o.onToggleDetails(m)}>
            {o.openId === m.id ? 'Hide' : 'Details'}
          </button>
          <button type="button" onClick={() => navigate('backtest', { model: m.id })}>
            Use in backtest
          </button>
          {MODEL_INFO[m.kind as keyof typeof MODEL_INFO]?.family === 'neural' && (
            <button
              type="button"
              onClick={() => navigate('train', { from: m.id, model: m.kind, task: m.task })}
            >
              Retrain from weights
            </button>
          )}
          {MODEL_INFO[m.kind as keyof typeof MODEL_INFO]?.online && (
            <button type="button" onClick={() => navigate('backtest', { model: m.id, online: '1' })}>
              Continue online learning
            </button>
          )}
          <button type="button" aria-label={`Delete ${m.id}`} onClick={() => void o.onRemove(m)}>
            Delete
          </button>
        </div>
      ),
    },
  ];
}
