/**
 * LiveEngine: the walk-forward continued into the present, one closed bar at a time.
 *
 * The engine holds a symbol's closed bars (BarBuffer) and, for every new closed bar t, does what
 * the walk-forward backtest does for the same bar, through the backtest's own code:
 *   1. next_open fills: the decision of bar t-1 fills at the open of t (backtest/simulate execute);
 *   2. the fold schedule (backtest/folds planFolds on the time grid, anchored at the first usable
 *      bar like planWalkForward): at the first bar of a new test window the model is refitted on
 *      that fold's training rows (refit.ts: walkforward/plan foldRows for the purge,
 *      walkforward/fold fitFold for scaler and model, neural kinds warm-started along the fold
 *      chain); a session that starts, or wakes, inside a window fits that window's model and
 *      replays its online updates up to the last bar;
 *   3. features of bar t (features/compute, causal), scaled with the fold's scaler, predicted;
 *      sequence models (lstm, transformer) get the last L bars' rows as context, as the
 *      walk-forward's test rows get the L - 1 rows before them (no prediction across a gap or
 *      an undefined feature row);
 *   4. online models (sgdc, sgdr): after predicting, the label of bar t-h is learned when that
 *      bar is a test row of the current fold (walkforward/online's rule); neural kinds (mlp,
 *      lstm, transformer) fine-tune in batches of revealed labels at the same bars as the
 *      walk-forward's online-neural.ts (fine-tune.ts, through the same RevealBatches);
 *   5. signal (backtest/signals classificationStep / regressionStep, the same thresholds);
 *   6. close fills at the close of t; equity at the close of t.
 * So replaying bars gives, bar for bar, the walk-forward's predictions and the simulation's
 * fills and equity (src/core/live/parity.test.ts). The session never liquidates at the end
 * (the backtest sells at its last close; a live session has no last bar).
 */
import { classificationStep, regressionStep, roundTripCost } from '../backtest/signals';
import { planFolds, type Fold } from '../backtest/folds';
import { CASH, HELD, QTY, STATE_SIZE, execute, fillCosts } from '../backtest/simulate';
import type { Bars } from '../data/bars';
import { computeFeatures } from '../features/compute';
import { FeatureBuffers } from '../features/buffers';
import { DEFAULT_FEATURE_SET } from '../features/registry';
import { makeLabels } from '../labels/labels';
import { MODEL_INFO } from '../models/catalog';
import { disposeModel, isOnlineModel, restoreModel, sequenceHistory } from '../models/registry';
import { NeuralModel } from '../models/tf';
import type { Matrix, Model } from '../models/types';
import { buildDataset } from '../split/dataset';
import { inferBarMs } from '../split/windows';
import { transform, type Scaler } from '../split/scaler';
import { signalOf } from '../walkforward/fold-metrics';
import { gridSlots } from '../walkforward/grid';
import { ONLINE_NEURAL_BATCH } from '../walkforward/online-neural';
import { labelSpecOf } from '../walkforward/plan';
import { resolveRequest } from '../walkforward/request';
import type { ResolvedWalkForwardRequest, WalkForwardRequest } from '../walkforward/types';
import { DataError, InputError } from '../errors';
import { BarBuffer } from './bar-buffer';
import { FeaturesAhead } from './features-ahead';
import {
  dropoutSteps,
  LiveFineTune,
  restoreAdamPowers,
  setDropoutSteps,
  type FineTuneState,
} from './fine-tune';
import { refitLive } from './refit';
import type { EngineCheckpoint, LiveBar, LiveDecision, LiveFill } from './types';

