/** Public surface of the data layer (see README.md). */
export * from './bars';
export { loadDataset, loadLocalFile } from './load';
export type { LoadRequest, LoadOptions, LoadDeps, LoadedDataset, DatasetSummary, FileSummary } from './load';
export {
  resolveDataset,
  hubFileInfo,
  downloadHubFile,
  CONVERT_REVISION,
  globToRegExp,
  formatOf,
} from './hub';
export type { DatasetRequest, HubAccess, ResolvedDataset, ResolvedFile, FileFormat, FileInfo } from './hub';
export { decodeParquet, decodeParquetArrow, parquetColumnNames } from './parquet';
export type { ParquetWasmModule } from './parquet';
export { decodeCsv } from './csv';
export type { CsvReport, CsvTable } from './csv';
export { decodeJsonl } from './jsonl';
export { detectColumns, COLUMN_ALIASES, normalizeColumnName } from './columns';
export type { ColumnMapping, ColumnRole } from './columns';
export { parseTimes, parseIsoToMs, inferEpochUnit } from './timestamps';
export type { EpochUnit, TimestampInfo, ParsedTimes } from './timestamps';
export { normalizeSymbol, symbolFromFileName, KNOWN_QUOTES } from './symbols';
export { validateBars } from './validate';
export type { ValidationReport, BarColumnsInput } from './validate';
export { resampleBars } from './resample';
export type { ResampleOptions, ResampleReport } from './resample';
export { parseTimeframe, formatTimeframe } from './timeframe';
export { withRetry, isRetryable } from './retry';
export type { RetryOptions } from './retry';
export { selectorOf } from './cache';
export type { DataCache, FileKey, ResolutionKey, CachedResolution } from './cache';
export type { RawTable, RawColumn } from './table';
