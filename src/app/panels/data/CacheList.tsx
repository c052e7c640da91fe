/** Cached hub datasets with sizes, deletable; storage use and quota of this site. */
import { useCallback, useEffect, useState } from 'react';
import type { CachedDatasetInfo } from '../../../core/store/file-cache';
import { usePipeline } from '../../hooks/pipeline-context';
import { useDataset } from '../../hooks/dataset-context';
import { errorMessage, formatBytes } from '../../format';

export function CacheList() {
  const { client } = usePipeline();
  const { state } = useDataset();
  const [items, setItems] = useState<CachedDatasetInfo[] | null>(null);
  const [usage, setUsage] = useState<{ usage?: number; quota?: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setItems(await client.api.data.cache.list());
      setUsage(navigator.storage?.estimate ? await navigator.storage.estimate() : null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [client]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads from IndexedDB after each dataset load
    void refresh();
  }, [refresh, state.loaded]);

  return (
    <div className="card">
      <h3>Download cache</h3>
      <p className="help" data-testid="storage-usage">
        {usage?.quota
          ? `This site uses ${formatBytes(usage.usage ?? 0)} of ${formatBytes(usage.quota)} available.`
          : 'Storage use is not reported by this browser.'}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items && items.length === 0 && (
        <p className="help">No hub downloads cached yet. The built-in sample ships with the app.</p>
      )}
      {items && items.length > 0 && (
        <table aria-label="Cached datasets">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Hub</th>
              <th>Files</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={`${d.hubUrl}|${d.dataset}`}>
                <td>{d.dataset}</td>
                <td>{d.hubUrl}</td>
                <td>{d.files}</td>
                <td>{formatBytes(d.bytes)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Delete cached ${d.dataset}`}
                    onClick={async () => {
                      if (
                        !window.confirm(
                          `Delete the cached files of ${d.dataset}? They will be downloaded again when needed.`,
                        )
                      )
                        return;
                      await client.api.data.cache.remove(d.hubUrl, d.dataset);
                      await refresh();
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
