/** The result of a training run: metric cards against the baseline, per-symbol table, charts. */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { confusionOption } from '../../../charts/confusion';
import { importanceOption } from '../../../charts/importance';
import { lossOption } from '../../../charts/loss';
import type { ModelMetricsJson } from '../../../core/train/train-job';

type Block = ModelMetricsJson['validation'];
const fmt = (v: unknown, d = 4) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');

const CLASS_CARDS: [string, string][] = [
  ['rocAuc', 'ROC AUC'],
  ['accuracy', 'Accuracy'],
  ['balancedAccuracy', 'Balanced accuracy'],
  ['logLoss', 'Log-loss'],
];
const REG_CARDS: [string, string][] = [
  ['ic', 'IC (Spearman)'],
  ['directionalAccuracy', 'Directional accuracy'],
  ['mae', 'MAE'],
  ['rmse', 'RMSE'],
  ['r2', 'R²'],
];

export function MetricCards({ block, task }: { block: Block; task: string }) {
  const cards = task === 'regression' ? REG_CARDS : CLASS_CARDS;
  const m = block.metrics as unknown as Record<string, number>;
  const b = block.baseline as unknown as Record<string, number>;
  return (
    <div className="kpis" role="list" aria-label="Validation metrics">
      {cards.map(([key, label]) => (
        <div className="kpi" role="listitem" key={key} data-testid={`metric-${key}`}>
          <div className="kpi-label">{label}</div>
          <div className="kpi-value">{fmt(m[key])}</div>
          <div className="kpi-sub">baseline {fmt(b[key])}</div>
        </div>
      ))}
    </div>
  );
}

export function TrainResult({ metrics }: { metrics: ModelMetricsJson }) {
  const task = metrics.model.task;
  const conf = (metrics.validation.metrics as { confusion?: { counts: number[]; nClasses: number } })
    .confusion;
  const importance = useMemo(
    () => (metrics.importance.gain ? importanceOption(metrics.importance.gain, 'gain') : null),
    [metrics],
  );
  const permutation = useMemo(
    () =>
      metrics.importance.permutation
        ? importanceOption(
            metrics.importance.permutation.mean,
            `drop in ${metrics.importance.permutation.scorer}`,
          )
        : null,
    [metrics],
  );
  const confusion = useMemo(
    () => (conf ? confusionOption(conf.counts, conf.nClasses, metrics.label.classes) : null),
    [conf, metrics],
  );
  const loss = useMemo(() => (metrics.history?.loss?.length ? lossOption(metrics.history) : null), [metrics]);
  return (
    <div className="card" data-testid="train-result">
      <h3>
        Model <code data-testid="trained-model-id">{metrics.model_id}</code>
      </h3>
      <p className="help">
        {metrics.label.description}. {metrics.split.description}. Trained on {metrics.backend} in{' '}
        {metrics.timings.fit_s.toFixed(2)} s ({metrics.iterations} iterations). Baseline:{' '}
        {metrics.validation.baselineName}.
      </p>
      <MetricCards block={metrics.validation} task={task} />
      {Object.keys(metrics.validation_per_symbol).length > 1 && (
        <table aria-label="Validation per symbol">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Rows</th>
              {(task === 'regression' ? REG_CARDS : CLASS_CARDS).map(([, l]) => (
                <th key={l}>{l}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(metrics.validation_per_symbol).map(([sym, blk]) => (
              <tr key={sym}>
                <td>{sym}</td>
                <td>{blk.rows}</td>
                {(task === 'regression' ? REG_CARDS : CLASS_CARDS).map(([k]) => (
                  <td key={k}>{fmt((blk.metrics as unknown as Record<string, number>)[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="charts2">
        {confusion && (
          <div>
            <h4>Confusion matrix (validation)</h4>
            <Chart
              option={confusion}
              label="Confusion matrix of validation predictions"
              height={300}
              testId="confusion-chart"
            />
          </div>
        )}
        {importance && (
          <div>
            <h4>Feature importance (gain)</h4>
            <Chart
              option={importance}
              label="Feature importance by gain"
              height={420}
              testId="importance-chart"
            />
          </div>
        )}
        {permutation && (
          <div>
            <h4>Permutation importance (validation)</h4>
            <Chart
              option={permutation}
              label="Permutation importance on the validation window"
              height={420}
              testId="permutation-chart"
            />
          </div>
        )}
        {loss && (
          <div>
            <h4>Loss</h4>
            <Chart option={loss} label="Training and validation loss" height={300} testId="loss-chart" />
          </div>
        )}
      </div>
    </div>
  );
}