export interface LiveEngineOptions {
  /** the walk-forward settings (model config, windows, thresholds, costs); one symbol */
  request: WalkForwardRequest;
  /** closed bars before the first live bar: at least the training window and the warm-up */
  history: Bars;
  /** bar size (default: inferred from the history) */
  barMs?: number;
  /** bars kept beyond what a retrain needs (default 4,000: EMA seeds weigh < 1e-17 by then) */
  margin?: number;
  /** continue from a checkpoint instead of starting flat */
  checkpoint?: EngineCheckpoint;
  /**
   * instrumentation: a neural model's online fine-tuning step at the close of bar `at`, on the
   * revealed rows `rows` (bar open times), including the steps replayed by a refit
   */
  onFineTune?: (e: { at: number; rows: number[] }) => void;
}

/** Bars an EMA of the longest default span (200) needs before its seed weighs nothing in a double. */
export const DEFAULT_MARGIN = 4000;

export class LiveEngine {
  readonly request: ResolvedWalkForwardRequest;
  readonly barMs: number;
  readonly bars: BarBuffer;
  private readonly origin: number;
  private readonly firstSlot: number;
  private fold: Fold | null = null;
  private model: Model | null = null;
  private scaler: Scaler | null = null;
  private target = 0;
  private pending: number | null = null;
  private readonly st = new Float64Array(STATE_SIZE);
  private readonly costs;
  private barsDone = 0;
  /** rows before the predicted one a sequence model reads (L - 1; 0 for the other kinds) */
  private readonly context: number;
  /** features of a batch of bars about to be stepped, computed once (prime) */
  private readonly features: FeaturesAhead;
  private onlineUpdates = 0;
  /** a neural model's online fine-tuning in the current fold (null when it does not apply) */
  private tune: LiveFineTune | null = null;
  private readonly onFineTune?: LiveEngineOptions['onFineTune'];
  private firstOpen: number | null = null;
  /** true when the model changed since the last checkpoint (retrain or online update) */
  modelDirty = false;

  private constructor(o: LiveEngineOptions, barMs: number, origin: number, firstSlot: number) {
    this.barMs = barMs;
    this.request = resolveRequest(o.request, barMs);
    const r = this.request;
    if (r.symbols.length !== 1) throw new InputError('symbols', 'A live session trades one symbol.');
    if (r.accounting !== 'fills')
      throw new InputError(
        'accounting',
        "Live sessions keep the fills accounting; 'seed' is for comparisons.",
      );
    if (r.pooled) throw new InputError('pooled', 'A live session has one symbol; pooled does not apply.');
    const retention =
      r.train_bars + Math.max(r.test_bars, r.step_bars) + 2 * r.model.target_horizon + r.embargo_bars;
    this.bars = BarBuffer.from(o.history, retention + (o.margin ?? DEFAULT_MARGIN));
    this.context = sequenceHistory(r.model.kind, r.model.params);
    const featureOptions = { featureSet: r.model.feature_set ?? DEFAULT_FEATURE_SET, warmup: r.warmup };
    // every bar's frame is written over the last one's (a step is done with its frame before the
    // next step or prime computes another), so the columns are not faulted in afresh on every bar
    const out = new FeatureBuffers();
    this.features = new FeaturesAhead((bars) => computeFeatures(bars, { ...featureOptions, out }));
    this.origin = origin;
    this.firstSlot = firstSlot;
    this.costs = fillCosts(r.fees_bps, r.slippage_bps);
    this.st[CASH] = r.initial_capital;
    this.onFineTune = o.onFineTune;
  }

  /** Whether the model fine-tunes online in batches (a neural kind with `online`). */
  private get neuralOnline(): boolean {
    return this.request.online && MODEL_INFO[this.request.model.kind].family === 'neural';
  }

  private newTune(state?: FineTuneState): LiveFineTune {
    const r = this.request;
    return new LiveFineTune(r, this.context, r.online_batch ?? ONLINE_NEURAL_BATCH, state);
  }

  /** Bars a session keeps: a retrain's training window, a test window, the horizon, the margin. */
  static retention(request: WalkForwardRequest, barMs: number, margin = DEFAULT_MARGIN): number {
    const r = resolveRequest(request, barMs);
    return (
      r.train_bars + Math.max(r.test_bars, r.step_bars) + 2 * r.model.target_horizon + r.embargo_bars + margin
    );
  }

