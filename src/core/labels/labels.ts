/**
 * Labels from forward returns over a horizon of h bars (`target_horizon`):
 *   - 'binary':     1 when close[t+h] / close[t] - 1 > 0, else 0 (exactly the seed's label);
 *   - 'ternary':    SELL = 0, HOLD = 1, BUY = 2 on the same simple forward return r:
 *                   BUY when r > threshold, SELL when r < -threshold, HOLD when |r| <= threshold;
 *   - 'regression': the forward log return log(close[t+h] / close[t]).
 * The last h bars have no future close: their label is NaN and they are never trained on.
 * Label t needs bars t+1..t+h, so it is known only once bar t+h has closed.
 */
import { InputError } from '../errors';

export type LabelKind = 'binary' | 'ternary' | 'regression';

export interface LabelSpec {
  kind: LabelKind;
  /** forward horizon h in bars (>= 1) */
  horizon: number;
  /** ternary only: HOLD band on the simple forward return; default DEFAULT_TERNARY_THRESHOLD */
  threshold?: number;
}

/**
 * Default HOLD band for 'ternary': 0.5%. On the hourly BTC/USDT sample with h = 12 it
 * splits the bars into roughly equal thirds (BUY 36%, HOLD 32%, SELL 33%), and it is
 * above the round trip cost of the default fees + slippage (2 x (5 + 5) bps = 0.2%),
 * so a BUY label means a move a trade could have kept after costs.
 */
export const DEFAULT_TERNARY_THRESHOLD = 0.005;

/** Class indices for 'ternary' (ordered by return, so argmax is interpretable). */
export const TERNARY_CLASSES = ['SELL', 'HOLD', 'BUY'] as const;
export const BINARY_CLASSES = ['DOWN', 'UP'] as const;

export interface LabelInfo {
  kind: LabelKind;
  horizon: number;
  /** the threshold in use (ternary only) */
  threshold?: number;
  /** 2 for binary, 3 for ternary, 1 for regression */
  nClasses: number;
  /** class names by index; empty for regression */
  classNames: string[];
  /** a one-line human description, e.g. for metrics.json and the UI */
  description: string;
}

export interface LabelSeries extends LabelInfo {
  /** per bar: class index or log return; NaN for the last h bars */
  y: Float64Array;
  /** per bar: the simple forward return close[t+h] / close[t] - 1; NaN for the last h bars */
  forwardReturn: Float64Array;
  /** bars with a label (rows - h for finite closes, never below 0) */
  labeledRows: number;
}

/** The label definition with defaults filled in and checked. Throws on bad input. */
export function describeLabel(spec: LabelSpec): LabelInfo {
  const { kind, horizon } = spec;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new InputError('target_horizon', `horizon must be an integer >= 1, got ${horizon}`);
  if (kind === 'binary') {
    return {
      kind,
      horizon,
      nClasses: 2,
      classNames: [...BINARY_CLASSES],
      description: `binary: UP (1) when close[t+${horizon}] / close[t] - 1 > 0, else DOWN (0)`,
    };
  }
  if (kind === 'ternary') {
    const threshold = spec.threshold ?? DEFAULT_TERNARY_THRESHOLD;
    if (!(threshold >= 0 && Number.isFinite(threshold)))
      throw new InputError('label_threshold', `threshold must be >= 0, got ${threshold}`);
    return {
      kind,
      horizon,
      threshold,
      nClasses: 3,
      classNames: [...TERNARY_CLASSES],
      description:
        `ternary over r = close[t+${horizon}] / close[t] - 1: BUY (2) when r > ${threshold}, ` +
        `SELL (0) when r < -${threshold}, else HOLD (1)`,
    };
  }
  if (kind === 'regression') {
    return {
      kind,
      horizon,
      nClasses: 1,
      classNames: [],
      description: `regression: log(close[t+${horizon}] / close[t])`,
    };
  }
  throw new InputError('label_kind', `unknown label kind ${String(kind)}: use 'binary' or 'ternary'`);
}

/** Labels for one symbol's closes. */
export function makeLabels(close: Float64Array, spec: LabelSpec): LabelSeries {
  const info = describeLabel(spec);
  const h = info.horizon;
  const n = close.length;
  const y = new Float64Array(n).fill(NaN);
  const forwardReturn = new Float64Array(n).fill(NaN);
  const last = n - h; // bars [last, n) have no label
  const th = info.threshold ?? 0;
  let labeledRows = 0;
  for (let t = 0; t < last; t++) {
    const r = close[t + h] / close[t] - 1;
    forwardReturn[t] = r;
    if (r !== r) continue; // NaN close: no label
    labeledRows++;
    if (info.kind === 'binary') y[t] = r > 0 ? 1 : 0;
    else if (info.kind === 'ternary') y[t] = r > th ? 2 : r < -th ? 0 : 1;
    else y[t] = Math.log(close[t + h] / close[t]);
  }
  return { ...info, y, forwardReturn, labeledRows };
}
