/**
 * The `ensemble` section of a model's metrics.json: each member's validation metrics beside the
 * ensemble's (same rows, same metric code as the model's `validation`), the combiner's weights
 * or meta-model, and the Pearson correlation matrix of the members' validation predictions (for
 * classification the probability of the last class: up / BUY; for regression the prediction).
 * Other kinds write `ensemble: null` with `ensemble_unavailable` (ENSEMBLE_UNAVAILABLE).
 */
import type { Predictions } from '../types';
import type { EnsembleModel } from './model';

export interface EnsembleMemberReportJson {
  kind: string;
  seed: number;
  params: Record<string, unknown>;
  source_model_id: string | null;
  /** validation metrics of the member alone (names of src/core/models/metrics; NaN as null) */
  validation: Record<string, number | null>;
}

export interface EnsembleReportJson {
  combiner: string;
  /** mean / weights: one weight per member; stacking: [] */
  weights: number[];
  /** stacking: the meta-model (row-major nOut x nIn over the members' log-odds or predictions) */
  meta: { coef: number[]; intercept: number[] } | null;
  /** how the combiner learnt (the out-of-fold scheme), in words */
  scheme: string;
  members: EnsembleMemberReportJson[];
  /** validation metrics of the ensemble (the same as the model's validation.metrics) */
  ensemble_validation: Record<string, number | null>;
  /** correlations[i][j]: Pearson correlation of member i's and member j's validation predictions */
  correlations: (number | null)[][];
  /** what the correlations are computed on */
  correlation_of: string;
}

export const ENSEMBLE_UNAVAILABLE = 'this model is not an ensemble';

const SCHEME: Record<string, string> = {
  mean: 'the plain mean of the members (nothing fitted)',
  weights:
    'simplex weights fitted on an inner validation tail of the training window (the members fitted on the bars before it, the label horizon purged)',
  stacking:
    'a meta-model fitted only on out-of-fold predictions: purged forward chaining over K blocks of the training window (each block predicted by members fitted on the bars before it, the label horizon purged)',
};

function pearson(a: Float64Array, b: Float64Array): number | null {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

/** The score each correlation uses: P(last class) or the regression prediction. */
export function predictionScore(p: Predictions): Float64Array {
  const out = new Float64Array(p.rows);
  for (let r = 0; r < p.rows; r++) out[r] = p.values[r * p.nClasses + p.nClasses - 1];
  return out;
}

export function correlationMatrix(preds: Predictions[]): (number | null)[][] {
  const s = preds.map(predictionScore);
  return s.map((a) => s.map((b) => pearson(a, b)));
}

const finite = (m: object): Record<string, number | null> =>
  Object.fromEntries(
    Object.entries(m)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => [k, Number.isFinite(v) ? (v as number) : null]),
  );

/** The section, given the members' validation predictions and a metric function (the job's). */
export function ensembleReport(
  model: EnsembleModel,
  memberPreds: Predictions[],
  metricsOf: (p: Predictions) => object,
  ensembleMetrics: object,
): EnsembleReportJson {
  const s = model.state;
  return {
    combiner: s.combiner,
    weights: s.weights,
    meta: s.coef && s.intercept ? { coef: s.coef, intercept: s.intercept } : null,
    scheme: SCHEME[s.combiner],
    members: model.params.members.map((m, i) => ({
      kind: m.kind,
      seed: m.seed,
      params: m.params,
      source_model_id: m.source_model_id ?? null,
      validation: finite(metricsOf(memberPreds[i])),
    })),
    ensemble_validation: finite(ensembleMetrics),
    correlations: correlationMatrix(memberPreds),
    correlation_of:
      model.task === 'regression'
        ? "the members' predictions on the validation rows"
        : "the members' probability of the last class on the validation rows",
  };
}