  /** A new engine on its history (the grid and the fold schedule are anchored there), or resumed from a checkpoint. */
  static async create(o: LiveEngineOptions): Promise<LiveEngine> {
    const barMs = o.barMs ?? inferBarMs(o.history.time);
    const cp = o.checkpoint;
    let origin: number;
    let firstSlot: number;
    if (cp) {
      origin = cp.origin_ms;
      firstSlot = cp.first_slot;
    } else {
      origin = o.history.time[0];
      const req = resolveRequest(o.request, barMs);
      const ds = buildDataset({
        barsBySymbol: [o.history],
        featureSet: req.model.feature_set ?? DEFAULT_FEATURE_SET,
        label: labelSpecOf(req),
        warmup: req.warmup,
        barMs,
      });
      if (ds.X.rows === 0)
        throw new DataError(
          'too-few-rows',
          `${o.history.symbol}: no usable row in the history; load more bars.`,
        );
      firstSlot = (o.history.time[ds.barIndex[0]] - origin) / barMs;
    }
    gridSlots(o.history.symbol, o.history.time, origin, barMs); // throws when a bar is off the grid
    const e = new LiveEngine(o, barMs, origin, firstSlot);
    if (cp) await e.restore(cp);
    return e;
  }

  private async restore(cp: EngineCheckpoint): Promise<void> {
    if (cp.fold) {
      const f = planFolds(this.foldOptions(cp.fold.test_end)).find((x) => x.index === cp.fold!.index);
      this.fold = f ?? null;
    }
    this.model = cp.model ? await restoreModel(cp.model) : null;
    if (this.model instanceof NeuralModel && this.neuralOnline) {
      // a model that keeps training: its dropout masks and Adam state where the session left them
      if (cp.dropout_steps) setDropoutSteps(this.model, cp.dropout_steps);
      restoreAdamPowers(this.model);
    }
    this.tune = this.neuralOnline && this.model ? this.newTune(cp.fine_tune ?? undefined) : null;
    this.scaler = cp.scaler;
    this.target = cp.target;
    this.pending = cp.pending;
    this.st.set(cp.fill_state);
    this.barsDone = cp.bars_done;
    this.onlineUpdates = cp.online_updates;
    this.firstOpen = cp.first_open;
  }

  get lastTime(): number {
    return this.bars.lastTime;
  }

  get currentFold(): number {
    return this.fold?.index ?? -1;
  }

  get modelKind(): string {
    return this.request.model.kind;
  }

  /** The state after the last bar (serializes the model only when `withModel`). */
  checkpoint(withModel = true): EngineCheckpoint {
    return {
      version: 1,
      origin_ms: this.origin,
      first_slot: this.firstSlot,
      fold: this.fold
        ? { index: this.fold.index, test_start: this.fold.testStart, test_end: this.fold.testEnd }
        : null,
      model: withModel && this.model ? this.model.serialize() : null,
      scaler: this.scaler,
      target: this.target,
      pending: this.pending,
      fill_state: Array.from(this.st),
      last_time: this.lastTime,
      bars_done: this.barsDone,
      online_updates: this.onlineUpdates,
      first_open: this.firstOpen,
      fine_tune: this.tune ? this.tune.state() : null,
      dropout_steps: this.model instanceof NeuralModel ? dropoutSteps(this.model) : null,
    };
  }

  /** The current model, serialized (for `<model_id>_updated_<timestamp>`), with its scaler. */
  currentModel(): {
    serialized: ReturnType<Model['serialize']>;
    scaler: Scaler;
    fold: number;
    onlineUpdates: number;
  } | null {
    if (!this.model || !this.scaler) return null;
    return {
      serialized: this.model.serialize(),
      scaler: this.scaler,
      fold: this.currentFold,
      onlineUpdates: this.onlineUpdates,
    };
  }

