/**
 * Hugging Face access tokens, each bound to the hub origin it was entered for.
 *
 * A remembered token lives in localStorage under its origin (`https://huggingface.co`),
 * a token that is not remembered lives in memory for this page session. A token is only
 * handed out for its own origin; sending one elsewhere is the caller's decision, taken
 * with `tokenUse` (which says when the user has to confirm). The single token of earlier
 * versions (no origin) is moved to the origin of the Settings hub endpoint on first read.
 */

/** The subset of `Storage` this module needs (a Map-backed fake in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const TOKENS_KEY = 'candle-lab.hf-tokens.v2';
export const LEGACY_TOKEN_KEY = 'candle-lab.hf-token.v1';

/** A token and the hub origin it belongs to. */
export interface BoundToken {
  value: string;
  origin: string;
}

/** The origin (`scheme://host[:port]`) of an http(s) hub URL, or null when it is not one. */
export function hubOrigin(hubUrl: string): string | null {
  try {
    const url = new URL(hubUrl.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The host of an origin as a user reads it (`huggingface.co`, `127.0.0.1:5174`). */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/**
 * What to do with `token` for a request to `hubUrl`: nothing to send, send it (its own
 * origin), or ask the user first (it was entered or saved for another origin).
 */
export function tokenUse(token: BoundToken | null, hubUrl: string): 'none' | 'send' | 'confirm' {
  if (!token || !token.value) return 'none';
  return hubOrigin(hubUrl) === token.origin ? 'send' : 'confirm';
}

export class TokenStore {
  private session = new Map<string, string>();

  constructor(
    private readonly store: KeyValueStore,
    /** the hub a token saved by an earlier version (without origin) belongs to */
    private readonly legacyHub: () => string,
  ) {}

  private read(): Record<string, string> {
    let saved: Record<string, string> = {};
    try {
      const raw = this.store.getItem(TOKENS_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (parsed && typeof parsed === 'object')
        saved = Object.fromEntries(
          Object.entries(parsed).filter(([, v]) => typeof v === 'string' && v !== ''),
        ) as Record<string, string>;
    } catch {
      saved = {};
    }
    try {
      const legacy = this.store.getItem(LEGACY_TOKEN_KEY);
      if (legacy !== null) {
        const origin = hubOrigin(this.legacyHub());
        if (origin && legacy && !saved[origin]) saved[origin] = legacy;
        this.write(saved);
        this.store.removeItem(LEGACY_TOKEN_KEY);
      }
    } catch {
      // storage disabled: nothing to move
    }
    return saved;
  }

  private write(saved: Record<string, string>): void {
    try {
      if (Object.keys(saved).length) this.store.setItem(TOKENS_KEY, JSON.stringify(saved));
      else this.store.removeItem(TOKENS_KEY);
    } catch {
      // storage full or disabled: the token still works for this session
    }
  }

  /** The token for this hub's origin: remembered on the device, else kept for this session. */
  get(hubUrl: string): BoundToken | null {
    const origin = hubOrigin(hubUrl);
    if (!origin) return null;
    const value = this.read()[origin] ?? this.session.get(origin);
    return value ? { value, origin } : null;
  }

  /** Whether the token of this hub's origin is remembered on the device. */
  isRemembered(hubUrl: string): boolean {
    const origin = hubOrigin(hubUrl);
    return origin !== null && this.read()[origin] !== undefined;
  }

  /**
   * A token to show in an empty form for `hubUrl`: its own, else one remembered for
   * another origin (still bound to that origin, so using it needs the user's word).
   */
  suggest(hubUrl: string): BoundToken | null {
    const own = this.get(hubUrl);
    if (own) return own;
    const [first] = Object.entries(this.read());
    return first ? { value: first[1], origin: first[0] } : null;
  }

  /**
   * Saves `token` for its origin: on the device when `remember`, else for this session
   * only (and any remembered token of that origin is forgotten). An empty value clears both.
   */
  save(token: BoundToken, remember: boolean): void {
    const saved = this.read();
    if (token.value && remember) {
      saved[token.origin] = token.value;
      this.session.delete(token.origin);
    } else {
      delete saved[token.origin];
      if (token.value) this.session.set(token.origin, token.value);
      else this.session.delete(token.origin);
    }
    this.write(saved);
  }
}

let appStore: TokenStore | null = null;

/** The app's token store over localStorage (created on first use). */
export function appTokens(legacyHub: () => string): TokenStore {
  appStore ??= new TokenStore(localStorage, legacyHub);
  return appStore;
}
