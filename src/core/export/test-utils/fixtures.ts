/**
 * Test-only fixtures for the export tests: real models trained on the real sample with
 * runTraining, backtest run records from real walk-forward runs on real BTC bars (their
 * report.json has the run report's shape), feature rows to compare predictions, and fresh
 * fake-indexeddb databases.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { DEFAULT_FEATURE_SET } from '../../features/registry';
import type { Matrix, ModelKind, Task } from '../../models/types';
import { buildDataset, scalerFromJSON, takeRows, transform } from '../../split';
import { openCandleLabDb, type ArtifactRecord, type CandleLabDb } from '../../store/db';
import { saveModel } from '../../store/models';
import { loadSampleBars } from '../../test-utils/sample';
import { runTraining, type DatasetRef, type TrainResult } from '../../train/train-job';
import { runId } from '../../util/ids';
import { buildArtifacts, runWalkForward } from '../../walkforward';
import { sampleSlice, smallGbcRequest } from '../../walkforward/test-utils/fixtures';
import type { WalkForwardResult } from '../../walkforward';

export const T0 = Date.UTC(2025, 0, 8, 12, 34, 56);
export const SAMPLE_DATASET: DatasetRef = {
  id: 'sample/binance-ohlcv-1h-btc-eth',
  revision: 'main',
  commit: 'a'.repeat(40),
  hubUrl: 'https://huggingface.co',
  files: [{ path: 'data/train-00000-of-00001.parquet', size: 1234, etag: '"e"' }],
};

export function freshDb(prefix: string): CandleLabDb {
  return openCandleLabDb({ indexedDB, IDBKeyRange, name: `${prefix}-${Math.random()}` });
}

export async function train(o: {
  kind: ModelKind;
  task?: Task;
  params?: Record<string, unknown>;
  now?: number;
  /** training window (default 180d) */
  trainWindow?: string;
}): Promise<TrainResult> {
  return runTraining({
    request: {
      dataset: SAMPLE_DATASET.id,
      symbols: ['BTC/USDT'],
      task: o.task ?? 'classification',
      target_horizon: 12,
      model: o.kind,
      train_window: o.trainWindow ?? '180d',
      valid_window: '30d',
      seed: 7,
      params: o.params,
    },
    bars: [loadSampleBars('BTC/USDT')],
    dataset: SAMPLE_DATASET,
    appVersion: 'test',
    now: () => o.now ?? T0,
  });
}

export async function saveTrained(
  db: CandleLabDb,
  r: TrainResult,
  o: { createdAt?: number; parentId?: string } = {},
) {
  return saveModel(db, {
    id: r.modelId,
    serialized: r.serialized,
    metrics: r.metrics,
    createdAt: o.createdAt ?? T0,
    dataset: SAMPLE_DATASET.id,
    symbols: r.metrics.symbols,
    parentId: o.parentId,
  });
}

/** The last `rows` feature rows of BTC, scaled with a model's metrics.json scaler. */
export function featureRows(metrics: Record<string, unknown>, rows = 500): Matrix {
  const ds = buildDataset({
    barsBySymbol: [loadSampleBars('BTC/USDT')],
    featureSet: DEFAULT_FEATURE_SET,
    label: { kind: 'binary', horizon: 12 },
  });
  const idx = Int32Array.from({ length: rows }, (_, i) => ds.X.rows - rows + i);
  return transform(takeRows(ds.X, idx), scalerFromJSON(metrics.scaler));
}

/** The last bar of the sample the fixture runs use (a little before the sample's end). */
const RUN_END = 37_600;
const RUN_TRAIN_BARS = 2_000;
/** bars before the first training window, so that every feature (EMA 200 the longest) is warm */
const RUN_WARMUP_BARS = 250;
const realRuns = new Map<number, Promise<WalkForwardResult>>();

/**
 * A real walk-forward run (gbc with 10 shallow trees, 2,000-bar training windows) whose test
 * windows span about `bars` real BTC bars ending at bar 37,600; run once per size in a process.
 */
function realRun(bars: number): Promise<WalkForwardResult> {
  let run = realRuns.get(bars);
  if (!run) {
    const n = RUN_WARMUP_BARS + RUN_TRAIN_BARS + bars;
    run = runWalkForward({
      request: smallGbcRequest({
        train_window: String(RUN_TRAIN_BARS),
        // about six test windows at most, so that a long span stays a few seconds' work
        test_window: String(Math.min(bars, Math.max(500, Math.ceil(bars / 6)))),
      }),
      bars: [sampleSlice('BTC/USDT', n, RUN_END - n)],
      dataset: SAMPLE_DATASET,
      appVersion: 'test',
      now: () => T0,
    });
    realRuns.set(bars, run);
  }
  return run;
}

/**
 * A backtest run record as the backtest job stores it: a real walk-forward run over `bars`
 * out-of-sample BTC bars (runWalkForward, then buildArtifacts for its files), saved at `now`
 * under `id` for the model `modelId` (none: a model not in the database).
 */
export async function backtestRun(
  o: { now?: number; modelId?: string; bars?: number; id?: string } = {},
): Promise<ArtifactRecord> {
  const base = await realRun(o.bars ?? 2_000);
  const now = o.now ?? T0;
  const id = o.id ?? runId(now);
  const result: WalkForwardResult = {
    ...base,
    run_id: id,
    created_at: new Date(now).toISOString(),
    request: { ...base.request, model: { ...base.request.model, model_id: o.modelId ?? null } },
  };
  const r = result.request;
  return {
    id,
    kind: 'backtest',
    createdAt: now,
    modelId: o.modelId,
    summary: {
      results: result.results,
      model_id: r.model.model_id,
      model_kind: r.model.kind,
      symbols: r.symbols,
      dataset: result.dataset?.id ?? null,
      folds: result.plan.fold_count,
      online: r.online,
    },
    files: { ...buildArtifacts(result) },
  };
}
