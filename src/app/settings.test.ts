/**
 * Settings: the hub endpoint checks, and the settings kept in localStorage (an in-memory stub
 * here; the module reads storage once when it loads, so each case loads it afresh).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { brokenStorage, memoryStorage, type MemoryStorage } from './test-utils/memory-storage';

const KEY = 'candle-lab.settings.v1';

async function loadSettings(storage: Storage | undefined) {
  vi.stubGlobal('localStorage', storage);
  vi.resetModules();
  return import('./settings');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('validateHubEndpoint', () => {
  let validate: (v: string) => string | null;
  beforeEach(async () => {
    validate = (await loadSettings(memoryStorage())).validateHubEndpoint;
  });

  it('accepts http and https URLs, with a port or a path', () => {
    expect(validate('https://huggingface.co')).toBeNull();
    expect(validate('http://127.0.0.1:5174')).toBeNull();
    expect(validate('https://hf-mirror.example/hub')).toBeNull();
  });
  it('asks for a full URL when the scheme is missing or the text is not a URL', () => {
    for (const v of ['huggingface.co', '', 'not a url', '//huggingface.co'])
      expect(validate(v), v).toBe('Enter a full URL, for example https://huggingface.co');
  });
  it('refuses other schemes, query strings and fragments', () => {
    expect(validate('ftp://huggingface.co')).toBe('The hub endpoint must use http or https.');
    expect(validate('javascript:alert(1)')).toBe('The hub endpoint must use http or https.');
    expect(validate('https://huggingface.co/?token=x')).toBe('Leave out query strings and fragments.');
    expect(validate('https://huggingface.co/#top')).toBe('Leave out query strings and fragments.');
  });
});

describe('normaliseHubEndpoint', () => {
  it('trims spaces and trailing slashes, and keeps a path', async () => {
    const { normaliseHubEndpoint } = await loadSettings(memoryStorage());
    expect(normaliseHubEndpoint('  https://huggingface.co///  ')).toBe('https://huggingface.co');
    expect(normaliseHubEndpoint('http://127.0.0.1:5174/')).toBe('http://127.0.0.1:5174');
    expect(normaliseHubEndpoint('https://hf-mirror.example/hub/')).toBe('https://hf-mirror.example/hub');
    // a normalised endpoint still passes the check
    const { validateHubEndpoint } = await loadSettings(memoryStorage());
    expect(validateHubEndpoint(normaliseHubEndpoint(' https://huggingface.co/ '))).toBeNull();
  });
});

describe('settings kept on this device', () => {
  it('start from the public hub and automatic backend choice', async () => {
    const s = await loadSettings(memoryStorage());
    expect(s.getSettings()).toEqual({ hubEndpoint: s.DEFAULT_HUB_ENDPOINT, backend: 'auto' });
    expect(s.DEFAULT_HUB_ENDPOINT).toBe('https://huggingface.co');
    expect(s.BACKENDS).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('are read back from storage when the app loads', async () => {
    const store = memoryStorage({
      [KEY]: JSON.stringify({ hubEndpoint: 'http://127.0.0.1:5174', backend: 'wasm' }),
    });
    const s = await loadSettings(store);
    expect(s.getSettings()).toEqual({ hubEndpoint: 'http://127.0.0.1:5174', backend: 'wasm' });
  });

  it('fall back field by field on stored values of the wrong kind', async () => {
    const store = memoryStorage({ [KEY]: JSON.stringify({ hubEndpoint: 42, backend: 'quantum' }) });
    expect((await loadSettings(store)).getSettings()).toEqual({
      hubEndpoint: 'https://huggingface.co',
      backend: 'auto',
    });
    const half = memoryStorage({ [KEY]: JSON.stringify({ backend: 'cpu' }) });
    expect((await loadSettings(half)).getSettings()).toEqual({
      hubEndpoint: 'https://huggingface.co',
      backend: 'cpu',
    });
  });

  it('fall back to the defaults on unreadable JSON, disabled storage or no storage at all', async () => {
    const defaults = { hubEndpoint: 'https://huggingface.co', backend: 'auto' };
    expect((await loadSettings(memoryStorage({ [KEY]: '{not json' }))).getSettings()).toEqual(defaults);
    expect((await loadSettings(brokenStorage())).getSettings()).toEqual(defaults);
    expect((await loadSettings(undefined)).getSettings()).toEqual(defaults);
  });

  it('are saved as JSON on update, patch by patch, and survive a reload', async () => {
    const store: MemoryStorage = memoryStorage();
    const s = await loadSettings(store);
    const after = s.updateSettings({ backend: 'webgpu' });
    expect(after).toEqual({ hubEndpoint: 'https://huggingface.co', backend: 'webgpu' });
    expect(s.getSettings()).toBe(after);
    s.updateSettings({ hubEndpoint: 'http://127.0.0.1:5174' });
    expect(JSON.parse(store.data.get(KEY)!)).toEqual({
      hubEndpoint: 'http://127.0.0.1:5174',
      backend: 'webgpu',
    });
    const reloaded = await loadSettings(store);
    expect(reloaded.getSettings()).toEqual({ hubEndpoint: 'http://127.0.0.1:5174', backend: 'webgpu' });
  });

  it('keep an update for the session when storage refuses it', async () => {
    const s = await loadSettings(brokenStorage());
    expect(() => s.updateSettings({ backend: 'cpu' })).not.toThrow();
    expect(s.getSettings().backend).toBe('cpu');
  });
});
