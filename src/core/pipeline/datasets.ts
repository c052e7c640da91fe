/**
 * The worker's loaded datasets. A load returns a handle and a JSON summary; the bars
 * stay here, and later steps (features, training, backtests) take them by handle
 * without copying them to the UI thread. Only the chart asks for bar columns.
 */
import { DataError } from '../errors';
import type { Bars } from '../data/bars';
import {
  loadDataset,
  loadLocalFile,
  loadLocalSource,
  type DatasetSummary,
  type LoadDeps,
  type LoadOptions,
  type LoadRequest,
  type LocalLoadOptions,
} from '../data/load';
import type { ByteSource } from '../data/byte-chunks';
import type { ParquetWasmModule } from '../data/parquet';
import type { ProgressFn } from '../util/progress';

export interface LoadedHandle {
  handle: string;
  summary: DatasetSummary;
}

export interface DatasetEntry extends LoadedHandle {
  bars: Map<string, Bars>;
}

/** What the built-in sample is, for the UI and for every artifact that used it. */
export const SAMPLE_DATASET = {
  id: 'sample/binance-ohlcv-1h-btc-eth',
  path: 'sample/binance-ohlcv-1h-btc-eth/data/train-00000-of-00001.parquet',
  provenance:
    "Real Binance hourly klines for BTCUSDT and ETHUSDT, 2020-01-01 00:00 UTC to 2024-04-18 03:00 UTC, 37,660 bars per symbol, no missing hours. Candle data is Binance's (research and demonstration use).",
  sha256: '75af62339c969678774bbd71f0698f7752d03477313b3b5afa2eaf8c41545aca',
} as const;

export class DatasetSession {
  private entries = new Map<string, DatasetEntry>();
  private counter = 0;
  /** handles are kept for the latest few loads; older ones are dropped to bound memory */
  constructor(private readonly keep = 4) {}

  private add(summary: DatasetSummary, bars: Map<string, Bars>): LoadedHandle {
    const handle = `ds_${++this.counter}`;
    this.entries.set(handle, { handle, summary, bars });
    while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value as string);
    return { handle, summary };
  }

  async loadHub(request: LoadRequest, deps: LoadDeps, onProgress?: ProgressFn): Promise<LoadedHandle> {
    const { summary, bars } = await loadDataset(request, deps, onProgress);
    return this.add(summary, bars);
  }

  loadLocal(
    name: string,
    bytes: Uint8Array,
    options: LoadOptions & { parquet?: ParquetWasmModule; datasetId?: string },
  ): LoadedHandle {
    const { summary, bars } = loadLocalFile(name, bytes, options);
    if (options.datasetId) summary.dataset = options.datasetId;
    return this.add(summary, bars);
  }

  /** A user's file (a File or Blob is read in chunks, never whole), with byte progress. */
  async loadLocalSource(
    name: string,
    source: ByteSource,
    options: LocalLoadOptions,
    onProgress?: ProgressFn,
  ): Promise<LoadedHandle> {
    const { summary, bars } = await loadLocalSource(name, source, options, onProgress);
    return this.add(summary, bars);
  }

  get(handle: string): DatasetEntry {
    const e = this.entries.get(handle);
    if (!e)
      throw new DataError(
        'not-loaded',
        `Dataset ${handle} is no longer loaded in this session: load it again on the Data panel.`,
      );
    return e;
  }

  /** The bars of a symbol, or undefined when the handle or symbol is gone (no error). */
  tryBars(handle: string, symbol: string): Bars | undefined {
    return this.entries.get(handle)?.bars.get(symbol);
  }

  bars(handle: string, symbol: string): Bars {
    const b = this.get(handle).bars.get(symbol);
    if (!b)
      throw new DataError(
        'unknown-symbol',
        `Symbol ${symbol} is not in dataset ${this.get(handle).summary.dataset}.`,
      );
    return b;
  }
}
