/** Storage: whether the browser keeps this site's data persistently, and usage against quota. */
import { useEffect, useState } from 'react';
import { requestPersistentStorage } from '../pwa';
import { formatBytes } from '../format';

export function StorageCard() {
  const [persisted, setPersisted] = useState<boolean | null | undefined>(undefined);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    void requestPersistentStorage().then(setPersisted);
    void navigator.storage?.estimate?.().then(setEstimate);
  }, []);
  return (
    <div className="card" data-testid="storage-card">
      <h3>Storage</h3>
      <dl className="facts">
        <dt>Persistent</dt>
        <dd data-testid="storage-persisted">
          {persisted === undefined
            ? 'asking…'
            : persisted === null
              ? 'not supported by this browser'
              : persisted
                ? 'granted: the browser will not evict models, runs or cached datasets'
                : 'not granted: the browser may clear data under storage pressure (export bundles to keep them)'}
        </dd>
        <dt>Used</dt>
        <dd data-testid="storage-used">
          {estimate?.quota
            ? `${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota)} (${(((estimate.usage ?? 0) / estimate.quota) * 100).toFixed(1)}%)`
            : '—'}
        </dd>
      </dl>
    </div>
  );
}