  dispose(): void {
    if (this.model) disposeModel(this.model);
    this.model = null;
  }

  private foldOptions(endSlot: number) {
    const r = this.request;
    return {
      firstRow: this.firstSlot,
      endRow: endSlot,
      trainBars: r.train_bars,
      testBars: r.test_bars,
      step: r.step_bars,
      expanding: r.expanding,
      horizon: r.model.target_horizon,
      embargo: r.embargo_bars,
    };
  }

  /** The planned folds up to the one whose test window holds slot g. */
  private foldsTo(g: number): Fold[] {
    const r = this.request;
    if (g < this.firstSlot + r.train_bars) return [];
    return planFolds(this.foldOptions(g + r.test_bars + 1));
  }

  /** The latest fold whose test window holds slot g (the freshest model, as assembleBacktest picks). */
  private foldAt(folds: Fold[], g: number): Fold | null {
    for (let i = folds.length - 1; i >= 0; i--)
      if (folds[i].testStart <= g && g < folds[i].testEnd) return folds[i];
    return null;
  }

  /**
   * Announce the closed bars about to be stepped, in order (a backfill, a replay): their
   * features are computed in one pass instead of once per bar; the decisions are the same.
   */
  prime(next: LiveBar[]): void {
    this.features.prime(this.bars.view(), this.bars.base, next);
  }

  /** Process one newly closed bar (strictly after the last one). */
  async step(bar: LiveBar): Promise<LiveDecision> {
    if (!(bar.time > this.lastTime))
      throw new DataError(
        'bad-timestamps',
        `bar ${new Date(bar.time).toISOString()} is not after the last processed bar`,
      );
    const r = this.request;
    this.bars.push(bar);
    const view = this.bars.view();
    const n = view.time.length;
    const t = n - 1;
    const g = (bar.time - this.origin) / this.barMs;
    if (!Number.isInteger(g))
      throw new DataError(
        'bad-timestamps',
        `bar ${new Date(bar.time).toISOString()} is not on the session's grid of ${this.barMs} ms bars`,
      );
    const fills: LiveFill[] = [];
    const log = {
      push: (_b: number, _d: number, quantity: number, price: number, fee: number, slippage: number) => {
        fills.push({ time: bar.time, decision_time: 0, quantity, price, fee, slippage });
      },
    };
    this.firstOpen ??= bar.open;
    const nextOpen = r.fill === 'next_open';

    // 1. the previous close's decision fills at this open
    if (nextOpen && this.pending !== null) {
      const w = this.pending;
      const decided = t > 0 ? view.time[t - 1] : bar.time;
      if (w !== this.st[HELD]) execute(this.st, log, this.costs, t, t - 1, bar.open, w);
      for (const f of fills) f.decision_time = decided;
    }

    // features of the held bars (causal: row t sees bars up to t only)
    const frame = this.features.frameAt(view, this.bars.base, t);
    const cols = frame.columns.length;

    // 2. the fold schedule: refit at a new window
    const folds = this.foldsTo(g);
    const fold = this.foldAt(folds, g);
    let retrained = false;
    if (fold && (!this.fold || fold.index !== this.fold.index)) {
      const slots = gridSlots(view.symbol, view.time, this.origin, this.barMs);
      await this.refit(view, slots, frame.columns, frame.valid, folds, fold, t);
      retrained = true;
    } else if (!fold) this.setFold(null);

    // 3. prediction of bar t (sequence models: from the last L rows)
    let signal = NaN;
    let values: number[] | null = null;
    let features: Record<string, number> | null = null;
    if (frame.valid[t])
      features = Object.fromEntries(frame.names.map((name, j) => [name, frame.columns[j][t]]));
    const out = this.predictAt(view.time, frame.columns, frame.valid, t);
    if (out) {
      const K = this.model!.task === 'regression' ? 1 : this.model!.nClasses;
      signal = signalOf(out, K, 0);
      if (!Number.isNaN(signal)) values = Array.from(out.subarray(0, K));
    }

    // 4. online: the label of bar t - h, revealed at this close, if it is a test row of this fold;
    // a neural model: the labels due at this test row, learned once a batch of them waits
    let onlineUpdate: number | null = null;
    if (r.online && this.model && isOnlineModel(this.model) && this.fold) {
      const j = t - r.model.target_horizon;
      if (this.learnable(j, view.time, frame.valid, this.fold)) {
        this.learn(view, frame.columns, j, t, cols);
        onlineUpdate = view.time[j];
      }
    } else if (this.tune && this.fold && this.learnable(t, view.time, frame.valid, this.fold)) {
      const rows = await this.fineTune(view, frame.columns, frame.valid, t);
      if (rows) onlineUpdate = rows[rows.length - 1];
    }

    // 5. the signal, with the backtest's thresholds and rules
    if (r.model.task === 'regression') {
      const hurdle = r.hurdle ?? roundTripCost(r.fees_bps, r.slippage_bps);
      this.target = regressionStep(signal, hurdle, 1, r.long_short);
    } else {
      this.target = classificationStep(
        this.target,
        signal,
        r.buy_threshold,
        r.sell_threshold,
        1,
        r.long_short ? -1 : 0,
        r.strict_thresholds,
      );
    }

    // 6. fills at this close, or pending for the next open; equity at market
    if (nextOpen) this.pending = this.target;
    else if (this.target !== this.st[HELD]) {
      const before = fills.length;
      execute(this.st, log, this.costs, t, t, bar.close, this.target);
      for (let i = before; i < fills.length; i++) fills[i].decision_time = bar.time;
    }
    const q = this.st[QTY];
    const cash = this.st[CASH];
    const equity = cash + q * bar.close;
    this.barsDone++;
    return {
      time: bar.time,
      open: bar.open,
      close: bar.close,
      fold: this.currentFold,
      retrained,
      signal: Number.isNaN(signal) ? null : signal,
      values,
      features,
      target: this.target,
      fills,
      online_update: onlineUpdate,
      cash,
      quantity: q,
      equity,
      position: q === 0 ? 0 : (q * bar.close) / equity,
      buy_and_hold: (r.initial_capital / this.firstOpen) * bar.close,
    };
  }

