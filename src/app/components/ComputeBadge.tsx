/** Shows which TensorFlow.js backend the worker computes on, and whether its self-test passed. */
import { usePipeline } from '../hooks/pipeline-context';

export function ComputeBadge() {
  const { compute } = usePipeline();
  if (compute.status === 'starting') return <span className="badge">Compute: starting…</span>;
  if (compute.status === 'error')
    return (
      <span className="badge badge-error" title={compute.error}>
        Compute: unavailable
      </span>
    );
  const { info, selfTest } = compute;
  return (
    <span
      className={`badge ${selfTest?.ok ? 'badge-ok' : 'badge-error'}`}
      data-testid="compute-badge"
      title={`${info?.adapter ?? ''}${selfTest ? ` · self-test max |Δ| ${selfTest.maxAbsDiff.toExponential(2)}` : ''}`}
    >
      Compute: <span data-testid="active-backend">{info?.backend}</span>
    </span>
  );
}
