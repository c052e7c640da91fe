/**
 * Error types of the data layer. Every message says what was expected and what was found,
 * so the UI can show it as is. Messages never contain access tokens.
 */
export type DataErrorCode =
  | 'missing-column'
  | 'no-rows'
  | 'unknown-symbol'
  | 'bad-parquet'
  | 'bad-csv'
  | 'bad-jsonl'
  | 'unsupported-format'
  | 'bad-timeframe'
  | 'finer-timeframe'
  | 'bad-timestamps';

export class DataError extends Error {
  readonly code: DataErrorCode;
  constructor(code: DataErrorCode, message: string) {
    super(message);
    this.name = 'DataError';
    this.code = code;
  }
}
