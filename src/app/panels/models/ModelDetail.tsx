/** One model's metrics.json, rendered readably (and raw); sections the model lacks say why. */
import type { ModelMetricsJson } from '../../../core/train/metrics-json';
import { TrainResult } from '../train/TrainResult';
import { Unavailable } from './Unavailable';
import { EnsembleMembers } from './EnsembleMembers';

/** How the model was fitted: a training request's windows, or the walk-forward fold it comes from. */
function Origin({ metrics }: { metrics: ModelMetricsJson }) {
  const horizon = `horizon ${metrics.label.horizon} bars`;
  if (metrics.origin === 'trained')
    return (
      <dd>
        train {metrics.config.train_window}, validation {metrics.config.valid_window}, {horizon}
      </dd>
    );
  const wf = metrics.walk_forward;
  return (
    <dd data-testid="updated-origin">
      updated from {metrics.parent_model_id ?? 'a hand-configured run'}
      {wf
        ? `: fold ${wf.fold} (${wf.train_rows} training rows), test window ${wf.test_start ?? '?'} to ${wf.test_end ?? '?'}, ${wf.online_updates} online updates. ${wf.description}`
        : ''}
      , {horizon}
    </dd>
  );
}

function Facts({ metrics }: { metrics: ModelMetricsJson }) {
  const { dataset, features } = metrics;
  return (
    <dl className="facts">
      <dt>Model</dt>
      <dd>
        {metrics.model.kind} ({metrics.model.label}), {metrics.model.task}, format {metrics.model.format}
      </dd>
      <dt>Dataset</dt>
      <dd>
        {dataset
          ? `${dataset.id}${dataset.commit ? ` @ ${dataset.commit.slice(0, 12)}` : ''}${dataset.hubUrl ? ` on ${dataset.hubUrl}` : ''}`
          : `not recorded (${metrics.dataset_unavailable ?? 'no reason recorded'})`}
      </dd>
      <dt>Symbols</dt>
      <dd>{metrics.symbols.join(', ')}</dd>
      <dt>{metrics.origin === 'trained' ? 'Windows' : 'Origin'}</dt>
      <Origin metrics={metrics} />
      <dt>Hyperparameters</dt>
      <dd>
        <code>{JSON.stringify(metrics.model.params)}</code>
      </dd>
      <dt>Features</dt>
      <dd>
        {features.names.join(', ')} (warm-up {features.warmup}:{' '}
        {features.excluded_warmup_rows ?? `? (${features.excluded_warmup_rows_unavailable})`} rows excluded)
      </dd>
      <dt>Backend</dt>
      <dd>{metrics.backend}</dd>
      <dt>Created</dt>
      <dd>
        {metrics.created_at} by Candle Lab {metrics.app_version}
      </dd>
    </dl>
  );
}

export function ModelDetail({ metrics }: { metrics: ModelMetricsJson }) {
  const scaler = metrics.scaler;
  return (
    <div data-testid="model-detail">
      <TrainResult metrics={metrics} />
      {metrics.ensemble && <EnsembleMembers report={metrics.ensemble} />}
      <div className="card">
        <h3>Configuration</h3>
        <Facts metrics={metrics} />
        {!metrics.history && <Unavailable what="Loss curve" reason={metrics.history_unavailable} />}
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
