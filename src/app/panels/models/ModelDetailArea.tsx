/** The open model's downloads and details, or why its metrics.json cannot be shown. */
import type { MetricsJsonRead } from '../../../core/train/metrics-json-check';
import { DownloadButtons } from './DownloadButtons';
import { ModelDetail } from './ModelDetail';

export function ModelDetailArea({ id, read }: { id: string; read: MetricsJsonRead }) {
  return (
    <>
      <DownloadButtons kind="model" id={id} />
      {read.ok ? (
        <ModelDetail metrics={read.metrics} />
      ) : (
        <div role="alert" className="card error" data-testid="model-detail-invalid">
          <strong>This model&apos;s metrics.json cannot be shown:</strong> {read.problems.join('; ')}
        </div>
      )}
    </>
  );
}
