/**
 * The data loader: resolve -> cache lookup -> download -> decode -> map -> validate ->
 * optional resample, for a hub dataset (`loadDataset`) or a user's own file (`loadLocalFile`).
 * Returns Bars per symbol and a JSON-serialisable summary of everything that was read and fixed.
 */
import type { Bars } from './bars';
import { assembleColumns, type AssembleInput, type Assembled } from './assemble';
import { selectorOf, type CachedResolution, type DataCache } from './cache';
import { detectColumns, type ColumnMapping } from './columns';
import { decodeCsv } from './csv';
import { CsvStreamParser, type CsvStreamOptions } from './csv-stream';
import { byteChunks, byteSize, DEFAULT_CHUNK_BYTES, headBytes, type ByteSource } from './byte-chunks';
import { DataError } from '../errors';
import {
  formatOf,
  resolveDataset,
  type DatasetRequest,
  type FileFormat,
  type HubAccess,
  type ResolvedDataset,
} from './hub';
import {
  evict,
  fetchHubFiles,
  hubUnreachable,
  storeDownloads,
  unreadableFiles,
  withStallProgress,
  type FetchFilesOptions,
} from './hub-files';
import { decodeJsonl } from './jsonl';
import { decodeParquet, type ParquetWasmModule } from './parquet';
import { resampleBars, type ResampleReport } from './resample';
import { symbolFromFileName } from './symbols';
import type { RawTable } from './table';
import type { EpochUnit, TimestampInfo } from './timestamps';
import { validateBars, type ValidationReport } from './validate';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';

export interface LoadOptions {
  /** only these symbols (e.g. ['BTC/USDT']); one not in the data is an error */
  symbols?: string[];
  /** resample to this coarser timeframe, e.g. '4h' */
  timeframe?: string;
  /** user corrections to the detected column mapping */
  mapping?: Partial<ColumnMapping>;
  /** force the epoch unit of a numeric time column */
  timestampUnit?: EpochUnit;
  /** resampling policy for partial first/last buckets (default 'drop') */
  partial?: 'drop' | 'keep';
  normalizeSymbols?: boolean;
  /**
   * the symbol of a one-file load whose file has no symbol column (the user's confirmation or
   * correction); without it the symbol is taken from the file name (`symbolFromFileName`)
   */
  fileSymbol?: string;
}

export interface LoadRequest extends DatasetRequest, LoadOptions {
  /** a hub download that gets no data for this long fails as stalled (default 60 s) */
  stallTimeoutMs?: number;
}

export interface LoadDeps extends HubAccess {
  /** initialised parquet-wasm (browser esm after init(), or parquet-wasm/node) */
  parquet: ParquetWasmModule;
  cache?: DataCache;
  /** network-first (default): ask the hub, fall back to the cache when offline; cache-first: no network when all is cached */
  cachePolicy?: 'network-first' | 'cache-first';
  now?: () => number;
}

export interface FileSummary {
  path: string;
  size: number;
  format: FileFormat;
  etag: string | null;
  fromCache: boolean;
  rows: number;
  garbageLines: number;
}

export interface DatasetSummary {
  origin: 'hub' | 'local';
  dataset: string;
  revision: string | null;
  /** commit the revision resolved to, and the commit the files were read at */
  commit: string | null;
  filesCommit: string | null;
  hubUrl: string | null;
  source: ResolvedDataset['source'] | 'local';
  files: FileSummary[];
  mapping: ColumnMapping;
  timestamps: TimestampInfo;
  symbols: string[];
  validation: Record<string, ValidationReport>;
  timeframe: string;
  resample: Record<string, ResampleReport> | null;
  warnings: string[];
  /** true when the resolution came from the cache because the hub could not be reached */
  offline: boolean;
  timings: {
    resolveMs: number;
    downloadMs: number;
    decodeMs: number;
    validateMs: number;
    resampleMs: number;
    totalMs: number;
  };
}

export interface LoadedDataset {
  summary: DatasetSummary;
  bars: Map<string, Bars>;
}

const nowFn = () => performance.now();