  private setFold(f: Fold | null): void {
    if (this.model && (!f || f.index !== this.fold?.index)) {
      disposeModel(this.model);
      this.model = null;
      this.scaler = null;
      this.tune = null;
      this.modelDirty = true;
    }
    this.fold = f;
  }

  /** The neural model's fine-tuning at test row t of the current fold: the rows trained on, if a step was taken. */
  private async fineTune(
    view: Bars,
    columns: Float64Array[],
    valid: Uint8Array,
    t: number,
  ): Promise<number[] | null> {
    const rows = await this.tune!.at(this.model as NeuralModel, this.scaler!, view, columns, valid, t);
    if (!rows) return null;
    this.onlineUpdates += rows.length;
    this.modelDirty = true;
    this.onFineTune?.({ at: view.time[t], rows });
    return rows;
  }

  /**
   * Fit the fold's model on its training rows (warm-started from the previous fold's where the
   * walk-forward does); inside the window, replay the online updates so far.
   */
  private async refit(
    view: Bars,
    slots: Int32Array,
    columns: Float64Array[],
    valid: Uint8Array,
    folds: Fold[],
    fold: Fold,
    t: number,
  ): Promise<void> {
    const r = this.request;
    const h = r.model.target_horizon;
    const prev = this.model;
    this.model = null;
    this.scaler = null;
    this.tune = null;
    this.fold = fold;
    this.modelDirty = true;
    let fitted;
    try {
      fitted = await refitLive({
        request: r,
        view,
        slots,
        barMs: this.barMs,
        fold,
        earlier: folds.filter((f) => f.index < fold.index),
        init: prev,
        // a replayed chain: each earlier fold fine-tunes over its test window before the next starts from it
        ...(this.neuralOnline
          ? {
              afterFit: async (f: Fold, fit: { model: Model; scaler: Scaler }) => {
                if (!(fit.model instanceof NeuralModel)) return;
                const tune = this.newTune();
                for (let q = 0; q < t; q++)
                  if (this.learnable(q, view.time, valid, f)) {
                    const rows = await tune.at(fit.model, fit.scaler, view, columns, valid, q);
                    if (rows) this.onFineTune?.({ at: view.time[q], rows });
                  }
              },
            }
          : {}),
      });
    } finally {
      if (prev) disposeModel(prev);
    }
    if (!fitted) return; // no training rows: this window is traded flat
    this.model = fitted.model;
    this.scaler = fitted.scaler;
    if (this.neuralOnline && this.model instanceof NeuralModel) {
      // bars of this window before t (a session that starts or wakes mid-window): their fine-tuning
      this.tune = this.newTune();
      for (let q = 0; q < t; q++)
        if (this.learnable(q, view.time, valid, fold)) await this.fineTune(view, columns, valid, q);
      return;
    }
    if (!(r.online && isOnlineModel(this.model))) return;
    // bars of this window before t (a session that starts or wakes mid-window): their reveals
    for (let q = 0; q < t; q++) {
      if (slots[q] < fold.testStart) continue;
      const j = q - h;
      if (this.learnable(j, view.time, valid, fold)) this.learn(view, columns, j, q, columns.length);
    }
  }

