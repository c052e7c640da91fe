/**
 * TensorFlow.js backend selection inside a worker: webgpu, then webgl, wasm, cpu.
 *
 * Pitfalls handled (see DESIGN.md): tfjs-backend-webgpu registers itself only when
 * `navigator.gpu` exists at import time, and `tf.setBackend('webgpu')` can resolve to
 * false while `tf.getBackend()` still names webgpu; so every attempt checks the result
 * AND that a tiny op actually runs, then falls back explicitly to the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendName, BackendPreference } from '../../src/core/compute/backend-types';
import { BACKEND_ORDER } from '../../src/core/compute/backend-types';
import { InternalError } from '../../src/core/errors';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

async function adapterInfo(name: BackendName): Promise<string> {
  try {
    if (name === 'webgpu' && 'gpu' in navigator && navigator.gpu) {
      // the adapter the backend's device came from: no second adapter is requested, so the
      // worker keeps one WebGPU adapter and device for its lifetime
      const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } })
        .adapterInfo as GPUAdapterInfo | undefined;
      if (!info) return 'WebGPU adapter (no info)';
      const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s);
      return parts.length ? parts.join(' / ') : 'WebGPU adapter (anonymous)';
    }
    if (name === 'webgl') return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
    if (name === 'wasm') return 'WebAssembly (SIMD if supported)';
    return 'JavaScript (cpu)';
  } catch {
    return 'unknown';
  }
}

/** Tries one backend; true only when it is active AND a small op runs on it. */
async function tryBackend(name: BackendName): Promise<string | null> {
  if (!tf.findBackendFactory(name)) return `${name}: not registered in this browser`;
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) return `${name}: setBackend returned ${ok}`;
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const v = (await probe.data())[0];
    probe.dispose();
    if (v !== 3) return `${name}: probe computed ${v}, expected 3`;
    return null;
  } catch (err) {
    return `${name}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Activates the preferred backend, or the first that works in BACKEND_ORDER.
 * A forced backend that fails falls back too, and the reason is reported.
 */
export async function selectBackend(preference: BackendPreference): Promise<BackendInfo> {
  const order: BackendName[] =
    preference === 'auto'
      ? [...BACKEND_ORDER]
      : [preference, ...BACKEND_ORDER.filter((b) => b !== preference)];
  const failures: string[] = [];
  for (const name of order) {
    const failure = await tryBackend(name);
    if (failure === null) {
      return { backend: name, preference, adapter: await adapterInfo(name), fallbacks: failures };
    }
    failures.push(failure);
  }
  throw new InternalError(
    `No TensorFlow.js backend works in this browser: ${failures.join('; ')}. Try another browser, or update this one.`,
    'no-backend',
  );
}

export { tf };