interface DecodedFile {
  table: RawTable;
  garbageLines: number;
}

function decodeFile(
  path: string,
  bytes: Uint8Array,
  format: FileFormat,
  parquet: ParquetWasmModule | undefined,
  opts: LoadOptions,
): DecodedFile {
  if (bytes.length === 0) {
    throw new DataError(
      'no-rows',
      `${path} is empty: expected a ${format} file with candles, found 0 bytes.`,
    );
  }
  if (format === 'parquet') {
    if (!parquet)
      throw new DataError('unsupported-format', `${path} is parquet, but no parquet decoder was given.`);
    const table = decodeParquet(bytes, {
      parquet,
      source: path,
      selectColumns: (names) => {
        const m = detectColumns(names, opts.mapping);
        return [m.time, m.open, m.high, m.low, m.close, m.volume, m.symbol].filter((x): x is string => !!x);
      },
    });
    return { table, garbageLines: 0 };
  }
  if (format === 'csv') {
    const t = decodeCsv(bytes, { source: path });
    return { table: t, garbageLines: t.report.garbageLines };
  }
  const t = decodeJsonl(bytes, { source: path });
  return { table: t, garbageLines: t.report.garbageLines };
}

/** The symbol of a one-symbol file: the one the user gave, else the one its name says (or null). */
export function fileSymbolOf(path: string, opts: Pick<LoadOptions, 'fileSymbol'>): string | null {
  return opts.fileSymbol?.trim() || symbolFromFileName(path);
}

function sniffFormat(name: string, bytes: Uint8Array): FileFormat {
  const byName = formatOf(name);
  if (byName) return byName;
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31)
    return 'parquet';
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  return head.startsWith('{') ? 'jsonl' : 'csv';
}

/** decode -> map -> validate -> resample over already-fetched files. */
function buildBars(
  files: { path: string; bytes: Uint8Array; format: FileFormat }[],
  opts: LoadOptions,
  parquet: ParquetWasmModule | undefined,
  now: () => number,
  onProgress?: ProgressFn,
) {
  const t0 = now();
  const decoded = files.map((f) => decodeFile(f.path, f.bytes, f.format, parquet, opts));
  const inputs: AssembleInput[] = decoded.map((d, i) => ({
    table: d.table,
    fileSymbol: files.length === 1 ? fileSymbolOf(files[i].path, opts) : symbolFromFileName(files[i].path),
  }));
  const assembled = assembleColumns(inputs, opts);
  const t1 = now();
  const garbage = decoded.map((d) => d.garbageLines);
  return {
    ...finishBars(assembled, garbage, opts, now, onProgress),
    rows: decoded.map((d) => d.table.rowCount),
    garbage,
    decodeMs: t1 - t0,
  };
}

/** validate -> resample -> warnings over assembled columns (each input is released once validated). */
function finishBars(
  assembled: Assembled,
  garbagePerFile: number[],
  opts: LoadOptions,
  now: () => number,
  onProgress?: ProgressFn,
) {
  const t1 = now();
  onProgress?.({ stage: 'validate', fraction: 0.95, message: 'validating' });
  const bars = new Map<string, Bars>();
  const validation: Record<string, ValidationReport> = {};
  const pending = assembled.columns.splice(0);
  for (let cols = pending.shift(); cols; cols = pending.shift()) {
    const { bars: b, report } = validateBars(cols);
    bars.set(cols.symbol, b);
    validation[cols.symbol] = report;
  }
  const t2 = now();
  let resample: Record<string, ResampleReport> | null = null;
  const first = Object.values(validation)[0];
  let timeframe = first?.barSize ?? 'unknown';
  if (opts.timeframe) {
    resample = {};
    for (const [sym, b] of bars) {
      const r = resampleBars(b, {
        timeframe: opts.timeframe,
        sourceBarMs: validation[sym].barMs,
        partial: opts.partial,
      });
      bars.set(sym, r.bars);
      resample[sym] = r.report;
      timeframe = r.report.to;
    }
  }
  const t3 = now();
  const warnings: string[] = [];
  if (assembled.volumeMissing) warnings.push('No volume column: volumes are set to 0.');
  if (assembled.rowsWithoutSymbol)
    warnings.push(`${assembled.rowsWithoutSymbol} row(s) without a symbol were dropped.`);
  const garbage = garbagePerFile.reduce((s, x) => s + x, 0);
  if (garbage) warnings.push(`${garbage} unreadable line(s) skipped (wrong number of fields).`);
  for (const [sym, r] of Object.entries(validation))
    for (const w of r.warnings) warnings.push(`${sym}: ${w}`);
  return {
    bars,
    validation,
    resample,
    timeframe,
    warnings,
    mapping: assembled.mappings[0],
    timestamps: assembled.timestamps[0],
    validateMs: t2 - t1,
    resampleMs: t3 - t2,
  };
}

