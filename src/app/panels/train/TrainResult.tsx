/** The result of a training run (or a saved model's metrics.json): metric cards against the baseline, per-symbol table, charts. */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { confusionOption } from '../../../charts/confusion';
import { importanceOption } from '../../../charts/importance';
import type { EvaluationJson, ModelMetricsJson } from '../../../core/train/metrics-json';
import { Unavailable } from '../models/Unavailable';
import { LossArea } from './LossArea';
import { backendLabel } from './train-view';

const fmt = (v: unknown, d = 4) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');
const numbers = (xs: (number | null)[]) => xs.map((x) => x ?? NaN);
const numberMap = (r: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? NaN]));

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
const cardsOf = (task: string) => (task === 'regression' ? REG_CARDS : CLASS_CARDS);

export function MetricCards({ block, task }: { block: EvaluationJson; task: string }) {
  const m: Record<string, unknown> = block.metrics;
  const b: Record<string, unknown> = block.baseline ?? {};
  return (
    <div className="kpis" role="list" aria-label="Validation metrics">
      {cardsOf(task).map(([key, label]) => (
        <div className="kpi" role="listitem" key={key} data-testid={`metric-${key}`}>
          <div className="kpi-label">{label}</div>
          <div className="kpi-value">{fmt(m[key])}</div>
          <div className="kpi-sub">{block.baseline ? `baseline ${fmt(b[key])}` : 'no baseline'}</div>
        </div>
      ))}
    </div>
  );
}

function PerSymbolTable({ metrics }: { metrics: ModelMetricsJson }) {
  const perSymbol = metrics.validation_per_symbol;
  if (!perSymbol)
    return <Unavailable what="Validation per symbol" reason={metrics.validation_per_symbol_unavailable} />;
  if (Object.keys(perSymbol).length <= 1) return null;
  const cards = cardsOf(metrics.model.task);
  return (
    <table aria-label="Validation per symbol">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Rows</th>
          {cards.map(([, l]) => (
            <th key={l}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Object.entries(perSymbol).map(([sym, blk]) => (
          <tr key={sym}>
            <td>{sym}</td>
            <td>{blk.rows}</td>
            {cards.map(([k]) => (
              <td key={k}>{fmt((blk.metrics as Record<string, unknown>)[k])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line on how the model was fitted and evaluated; says what the metrics.json lacks. */
function Summary({ metrics }: { metrics: ModelMetricsJson }) {
  const v = metrics.validation;
  return (
    <>
      <p className="help">
        {metrics.label.description}. {metrics.split ? `${metrics.split.description}. ` : ''}
        {v.window ? `Validated on ${v.window} (${v.rows} rows). ` : ''}
        Trained on {backendLabel(metrics.backend)}
        {metrics.timings ? ` in ${metrics.timings.fit_s.toFixed(2)} s` : ''} ({metrics.iterations}{' '}
        iterations).{v.baselineName ? ` Baseline: ${v.baselineName}.` : ''}
      </p>
      {!metrics.split && <Unavailable what="Train/validation split" reason={metrics.split_unavailable} />}
      {!metrics.timings && <Unavailable what="Timings" reason={metrics.timings_unavailable} />}
      {!v.baseline && <Unavailable what="Validation baseline" reason={v.baseline_unavailable} />}
    </>
  );
}

export function TrainResult({ metrics }: { metrics: ModelMetricsJson }) {
  const { importance: imp, history } = metrics;
  const conf = metrics.validation.metrics.confusion;
  const charts = useMemo(
    () => ({
      importance: imp.gain ? importanceOption(numberMap(imp.gain), 'gain') : null,
      permutation: imp.permutation
        ? importanceOption(numberMap(imp.permutation.mean), `drop in ${imp.permutation.scorer}`)
        : null,
      confusion:
        conf && conf.nClasses
          ? confusionOption(numbers(conf.counts), conf.nClasses, metrics.label.classes)
          : null,
    }),
    [imp, conf, metrics.label.classes],
  );
  return (
    <div className="card" data-testid="train-result">
      <h3>
        Model <code data-testid="trained-model-id">{metrics.model_id}</code>
      </h3>
      <Summary metrics={metrics} />
      <MetricCards block={metrics.validation} task={metrics.model.task} />
      {metrics.validation.excluded_reason && (
        <p className="hint" data-testid="excluded-rows">
          {metrics.validation.excluded_reason}
        </p>
      )}
      <PerSymbolTable metrics={metrics} />
      {!imp.gain && <Unavailable what="Gain importance" reason={imp.gain_unavailable} />}
      {!imp.permutation && <Unavailable what="Permutation importance" reason={imp.permutation_unavailable} />}
      <div className="charts2">
        {charts.confusion && (
          <div>
            <h4>Confusion matrix (validation)</h4>
            <Chart
              option={charts.confusion}
              label="Confusion matrix of validation predictions"
              height={300}
              testId="confusion-chart"
            />
          </div>
        )}
        {charts.importance && (
          <div>
            <h4>Feature importance (gain)</h4>
            <Chart
              option={charts.importance}
              label="Feature importance by gain"
              height={420}
              testId="importance-chart"
            />
          </div>
        )}
        {charts.permutation && (
          <div>
            <h4>Permutation importance (validation)</h4>
            <Chart
              option={charts.permutation}
              label="Permutation importance on the validation window"
              height={420}
              testId="permutation-chart"
            />
          </div>
        )}
        <LossArea history={history} title="Loss" label="Training and validation loss" testId="loss-chart" />
      </div>
    </div>
  );
}
