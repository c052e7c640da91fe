/**
 * Types of the live loop: a closed bar, one decision per bar (what the ledger stores), and the
 * engine's checkpoint (what a session resumes from). JSON-friendly: no NaN (null instead), no
 * typed arrays except inside the serialized model.
 */
import type { SerializedModel } from '../models/types';
import type { Scaler } from '../split/scaler';

/** One closed OHLCV bar; `time` is its open time (ms UTC), as in the rest of the app. */
export interface LiveBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A paper fill: decided at the close of `decision_time`, filled at `time` (next open or that close). */
export interface LiveFill {
  time: number;
  decision_time: number;
  /** signed quantity (> 0 buys) */
  quantity: number;
  /** fill price, slippage included */
  price: number;
  fee: number;
  slippage: number;
}

/** What the live loop decided at the close of one bar, with its inputs. */
export interface LiveDecision {
  /** bar open time (ms UTC) */
  time: number;
  open: number;
  close: number;
  /** walk-forward fold whose model predicted this bar; -1 before the first fold */
  fold: number;
  /** true when the model was retrained on this bar's fold (at its first bar) */
  retrained: boolean;
  /** P(up) / P(BUY), or the predicted return for regression; null when nothing was predicted */
  signal: number | null;
  /** the raw model output (class probabilities, or the log return) */
  values: number[] | null;
  /** the feature row the model saw (unscaled), by name; null when not every feature was defined */
  features: Record<string, number> | null;
  /** target position decided at this close (fraction of equity; 1 long, 0 flat, -1 short) */
  target: number;
  /** fills made on this bar (at its open for the previous decision, or at its close) */
  fills: LiveFill[];
  /**
   * the bar whose label was revealed and learned online at this close, if any (a neural kind
   * learns a batch of revealed labels in one step: the newest of them)
   */
  online_update: number | null;
  cash: number;
  quantity: number;
  /** cash + quantity x close */
  equity: number;
  /** quantity x close / equity */
  position: number;
  /** what holding the symbol from the session's first bar would be worth (no costs) */
  buy_and_hold: number;
}

/** The engine's state after its last bar: enough to continue bar for bar from it. */
export interface EngineCheckpoint {
  version: 1;
  origin_ms: number;
  first_slot: number;
  fold: { index: number; test_start: number; test_end: number } | null;
  model: SerializedModel | null;
  scaler: Scaler | null;
  /** previous target (the signal's kept state) */
  target: number;
  /** decision waiting for the next open (next_open fills) */
  pending: number | null;
  /** fill state: cash, quantity, held target, fees, slippage, notional */
  fill_state: number[];
  last_time: number;
  bars_done: number;
  online_updates: number;
  first_open: number | null;
  /**
   * a neural model's online fine-tuning: bar times of the test rows awaiting their label and
   * of the revealed rows awaiting a full batch (absent in older checkpoints)
   */
  fine_tune?: { waiting: number[]; revealed: number[] } | null;
  /** the model's seeded dropout layers' step counters (see live/fine-tune.ts) */
  dropout_steps?: number[] | null;
}