/** Loads a hub dataset: see the file header for the steps. */
export async function loadDataset(
  request: LoadRequest,
  hubDeps: LoadDeps,
  progressFn?: ProgressFn,
): Promise<LoadedDataset> {
  const { access: deps, onProgress } = withStallProgress(hubDeps, request.stallTimeoutMs, progressFn);
  const now = deps.now ?? nowFn;
  const tStart = now();
  const cache = deps.cache;
  const revision = request.revision?.trim() || 'main';
  const resKey = {
    hubUrl: deps.hubUrl,
    dataset: request.dataset.trim(),
    revision,
    selector: selectorOf(request),
  };
  onProgress?.({ stage: 'resolve', fraction: 0, message: `resolving ${request.dataset}@${revision}` });

  const cached = cache ? await cache.getResolution(resKey) : undefined;
  let resolved: ResolvedDataset | CachedResolution | undefined;
  let offline = false;
  let allCached: Map<string, { bytes: Uint8Array; etag: string }> | null = null;

  if (cached && deps.cachePolicy === 'cache-first') {
    allCached = new Map();
    for (const f of cached.files) {
      const etag = cached.etags[f.path];
      const bytes = etag
        ? await cache!.getFile({
            hubUrl: deps.hubUrl,
            dataset: cached.dataset,
            commit: cached.filesCommit,
            path: f.path,
            etag,
          })
        : undefined;
      if (!bytes || (f.size > 0 && bytes.length !== f.size)) {
        allCached = null;
        break;
      }
      allCached.set(f.path, { bytes, etag });
    }
    if (allCached) resolved = cached;
  }
  if (!resolved) {
    try {
      // with a cached fallback, do not keep an offline user waiting on retries
      resolved = await resolveDataset(
        request,
        cached ? { ...deps, retry: { ...deps.retry, retries: 0 } } : deps,
      );
    } catch (err) {
      if (cached && hubUnreachable(err)) {
        resolved = cached;
        offline = true;
      } else throw err;
    }
  }
  throwIfCancelled(deps.cancel);
  const tResolved = now();

  // download (or read from the cache) every file
  const total = resolved.files.reduce((s, f) => s + f.size, 0) || 1;
  const done = new Map<string, number>();
  const report = (path: string, loaded: number, fileTotal: number) => {
    done.set(path, loaded);
    const overall = [...done.values()].reduce((s, x) => s + x, 0);
    onProgress?.({
      stage: 'download',
      fraction: 0.05 + 0.8 * Math.min(1, overall / total),
      message: `${path}: ${loaded}/${fileTotal} bytes`,
      detail: { file: path, fileLoaded: loaded, fileTotal, loaded: overall, total },
    });
  };
  const fetchOpts: FetchFilesOptions = {
    access: deps,
    cache,
    preloaded: allCached ?? undefined,
    offline,
    fallback: !!cached,
    onBytes: report,
  };
  const got = await fetchHubFiles(resolved, resolved.files, fetchOpts);
  offline = got.offline;
  let fetched = got.files;
  const etags: Record<string, string> = {};
  for (const f of fetched) if (f.etag) etags[f.path] = f.etag;
  const tDownloaded = now();
  throwIfCancelled(deps.cancel);
  onProgress?.({ stage: 'decode', fraction: 0.85, message: 'decoding' });

  // downloads are cached once they have been decoded; a cached copy that does not decode is
  // evicted and downloaded once more
  const persist = async () => {
    await storeDownloads(cache, fetched);
    if (cache && !offline)
      await cache.putResolution(resKey, {
        ...resolved,
        etags: { ...(cached?.etags ?? {}), ...etags },
      } as CachedResolution);
  };
  const refetched: string[] = [];
  let built: ReturnType<typeof buildBars>;
  try {
    built = buildBars(fetched, request, deps.parquet, now, onProgress);
  } catch (err) {
    const unreadable = unreadableFiles(err, fetched);
    if (!unreadable.length) await persist();
    const stale = unreadable.filter((f) => f.fromCache);
    if (!cache || !stale.length) throw err;
    await evict(cache, stale);
    if (offline) throw err;
    const paths = new Set(stale.map((f) => f.path));
    const again = await fetchHubFiles(
      resolved,
      resolved.files.filter((f) => paths.has(f.path)),
      { ...fetchOpts, offline: false, fresh: paths },
    );
    fetched = fetched.map((f) => again.files.find((g) => g.path === f.path) ?? f);
    for (const f of again.files) if (f.etag) etags[f.path] = f.etag;
    refetched.push(...paths);
    built = buildBars(fetched, request, deps.parquet, now, onProgress);
  }
  await persist();
  if (refetched.length)
    built.warnings.unshift(
      `The cached copy of ${refetched.join(', ')} could not be read: it was removed and downloaded again.`,
    );
  const tEnd = now();
  onProgress?.({ stage: 'done', fraction: 1 });
  const { commit, filesCommit, source } = resolved;
  return {
    bars: built.bars,
    summary: {
      origin: 'hub',
      dataset: resolved.dataset,
      revision,
      commit,
      filesCommit,
      hubUrl: deps.hubUrl,
      source,
      files: fetched.map((f, i) => ({
        path: f.path,
        size: f.bytes.length,
        format: f.format,
        etag: f.etag,
        fromCache: f.fromCache,
        rows: built.rows[i],
        garbageLines: built.garbage[i],
      })),
      mapping: built.mapping,
      timestamps: built.timestamps,
      symbols: [...built.bars.keys()],
      validation: built.validation,
      timeframe: built.timeframe,
      resample: built.resample,
      warnings: offline
        ? ['Hub not reachable: loaded from the offline cache.', ...built.warnings]
        : built.warnings,
      offline,
      timings: {
        resolveMs: tResolved - tStart,
        downloadMs: tDownloaded - tResolved,
        decodeMs: built.decodeMs,
        validateMs: built.validateMs,
        resampleMs: built.resampleMs,
        totalMs: tEnd - tStart,
      },
    },
  };
}

