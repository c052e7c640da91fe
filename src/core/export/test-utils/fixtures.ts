/**
 * Test-only fixtures for the export tests: real models trained on the real sample with
 * runTraining, a backtest run record whose CSVs come from src/core/backtest on a simple rule
 * over real BTC bars, feature rows to compare predictions, and fresh fake-indexeddb databases.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { buyAndHoldEquity, equityCurveCsv, metricsOfResult, simulate, tradesCsv } from '../../backtest';
import { DEFAULT_FEATURE_SET } from '../../features/registry';
import type { Matrix, ModelKind, Task } from '../../models/types';
import { buildDataset, scalerFromJSON, takeRows, transform } from '../../split';
import { openCandleLabDb, type ArtifactRecord, type CandleLabDb } from '../../store/db';
import { saveModel } from '../../store/models';
import { loadSampleBars } from '../../test-utils/sample';
import { runTraining, type DatasetRef, type TrainResult } from '../../train/train-job';
import { runId } from '../../util/ids';

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
    metrics: r.metrics as unknown as Record<string, unknown>,
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

/**
 * A backtest run record over `bars` real BTC bars ending at bar 37,600: long when the close is
 * above the close 24 bars earlier. Its CSVs are the engine's own; report.json is a plausible
 * subset of the backtest job's (run_id, model_id, config, dataset, results).
 */
export function backtestRun(
  o: { now?: number; modelId?: string; bars?: number; id?: string } = {},
): ArtifactRecord {
  const btc = loadSampleBars('BTC/USDT');
  const now = o.now ?? T0;
  const end = 37_600;
  const start = end - (o.bars ?? 2_000);
  const target = new Float64Array(btc.close.length);
  for (let i = 24; i < target.length; i++) target[i] = btc.close[i] > btc.close[i - 24] ? 1 : 0;
  const r = simulate({ bars: btc, target, start, end, feesBps: 5, slippageBps: 5 });
  const bh = buyAndHoldEquity({ bars: btc, start, end, initialCapital: r.initialCapital });
  const results = metricsOfResult(r, { buyAndHold: bh });
  const id = o.id ?? runId(now);
  const config = {
    model_id: o.modelId ?? 'latest',
    symbols: ['BTC/USDT'],
    fees_bps: 5,
    slippage_bps: 5,
    online: false,
  };
  const report = {
    run_id: id,
    model_id: o.modelId ?? null,
    created_at: new Date(now).toISOString(),
    config,
    dataset: SAMPLE_DATASET,
    results,
  };
  return {
    id,
    kind: 'backtest',
    createdAt: now,
    modelId: o.modelId,
    summary: { total_return_pct: results.totalReturnPct, sharpe_ratio: results.sharpePerBar, config },
    files: {
      'report.json': JSON.stringify(report, null, 2),
      'equity_curve.csv': equityCurveCsv({ ...r, initialEquity: r.initialCapital, buyAndHold: bh }),
      'trades.csv': tradesCsv(r.trades),
      'feature_importance.json': JSON.stringify({ mean: { ret_1: 0.5, rsi_14: 0.5 }, per_fold: [] }),
    },
  };
}
