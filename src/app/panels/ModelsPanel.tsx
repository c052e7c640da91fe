/**
 * Models (the seed's models.list / models.metrics): every saved model, sortable and
 * filterable, 'latest' marked; details; use in a backtest; continue online learning;
 * download its files; delete with confirmation.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ModelListItem } from '../../core/store/models';
import type { MetricsJsonRead } from '../../core/train/metrics-json-check';
import { MODEL_INFO } from '../../core/models/catalog';
import { SortableTable, type Column } from '../components/SortableTable';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage, formatBytes } from '../format';
import { navigate } from '../navigation';
import { ModelDetail } from './models/ModelDetail';
import { DownloadButtons } from './models/DownloadButtons';
import { BuildEnsemble } from './models/BuildEnsemble';

export function ModelsPanel() {
  const { client } = usePipeline();
  const [items, setItems] = useState<ModelListItem[] | null>(null);
  const [filter, setFilter] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  /** the open model's metrics.json, read and checked (older layouts upgraded) */
  const [detail, setDetail] = useState<{ id: string; read: MetricsJsonRead } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** models ticked for an ensemble */
  const [ticked, setTicked] = useState<string[]>([]);
  const id = useId();

  const refresh = useCallback(async () => {
    try {
      setItems(await client.api.models.list());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [client]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads the list from IndexedDB
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!openId) return;
    let stale = false;
    client.api.models
      .metrics(openId)
      .then((read) => !stale && setDetail({ id: openId, read }))
      .catch((e) => !stale && setError(errorMessage(e)));
    return () => {
      stale = true;
    };
  }, [client, openId]);

  const latestId = items?.[0]?.id;
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!items || !f) return items ?? [];
    return items.filter((m) =>
      [m.id, m.kind, m.task, m.dataset, m.symbols.join(' '), m.backend].join(' ').toLowerCase().includes(f),
    );
  }, [items, filter]);

  const remove = async (m: ModelListItem) => {
    if (!window.confirm(`Delete model ${m.id}? Backtest runs that used it keep their reports.`)) return;
    await client.api.models.remove(m.id);
    if (openId === m.id) {
      setOpenId(null);
      setDetail(null);
    }
    await refresh();
  };

  const tick = (m: ModelListItem, on: boolean) =>
    setTicked((t) => (on ? [...t.filter((x) => x !== m.id), m.id] : t.filter((x) => x !== m.id)));
  const chosen = ticked.map((t) => items?.find((m) => m.id === t)).filter((m): m is ModelListItem => !!m);

  const columns: Column<ModelListItem>[] = [
    {
      key: 'tick',
      label: 'Ensemble',
      render: (m) => (
        <input
          type="checkbox"
          aria-label={`Ensemble member ${m.id}`}
          checked={ticked.includes(m.id)}
          onChange={(e) => tick(m, e.target.checked)}
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
          {m.id === latestId && <span className="tag">latest</span>}
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
          <button
            type="button"
            aria-expanded={openId === m.id}
            onClick={() => setOpenId(openId === m.id ? null : m.id)}
          >
            {openId === m.id ? 'Hide' : 'Details'}
          </button>
          <button type="button" onClick={() => navigate('backtest', { model: m.id })}>
            Use in backtest
          </button>
          {MODEL_INFO[m.kind as keyof typeof MODEL_INFO]?.online && (
            <button type="button" onClick={() => navigate('backtest', { model: m.id, online: '1' })}>
              Continue online learning
            </button>
          )}
          <button type="button" aria-label={`Delete ${m.id}`} onClick={() => void remove(m)}>
            Delete
          </button>
        </div>
      ),
    },
  ];

  return (
    <section className="panel-body">
      <h2>Models</h2>
      <div className="card">
        <div className="row spread">
          <div className="row">
            <label htmlFor={id} className="inline">
              Filter
            </label>
            <input
              id={id}
              type="search"
              value={filter}
              placeholder="id, type, dataset, symbol…"
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {items && items.length === 0 && <p className="help">No models yet. Train one on the Train panel.</p>}
        {items && items.length > 0 && (
          <SortableTable
            rows={shown}
            columns={columns}
            rowKey={(m) => m.id}
            label="Saved models"
            testId="models-table"
            initialSort={{ key: 'saved', dir: 'desc' }}
          />
        )}
      </div>
      {chosen.length > 0 && <BuildEnsemble chosen={chosen} onBuilt={() => void refresh()} />}
      {openId && detail?.id === openId && (
        <>
          <DownloadButtons kind="model" id={openId} />
          {detail.read.ok ? (
            <ModelDetail metrics={detail.read.metrics} />
          ) : (
            <div role="alert" className="card error" data-testid="model-detail-invalid">
              <strong>This model&apos;s metrics.json cannot be shown:</strong>{' '}
              {detail.read.problems.join('; ')}
            </div>
          )}
        </>
      )}
    </section>
  );
}
