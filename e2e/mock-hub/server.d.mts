/** Types for server.mjs (the mock Hugging Face Hub), so TypeScript tests can import it. */
export interface MockDataset {
  /** owner/name */
  id: string;
  /** folder, absolute or relative to the repository root */
  dir: string;
  private?: boolean;
  /** only paths equal to or starting with one of these */
  include?: string[];
  /** a refs/convert/parquet layout: converted path -> source path in `dir` */
  convert?: Record<string, string>;
}
export interface FailureRule {
  /** substring of the request path */
  path: string;
  status?: number;
  times?: number;
  method?: string;
}
/** A misbehaving hub for the matching requests (see faults.mjs for each mode). */
export interface FaultRule {
  /** substring of the request path */
  path: string;
  mode: 'short-length' | 'long-length' | 'html' | 'empty' | 'stall' | 'drop' | 'redirect';
  times?: number;
  method?: string;
  /** only requests with (true) or without (false) a Range header */
  ranged?: boolean;
  /** short-length, long-length, stall: bytes sent before the cut or the stall */
  bytes?: number;
  /** stall: how long nothing comes */
  ms?: number;
  /** stall: false sends no response at all during the stall */
  headers?: boolean;
}
export interface RedirectedRequest {
  method: string;
  path: string;
  range: string | null;
  /** the Authorization header the second origin got, as sent */
  authorization: string | null;
}
export interface MockRequest {
  method: string;
  path: string;
  search: string;
  range: string | null;
  auth: boolean;
}
export interface MockHub {
  url: string;
  port: number;
  datasets: { id: string; private: boolean; sha: string; convertSha: string | null }[];
  fail(rule: FailureRule): void;
  fault(rule: FaultRule | FaultRule[]): void;
  redirected(): RedirectedRequest[];
  reset(): void;
  requests(): MockRequest[];
  close(): Promise<void>;
}
export const REPO_ROOT: string;
export const SAMPLE_DATASET_DIR: string;
export const DEFAULT_TOKEN: string;
export const CONVERT_REVISION: string;
export function defaultDatasets(): MockDataset[];
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null;
export function startMockHub(options?: {
  port?: number;
  host?: string;
  datasets?: MockDataset[];
  token?: string;
  pageSize?: number;
  failures?: FailureRule[];
  log?: boolean;
}): Promise<MockHub>;
