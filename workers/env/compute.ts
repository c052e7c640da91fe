/**
 * The worker's compute environment: which TensorFlow.js backend is active, and the
 * checked self-test computation on it. State lives here so every API namespace sees
 * the same backend.
 */
import type {
  BackendInfo,
  BackendName,
  BackendPreference,
  BackendSelfTest,
} from '../../src/core/compute/backend-types';
import { runBackendSelfTest } from '../../src/core/compute/self-test';
import { crossBackendCheck } from '../../src/core/compute/cross-backend';
import type { Bars } from '../../src/core/data/bars';
import { selectBackend, tf } from './tf-backend';
import { InternalError } from '../../src/core/errors';

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

export function initCompute(preference: BackendPreference = 'auto'): Promise<BackendInfo> {
  pending = selectBackend(preference).then((info) => (current = info));
  return pending;
}

/** The active backend, selecting 'auto' first if nobody asked yet. */
export async function ensureCompute(): Promise<BackendInfo> {
  if (current) return current;
  return pending ?? initCompute('auto');
}

export async function computeSelfTest(): Promise<BackendSelfTest> {
  const info = await ensureCompute();
  return runBackendSelfTest({
    backend: info.backend,
    activate: async (name) => {
      const ok = await tf.setBackend(name);
      if (!ok) throw new InternalError(`could not switch the TensorFlow.js backend to ${name}`);
    },
  });
}

/** Trains one seeded MLP on the active backend and on cpu, and compares predictions. */
export async function computeCrossCheck(bars: Bars) {
  const info = await ensureCompute();
  const activate = async (name: BackendName) => {
    const ok = await tf.setBackend(name);
    if (!ok) throw new InternalError(`could not switch the TensorFlow.js backend to ${name}`);
  };
  try {
    return await crossBackendCheck({ bars, backends: [info.backend, 'cpu'], activate });
  } finally {
    await activate(info.backend);
  }
}
