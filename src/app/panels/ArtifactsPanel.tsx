/**
 * Artifacts (the seed's artifacts.list): backtest and optimizer runs with their key
 * results; open one for the full result view; compare two or more side by side; delete;
 * export bundles and import them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BacktestView } from '../../core/pipeline/backtest-view';
import type { ArtifactListItem } from '../../core/store/artifacts';
import { SortableTable } from '../components/SortableTable';
import { runColumns } from './artifacts/run-columns';
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
    setSelected((sel) => (on ? [...sel, id] : sel.filter((x) => x !== id)));
  const columns = runColumns({ selected, onToggle: toggle, onOpen: openRun, onRemove: remove });

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
