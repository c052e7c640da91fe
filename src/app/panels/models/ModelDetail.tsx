/** One model's metrics.json, rendered readably (and raw). */
import type { ModelMetricsJson } from '../../../core/train/train-job';
import { TrainResult } from '../train/TrainResult';

export function ModelDetail({ metrics }: { metrics: ModelMetricsJson }) {
  const scaler = metrics.scaler;
  return (
    <div data-testid="model-detail">
      <TrainResult metrics={metrics} />
      <div className="card">
        <h3>Configuration</h3>
        <dl className="facts">
          <dt>Model</dt>
          <dd>
            {metrics.model.kind} ({metrics.model.label}), {metrics.model.task}, format {metrics.model.format}
          </dd>
          <dt>Dataset</dt>
          <dd>
            {metrics.dataset.id}
            {metrics.dataset.commit ? ` @ ${metrics.dataset.commit.slice(0, 12)}` : ''}
            {metrics.dataset.hubUrl ? ` on ${metrics.dataset.hubUrl}` : ''}
          </dd>
          <dt>Symbols</dt>
          <dd>{metrics.symbols.join(', ')}</dd>
          <dt>Windows</dt>
          <dd>
            train {metrics.config.train_window}, validation {metrics.config.valid_window}, horizon{' '}
            {metrics.label.horizon} bars
          </dd>
          <dt>Hyperparameters</dt>
          <dd>
            <code>{JSON.stringify(metrics.model.params)}</code>
          </dd>
          <dt>Features</dt>
          <dd>
            {metrics.features.names.join(', ')} (warm-up {metrics.features.warmup}:{' '}
            {metrics.features.excluded_warmup_rows} rows excluded)
          </dd>
          <dt>Backend</dt>
          <dd>{metrics.backend}</dd>
          <dt>Created</dt>
          <dd>
            {metrics.created_at} by Candle Lab {metrics.app_version}
          </dd>
        </dl>
        <details>
          <summary>Scaler (fitted on the {scaler.rows} training rows only)</summary>
          <table aria-label="Scaler parameters">
            <thead>
              <tr>
                <th>Feature</th>
                <th>Mean</th>
                <th>Std</th>
              </tr>
            </thead>
            <tbody>
              {metrics.features.names.map((n, j) => (
                <tr key={n}>
                  <td>{n}</td>
                  <td>{scaler.mean[j]?.toPrecision(6)}</td>
                  <td>{scaler.std[j]?.toPrecision(6)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        <details>
          <summary>Raw metrics.json</summary>
          <pre className="raw" data-testid="raw-metrics">
            {JSON.stringify(metrics, null, 2)}
          </pre>
        </details>
      </div>
    </div>
  );
}
