/**
 * User settings kept on this device (localStorage): the Hugging Face hub endpoint and
 * the compute backend preference. Never holds an access token.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { BackendPreference } from '../core/compute/backend-types';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

export interface Settings {
  hubEndpoint: string;
  backend: BackendPreference;
}

const KEY = 'candle-lab.settings.v1';
const DEFAULTS: Settings = { hubEndpoint: DEFAULT_HUB_ENDPOINT, backend: 'auto' };
const BACKENDS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function read(): Settings {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULTS;
    const parsed = JSON.parse(raw) as Partial<Settings>;
    return {
      hubEndpoint: typeof parsed.hubEndpoint === 'string' ? parsed.hubEndpoint : DEFAULTS.hubEndpoint,
      backend: BACKENDS.includes(parsed.backend as BackendPreference)
        ? (parsed.backend as BackendPreference)
        : DEFAULTS.backend,
    };
  } catch {
    return DEFAULTS;
  }
}

let snapshot = read();
const listeners = new Set<() => void>();

export function getSettings(): Settings {
  return snapshot;
}

export function updateSettings(patch: Partial<Settings>): Settings {
  snapshot = { ...snapshot, ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(snapshot));
  } catch {
    // storage full or disabled: keep the in-memory value for this session
  }
  listeners.forEach((l) => l());
  return snapshot;
}

/** Checks a hub endpoint; returns an error message or null. */
export function validateHubEndpoint(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, for example https://huggingface.co';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The hub endpoint must use http or https.';
  if (url.search || url.hash) return 'Leave out query strings and fragments.';
  return null;
}

export function normaliseHubEndpoint(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

export function useSettings(): [Settings, (patch: Partial<Settings>) => void] {
  const value = useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, getSettings);
  const set = useCallback((patch: Partial<Settings>) => void updateSettings(patch), []);
  return [value, set];
}

export { BACKENDS };