export interface LocalLoadOptions extends LoadOptions {
  parquet?: ParquetWasmModule;
  now?: () => number;
  cancel?: CancelSignal;
  /** bytes read per step (default 4 MiB) */
  chunkBytes?: number;
}

type LocalBuilt = Omit<ReturnType<typeof buildBars>, 'rows' | 'garbage'> & { rows: number; garbage: number };

/** Loads a user's own parquet, CSV or JSON Lines file (format from the name, else sniffed). */
export function loadLocalFile(
  name: string,
  bytes: Uint8Array,
  options: LocalLoadOptions = {},
): LoadedDataset {
  const now = options.now ?? nowFn;
  const t0 = now();
  const format = sniffFormat(name, bytes);
  let built: LocalBuilt;
  if (format === 'csv' && bytes.length > 0) {
    const csv = new CsvStreamParser(csvStreamOptions(name, options));
    const step = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    for (let at = 0; at < bytes.length; at += step) csv.push(bytes.subarray(at, at + step));
    built = finishCsv(csv, options, now, t0);
  } else {
    const b = buildBars([{ path: name, bytes, format }], options, options.parquet, now);
    built = { ...b, rows: b.rows[0], garbage: b.garbage[0] };
  }
  return localDataset(name, bytes.length, format, built, now() - t0);
}

