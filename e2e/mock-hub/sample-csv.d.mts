/** Types for sample-csv.mjs (the sample's CSV files rebuilt from the shipped parquet). */
export const SAMPLE_PARQUET_REL: string;
export function pythonFloat(x: number): string;
export function publishedTime(ms: number): string;
export function csvFileName(symbol: string): string;
export function sampleColumns(parquetPath: string): {
  rows: number;
  time: ArrayLike<number | bigint>;
  symbol: ArrayLike<string>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
};
export function sampleCsvTexts(parquetPath: string): Record<string, string>;
export function sampleCsvDatasetDir(sampleDir: string): string;
