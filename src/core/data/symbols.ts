/**
 * Symbols: from a symbol column or from a file name, normalised conservatively.
 *
 * Rule (documented, deliberately narrow): a symbol written with a separator (`BTC-USDT`,
 * `btc_usdt`, `BTC/USDT`) becomes upper-case `BASE/QUOTE`. A symbol without a separator is
 * split only when it ends in a known stablecoin or fiat quote and at least two characters are
 * left for the base (`BTCUSDT` -> `BTC/USDT`, `ETHEUR` -> `ETH/EUR`); crypto-quoted pairs such as
 * `ETHBTC` are left as written because their split is ambiguous. Anything else is upper-cased only.
 */
/** Longest first, so FDUSD wins over USD and USDT over USD. */
export const KNOWN_QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USDP',
  'DAI',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'TRY',
  'BRL',
  'AUD',
] as const;

export function normalizeSymbol(raw: string): string {
  const s = raw.trim().toUpperCase();
  const parts = s.split(/[-_/:]/).filter(Boolean);
  if (parts.length === 2) return `${parts[0]}/${parts[1]}`;
  if (parts.length !== 1) return s;
  for (const q of KNOWN_QUOTES) {
    if (s.endsWith(q) && s.length - q.length >= 2) return `${s.slice(0, s.length - q.length)}/${q}`;
  }
  return s;
}

const TIMEFRAME_SUFFIX =
  /^(\d+(s|m|min|h|d|w|mo)|minute|hourly|hour|daily|day|weekly|1m|ohlcv?|klines?|candles?|spot|data)$/i;

/**
 * The symbol a one-symbol file is named after: `csv/BTCUSDT_1h.csv` -> `BTCUSDT`,
 * `ETH-USD.daily.parquet` -> `ETH-USD`. Returns null when nothing symbol-like is left.
 */
export function symbolFromFileName(path: string): string | null {
  const base = path.split('/').pop() ?? path;
  let stem = base.replace(/\.(csv|tsv|txt|parquet|jsonl|ndjson|json)(\.gz)?$/i, '');
  // drop trailing timeframe / descriptive parts separated by _ . or -
  for (;;) {
    const m = /^(.*?)[_.-]([^_.-]+)$/.exec(stem);
    if (!m || !TIMEFRAME_SUFFIX.test(m[2]) || m[1] === '') break;
    stem = m[1];
  }
  stem = stem.replace(/^(train|test|validation)-\d+-of-\d+$/i, '');
  return /^[A-Za-z0-9][A-Za-z0-9_/-]{0,30}$/.test(stem) && /[A-Za-z]/.test(stem) ? stem : null;
}
