/**
 * Models (the seed's models.list / models.metrics): every saved model, sortable and
 * filterable, 'latest' marked; details; use in a backtest; continue online learning;
 * download its files; delete with confirmation.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ModelListItem } from '../../core/store/models';
import type { MetricsJsonRead } from '../../core/train/metrics-json-check';
import { SortableTable } from '../components/SortableTable';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage } from '../format';
import { ModelDetailArea } from './models/ModelDetailArea';
import { modelColumns } from './models/model-columns';
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

  const columns = modelColumns({
    latestId,
    ticked,
    onTick: tick,
    openId,
    onToggleDetails: (m) => setOpenId(openId === m.id ? null : m.id),
    onRemove: remove,
  });

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
      {openId && detail?.id === openId && <ModelDetailArea id={openId} read={detail.read} />}
    </section>
  );
}