  /**
   * The model's output for bar t: from its feature row, or for a sequence model from rows
   * t-L+1..t (none when one of them is undefined or the bars are not consecutive on the grid,
   * as the walk-forward's sequences never cross a missing row).
   */
  private predictAt(
    time: Float64Array,
    columns: Float64Array[],
    valid: Uint8Array,
    t: number,
  ): Float64Array | null {
    if (!this.model || !this.scaler) return null;
    const a = t - this.context;
    if (a < 0) return null;
    for (let i = a; i <= t; i++) if (!valid[i]) return null;
    const X = this.scaledRows(columns, a, t + 1);
    const K = this.model.task === 'regression' ? 1 : this.model.nClasses;
    if (this.context === 0) return this.model.predict(X).values.subarray(0, K);
    const out = this.model.predict(X, {
      groups: new Int32Array(t + 1 - a),
      time: time.subarray(a, t + 1),
      barMs: this.barMs,
    }).values;
    return out.subarray(this.context * K, (this.context + 1) * K);
  }

  /** Row j is a test row of the fold (defined features, in the window); its label is known at bar j + h. */
  private learnable(j: number, time: Float64Array, valid: Uint8Array, fold: Fold): boolean {
    if (j < 0 || valid[j] !== 1) return false;
    const slot = (time[j] - this.origin) / this.barMs;
    return slot >= fold.testStart && slot < fold.testEnd;
  }

  private learn(view: Bars, columns: Float64Array[], j: number, at: number, cols: number): void {
    const h = this.request.model.target_horizon;
    const y = makeLabels(view.close.subarray(j, at + 1), labelSpecOf(this.request)).y[0];
    if (at !== j + h || !(y === y)) return;
    (this.model as import('../models/registry').OnlineModel).partialFit(
      this.scaledRows(columns, j, j + 1, cols),
      Float64Array.of(y),
    );
    this.onlineUpdates++;
    this.modelDirty = true;
  }

  /** Rows [a, b) of the feature columns, scaled with the fold's scaler. */
  private scaledRows(columns: Float64Array[], a: number, b: number, cols = columns.length): Matrix {
    const raw: Matrix = {
      rows: b - a,
      cols,
      columns: Array.from({ length: cols }, (_, j) => columns[j].slice(a, b)),
    };
    return transform(raw, this.scaler!);
  }
}
