/**
 * Export everything (or the selection) as one zip bundle; import a bundle, checked before
 * anything is written. The import is a job whose state outlives the panel: leaving the tab
 * while it runs keeps the file input disabled and its outcome shown on return.
 */
import { useEffect, useId, useState, type DragEvent } from 'react';
import { usePipeline } from '../../hooks/pipeline-context';
import { useJob } from '../../hooks/useJob';
import { errorMessage } from '../../format';
import { saveBytes } from '../../download';

type Clash = 'skip' | 'replace' | 'keep-both';

export function BundleTools({
  selectedRuns,
  onImported,
}: {
  selectedRuns: string[];
  onImported: () => void;
}) {
  const { client } = usePipeline();
  const [clash, setClash] = useState<Clash>('keep-both');
  const [exportMessage, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [exporting, setBusy] = useState(false);
  const importJob = useJob<{ ok: boolean; text: string }>('Importing a bundle');
  const busy = exporting || importJob.state.status === 'running';
  const importMessage =
    importJob.state.status === 'done'
      ? importJob.state.result
      : importJob.state.status === 'error'
        ? { ok: false, text: importJob.state.error ?? 'The import failed.' }
        : null;
  const message = exportMessage ?? importMessage ?? null;
  const id = useId();

  const exportAll = async (
    sel: { models?: 'all' | string[]; artifacts?: 'all' | string[] },
    name: string,
  ) => {
    setBusy(true);
    setMessage(null);
    try {
      saveBytes(await client.api.exports.bundle(sel), name, 'application/zip');
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setMessage(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    await importJob.start(async (api) => {
      const r = await api.exports.import(bytes, clash);
      if (!r.ok)
        return { ok: false, text: `The bundle was refused; nothing was written. ${r.problems.join(' ')}` };
      const n = (l: { models: string[]; artifacts: string[] }) => l.models.length + l.artifacts.length;
      return {
        ok: true,
        text: `Imported ${file.name}: ${n(r.added)} added, ${n(r.replaced)} replaced, ${n(r.skipped)} skipped, ${r.renamed.models.length + r.renamed.artifacts.length} renamed.`,
      };
    });
  };
  // refresh the lists once an import has written something (also when it finished while the panel was closed)
  const imported = importJob.state.status === 'done' && importJob.state.result?.ok === true;
  useEffect(() => {
    if (imported) onImported();
  }, [imported, onImported]);

  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return (
    <div
      className="card"
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        const f = e.dataTransfer.files?.[0];
        if (f) void importFile(f);
      }}
    >
      <h3>Bundles</h3>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void exportAll({ models: 'all', artifacts: 'all' }, `candle-lab_${stamp}.zip`)}
        >
          Export everything
        </button>
        <button
          type="button"
          disabled={busy || selectedRuns.length === 0}
          onClick={() => void exportAll({ artifacts: selectedRuns }, `candle-lab_runs_${stamp}.zip`)}
        >
          Export selected runs ({selectedRuns.length})
        </button>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <label htmlFor={`${id}-file`} className="inline">
          Import a bundle (.zip)
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
        <label htmlFor={`${id}-clash`} className="inline">
          When an id exists
        </label>
        <select id={`${id}-clash`} value={clash} onChange={(e) => setClash(e.target.value as Clash)}>
          <option value="keep-both">Keep both (new id)</option>
          <option value="skip">Skip</option>
          <option value="replace">Replace</option>
        </select>
      </div>
      <p className="help">
        Or drop a bundle on this box. A bundle is checked (format, hashes, names, JSON) before anything is
        written; a bad one changes nothing.
      </p>
      {importJob.state.status === 'running' && (
        <p role="status" className="notice" data-testid="bundle-importing">
          Importing… the bundle is checked before anything is written.
        </p>
      )}
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'ok' : 'error'}
          data-testid="bundle-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
