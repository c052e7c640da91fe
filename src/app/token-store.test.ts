import { describe, expect, it } from 'vitest';
import {
  LEGACY_TOKEN_KEY,
  TOKENS_KEY,
  TokenStore,
  hostOf,
  hubOrigin,
  tokenUse,
  type KeyValueStore,
} from './token-store';

function memoryStore(init: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const HF = 'https://huggingface.co';
const MIRROR = 'http://localhost:5174';

describe('hubOrigin', () => {
  it('reduces a hub URL to scheme, host and port', () => {
    expect(hubOrigin('https://huggingface.co/')).toBe(HF);
    expect(hubOrigin(' http://127.0.0.1:5174/api ')).toBe('http://127.0.0.1:5174');
    expect(hubOrigin('http://localhost:5174')).not.toBe(hubOrigin('http://127.0.0.1:5174'));
  });
  it('rejects what is not an http(s) URL', () => {
    expect(hubOrigin('huggingface.co')).toBeNull();
    expect(hubOrigin('javascript:alert(1)')).toBeNull();
    expect(hubOrigin('file:///etc/passwd')).toBeNull();
  });
  it('names the host for the user', () => {
    expect(hostOf('http://127.0.0.1:5174')).toBe('127.0.0.1:5174');
  });
});

describe('tokenUse', () => {
  it('sends a token only to its own origin, asks for any other', () => {
    const t = { value: 'hf_abc', origin: HF };
    expect(tokenUse(t, 'https://huggingface.co/')).toBe('send');
    expect(tokenUse(t, MIRROR)).toBe('confirm');
    expect(tokenUse(t, 'https://huggingface.co.evil.example')).toBe('confirm');
    expect(tokenUse(t, 'http://huggingface.co')).toBe('confirm');
    expect(tokenUse(null, MIRROR)).toBe('none');
    expect(tokenUse({ value: '', origin: HF }, MIRROR)).toBe('none');
  });
});

describe('TokenStore', () => {
  it('remembers a token per origin and never hands it to another', () => {
    const store = memoryStore();
    const tokens = new TokenStore(store, () => HF);
    tokens.save({ value: 'hf_hub', origin: HF }, true);
    expect(tokens.get(`${HF}/`)).toEqual({ value: 'hf_hub', origin: HF });
    expect(tokens.get(MIRROR)).toBeNull();
    expect(tokens.isRemembered(HF)).toBe(true);
    expect(JSON.parse(store.data.get(TOKENS_KEY)!)).toEqual({ [HF]: 'hf_hub' });
  });

  it('keeps a token that is not remembered in memory only, for this session', () => {
    const store = memoryStore();
    const tokens = new TokenStore(store, () => HF);
    tokens.save({ value: 'hf_session', origin: MIRROR }, false);
    expect(tokens.get(MIRROR)?.value).toBe('hf_session');
    expect(tokens.isRemembered(MIRROR)).toBe(false);
    expect([...store.data.values()].join()).not.toContain('hf_session');
    // a fresh page (a new store object) does not have it
    expect(new TokenStore(store, () => HF).get(MIRROR)).toBeNull();
  });

  it('unticking "remember" forgets the saved token of that origin only', () => {
    const store = memoryStore();
    const tokens = new TokenStore(store, () => HF);
    tokens.save({ value: 'hf_a', origin: HF }, true);
    tokens.save({ value: 'hf_b', origin: MIRROR }, true);
    tokens.save({ value: 'hf_a', origin: HF }, false);
    expect(tokens.isRemembered(HF)).toBe(false);
    expect(JSON.parse(store.data.get(TOKENS_KEY)!)).toEqual({ [MIRROR]: 'hf_b' });
    tokens.save({ value: '', origin: MIRROR }, true);
    expect(store.data.has(TOKENS_KEY)).toBe(false);
    expect(tokens.get(HF)?.value).toBe('hf_a'); // still in memory for this session
  });

  it('moves the single token of earlier versions to the Settings hub origin', () => {
    const store = memoryStore({ [LEGACY_TOKEN_KEY]: 'hf_old' });
    const tokens = new TokenStore(store, () => 'http://127.0.0.1:5174/');
    expect(tokens.get(MIRROR)).toBeNull();
    expect(tokens.get('http://127.0.0.1:5174')).toEqual({ value: 'hf_old', origin: 'http://127.0.0.1:5174' });
    expect(store.data.has(LEGACY_TOKEN_KEY)).toBe(false);
  });

  it('drops the old token when the Settings hub is not a valid URL', () => {
    const store = memoryStore({ [LEGACY_TOKEN_KEY]: 'hf_old' });
    const tokens = new TokenStore(store, () => 'not a url');
    expect(tokens.suggest(HF)).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('suggests its own token first, else one bound to its other origin', () => {
    const tokens = new TokenStore(memoryStore(), () => HF);
    expect(tokens.suggest(MIRROR)).toBeNull();
    tokens.save({ value: 'hf_hub', origin: HF }, true);
    expect(tokens.suggest(MIRROR)).toEqual({ value: 'hf_hub', origin: HF });
    tokens.save({ value: 'hf_m', origin: MIRROR }, false);
    expect(tokens.suggest(MIRROR)).toEqual({ value: 'hf_m', origin: MIRROR });
  });

  it('ignores a corrupt saved value', () => {
    const tokens = new TokenStore(memoryStore({ [TOKENS_KEY]: '{not json' }), () => HF);
    expect(tokens.get(HF)).toBeNull();
  });

  it('works for the session when the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const tokens = new TokenStore(refusing, () => HF);
    expect(tokens.get(HF)).toBeNull();
    tokens.save({ value: 'hf_s', origin: HF }, false);
    expect(tokens.get(HF)?.value).toBe('hf_s');
    expect(tokens.get(MIRROR)).toBeNull();
  });
});
