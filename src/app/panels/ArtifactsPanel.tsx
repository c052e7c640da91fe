/**
 * Artifacts (the seed's artifacts.list): backtest and optimizer runs with their key
 * results; open one for the full result view; compare two or more side by side; delete;
 * export bundles and import them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BacktestView } from '../../core/pipeline/backtest-view';
import type { ArtifactListItem } from '../../core/store/artifacts';
import { SortableTable, type Column } from '../components/SortableTable';
import { usePipeline } from '../hooks/pipeline-context';
import { useDataset } from '../hooks/dataset-context';
import { errorMessage } from '../format';
import { BacktestResultView } from './backtest/BacktestResultView';
import { DownloadButtons } from './models/DownloadButtons';
import { CompareRuns } from './artifacts/CompareRuns';
import { BundleTools } from './artifacts/BundleTools';
import { AbReportView } from './ab/AbReportView';
import { MlSignalAb } from './ab/MlSignalAb';
import type { AbReport } from '../../core/ab/report-type';

type RunItem = ArtifactListItem;

const pct = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(2)}%` : '—');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(2) : '—');
const res = (r: RunItem) => (r.summary.results ?? {}) as Record<string, unknown>;

export function ArtifactsPanel() {
  const { client } = usePipeline();
  const { state: data } = useDataset();
  const [items, setItems] = useState<RunItem[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<{ id: string; view: BacktestView | null; ab?: AbReport } | null>(null);
  const [comparing, setComparing] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setItems(await client.api.artifacts.list());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [client]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads the list from IndexedDB
    void refresh();
  }, [refresh]);

  const openRun = async (r: RunItem) => {
    setComparing(null);
    if (r.kind === 'ab') {
      try {
        return setOpen({ id: r.id, view: null, ab: await client.api.ab.report(r.id) });
      } catch (e) {
        return setError(errorMessage(e));
      }
    }
    if (r.kind !== 'backtest') return setOpen({ id: r.id, view: null });
    try {
      setOpen({ id: r.id, view: await client.api.artifacts.open(r.id, data.loaded?.handle) });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const remove = async (r: RunItem) => {
    if (!window.confirm(`Delete run ${r.id} and its files?`)) return;
    await client.api.artifacts.remove(r.id);
    setSelected((s) => s.filter((x) => x !== r.id));
    if (open?.id === r.id) setOpen(null);
    await refresh();
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const columns: Column<RunItem>[] = [
    {
      key: 'sel',
      label: 'Select',
      render: (r) => (
        <input
          type="checkbox"
          aria-label={`Select ${r.id}`}
          checked={selected.includes(r.id)}
          onChange={(e) => toggle(r.id, e.target.checked)}
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
          <button type="button" onClick={() => void openRun(r)}>
            Open
          </button>
          <button type="button" aria-label={`Delete ${r.id}`} onClick={() => void remove(r)}>
            Delete
          </button>
        </div>
      ),
    },
  ];

  // backtests and optimizer runs can be compared (both keep an out-of-sample equity curve)
  const backtests = selected.filter((id) => {
    const kind = items?.find((i) => i.id === id)?.kind;
    return kind === 'backtest' || kind === 'optimize';
  });
  return (
    <section className="panel-body">
      <h2>Artifacts</h2>
      <div className="card">
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {items && items.length === 0 && (
          <p className="help">No runs yet. Run a backtest or the optimizer first.</p>
        )}
        {items && items.length > 0 && (
          <>
            <SortableTable
              rows={items}
              columns={columns}
              rowKey={(r) => r.id}
              label="Runs"
              testId="runs-table"
              initialSort={{ key: 'created', dir: 'desc' }}
              pageSize={20}
            />
            <div className="actions">
              <button
                type="button"
                disabled={backtests.length < 2}
                onClick={() => (setOpen(null), setComparing(backtests))}
              >
                Compare selected ({backtests.length})
              </button>
            </div>
          </>
        )}
      </div>
      <BundleTools selectedRuns={selected} onImported={refresh} />
      <MlSignalAb onSaved={refresh} />
      {comparing && <CompareRuns runIds={comparing} onSaved={refresh} />}
      {open && open.view && <BacktestResultView view={open.view} />}
      {open?.ab && <AbReportView report={open.ab} />}
      {open && !open.view && !open.ab && <DownloadButtons kind="artifact" id={open.id} />}
    </section>
  );
}
