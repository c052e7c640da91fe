/** Export everything (or the selection) as one zip bundle; import a bundle, checked before anything is written. */
import { useId, useState, type DragEvent } from 'react';
import { usePipeline } from '../../hooks/pipeline-context';
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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    setMessage(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await client.api.exports.import(bytes, clash);
      if (!r.ok) {
        setMessage({
          ok: false,
          text: `The bundle was refused; nothing was written. ${r.problems.join(' ')}`,
        });
      } else {
        const n = (l: { models: string[]; artifacts: string[] }) => l.models.length + l.artifacts.length;
        setMessage({
          ok: true,
          text: `Imported ${file.name}: ${n(r.added)} added, ${n(r.replaced)} replaced, ${n(r.skipped)} skipped, ${r.renamed.models.length + r.renamed.artifacts.length} renamed.`,
        });
        onImported();
      }
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

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
