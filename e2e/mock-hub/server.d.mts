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
