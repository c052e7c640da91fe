/**
 * parquet-wasm for the browser worker: initialised once per worker with the wasm URL
 * that Vite emits (and the service worker precaches). Core code receives the module
 * by injection; Node tests pass `parquet-wasm/node` instead.
 */
import init, * as parquet from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

let ready: Promise<typeof parquet> | null = null;

export function parquetModule(): Promise<typeof parquet> {
  ready ??= init({ module_or_path: wasmUrl }).then(() => parquet);
  return ready;
}
