/**
 * Names and shapes shared by the worker's TensorFlow.js backend selection and the UI.
 * The selection itself is environment-specific and lives in workers/env/tf-backend.ts;
 * Node tests simply use tfjs's cpu backend.
 */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

/** The order tried when the user chose 'auto'. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendInfo {
  /** the backend actually active */
  backend: BackendName;
  /** what the user asked for */
  preference: BackendPreference;
  /** adapter / renderer description, e.g. 'google / swiftshader' */
  adapter: string;
  /** why earlier candidates were skipped */
  fallbacks: string[];
}

export interface BackendSelfTest {
  backend: BackendName;
  /** the checked computation, e.g. '64x48 @ 48x32 matmul + 5 SGD steps of a dense layer' */
  description: string;
  /** max |result - cpu result| over all outputs */
  maxAbsDiff: number;
  /** tolerance the result was checked against */
  tolerance: number;
  ok: boolean;
  /** sum of the result, to show in the UI */
  checksum: number;
  millis: number;
}
