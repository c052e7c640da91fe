/** Trains one seeded MLP on the active backend and on cpu, on the loaded data, and shows how far the predictions differ. */
import { DATASET_MISSING, missingInput } from '../readiness';
import { useState } from 'react';
import type { CrossBackendResult } from '../../core/compute/cross-backend';
import { useDataset } from '../hooks/dataset-context';
import { usePipeline } from '../hooks/pipeline-context';
import { errorMessage } from '../format';

export function CrossCheck() {
  const { client, compute } = usePipeline();
  const { state } = useDataset();
  const [result, setResult] = useState<CrossBackendResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!state.loaded) return setError(missingInput({ dataset: state }) ?? DATASET_MISSING);
    setBusy(true);
    setError(null);
    try {
      setResult(await client.api.compute.crossCheck(state.loaded.handle, state.loaded.summary.symbols[0]));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <h3>Backend agreement</h3>
      <p className="help">
        Trains the same seeded MLP (3 epochs, 2,000 real feature rows) on{' '}
        {compute.info?.backend ?? 'the active backend'} and on cpu, then compares the predicted probabilities.
        Tolerance: 0.001 absolute (float32 sums in a different order on each backend).
      </p>
      <button type="button" onClick={() => void run()} disabled={busy || compute.status !== 'ready'}>
        {busy ? 'Checking…' : `Check ${compute.info?.backend ?? ''} against cpu`}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <p role="status" className={result.ok ? 'ok' : 'error'} data-testid="cross-check">
          {result.ok ? 'agree' : 'DISAGREE'}: {result.backends.join(' vs ')} on {result.rows} rows, max |Δp|{' '}
          {result.maxAbsDiff.toExponential(2)}, mean {result.meanAbsDiff.toExponential(2)}
          (tolerance {result.tolerance});{' '}
          {Object.entries(result.millis)
            .map(([b, ms]) => `${b} ${ms.toFixed(0)} ms`)
            .join(', ')}
          {result.models && (
            <>
              {' '}
              (
              {Object.entries(result.models)
                .map(([m, r]) => `${m}: max |Δp| ${r.maxAbsDiff.toExponential(2)} on ${r.rows} rows`)
                .join('; ')}
              )
            </>
          )}
        </p>
      )}
    </div>
  );
}
