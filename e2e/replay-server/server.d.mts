/** Types for server.mjs (the local kline replay server), so TypeScript tests can import it. */
export type ReplayFault =
  | { mode: 'timeout'; ms?: number; times?: number }
  | { mode: '429'; retryAfter?: number; times?: number }
  | { mode: '5xx'; status?: number; times?: number }
  | { mode: 'malformed' | 'duplicate' | 'out-of-order' | 'forming'; times?: number }
  | { mode: 'gap'; time: number; times?: number };
/** a kline row as the sample gives it: [open time, open, high, low, close, volume] */
export type SampleRow = [number, number, number, number, number, number];
export interface ReplayServer {
  url: string;
  port: number;
  /** open times of the BTCUSDT bars */
  times: number[];
  bars(symbol?: string): SampleRow[];
  setIndex(i: number): number;
  tick(k?: number): number;
  index(): number;
  fault(f: ReplayFault): void;
  reset(): void;
  requests(): string[];
  close(): Promise<void>;
}
export const SAMPLE_PARQUET: string;
export function sampleKlines(parquetPath?: string): Map<string, SampleRow[]>;
export function startReplayServer(options?: {
  port?: number;
  host?: string;
  /** index of the last closed bar; negative counts from the end */
  start?: number;
  tickMs?: number;
  log?: boolean;
}): Promise<ReplayServer>;