/**
 * Loads a local file without holding more of it than needed: a CSV is parsed chunk by chunk
 * as it is read (csv-stream.ts); parquet and JSON Lines are read into one buffer, then decoded.
 * Progress: 'read' with bytes read / total, then 'decode' (not for CSV), 'validate', 'done'.
 */
export async function loadLocalSource(
  name: string,
  source: ByteSource,
  options: LocalLoadOptions = {},
  onProgress?: ProgressFn,
): Promise<LoadedDataset> {
  const now = options.now ?? nowFn;
  const t0 = now();
  const total = byteSize(source);
  const format = sniffFormat(name, await headBytes(source, 64));
  if (total === 0) {
    throw new DataError(
      'no-rows',
      `${name} is empty: expected a ${format} file with candles, found 0 bytes.`,
    );
  }
  const csv = format === 'csv' ? new CsvStreamParser(csvStreamOptions(name, options)) : null;
  const whole = csv ? null : new Uint8Array(total);
  const share = csv ? 0.9 : 0.8;
  let loaded = 0;
  let reported = -1;
  onProgress?.({
    stage: 'read',
    fraction: 0,
    message: `${name}: 0 of ${mib(total)}`,
    detail: { loaded, total },
  });
  for await (const chunk of byteChunks(source, options.chunkBytes)) {
    throwIfCancelled(options.cancel);
    if (csv) csv.push(chunk);
    else whole!.set(chunk, loaded);
    loaded += chunk.length;
    const fraction = (share * loaded) / total;
    if (fraction - reported >= 0.005 || loaded === total) {
      reported = fraction;
      const message = `${name}: ${mib(loaded)} of ${mib(total)}${csv ? ' read and parsed' : ''}`;
      onProgress?.({ stage: 'read', fraction, message, detail: { loaded, total } });
    }
  }
  throwIfCancelled(options.cancel);
  let built: LocalBuilt;
  if (csv) built = finishCsv(csv, options, now, t0, onProgress);
  else {
    onProgress?.({ stage: 'decode', fraction: 0.85, message: `decoding ${format}` });
    const b = buildBars([{ path: name, bytes: whole!, format }], options, options.parquet, now, onProgress);
    built = { ...b, rows: b.rows[0], garbage: b.garbage[0] };
  }
  onProgress?.({ stage: 'done', fraction: 1 });
  return localDataset(name, total, format, built, now() - t0);
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

function csvStreamOptions(name: string, options: LoadOptions): CsvStreamOptions {
  return { ...options, source: name, fileSymbol: fileSymbolOf(name, options) };
}

function finishCsv(
  csv: CsvStreamParser,
  options: LoadOptions,
  now: () => number,
  t0: number,
  onProgress?: ProgressFn,
): LocalBuilt {
  const { report, ...assembled } = csv.finish();
  const decodeMs = now() - t0;
  const b = finishBars(assembled, [report.garbageLines], options, now, onProgress);
  return { ...b, rows: report.rows, garbage: report.garbageLines, decodeMs };
}

function localDataset(
  name: string,
  size: number,
  format: FileFormat,
  built: LocalBuilt,
  totalMs: number,
): LoadedDataset {
  return {
    bars: built.bars,
    summary: {
      origin: 'local',
      dataset: name,
      revision: null,
      commit: null,
      filesCommit: null,
      hubUrl: null,
      source: 'local',
      files: [
        {
          path: name,
          size,
          format,
          etag: null,
          fromCache: false,
          rows: built.rows,
          garbageLines: built.garbage,
        },
      ],
      mapping: built.mapping,
      timestamps: built.timestamps,
      symbols: [...built.bars.keys()],
      validation: built.validation,
      timeframe: built.timeframe,
      resample: built.resample,
      warnings: built.warnings,
      offline: false,
      timings: {
        resolveMs: 0,
        downloadMs: 0,
        decodeMs: built.decodeMs,
        validateMs: built.validateMs,
        resampleMs: built.resampleMs,
        totalMs,
      },
    },
  };
}
