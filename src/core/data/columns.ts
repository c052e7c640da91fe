/**
 * Column mapping: which source column holds the time, open, high, low, close, volume and
 * (optionally) symbol. Detected case-insensitively from common aliases; the user can
 * override any of it. A missing required column is an error that lists the columns found.
 */
import { DataError } from '../errors';

export interface ColumnMapping {
  time: string;
  open: string;
  high: string;
  low: string;
  close: string;
  /** null: the data has no volume column (volumes are then 0 and the report says so) */
  volume: string | null;
  /** null: one symbol per file (taken from the file name or the request) */
  symbol: string | null;
}

export type ColumnRole = keyof ColumnMapping;

/** Aliases in priority order, compared after lower-casing and turning spaces/dashes into '_'. */
export const COLUMN_ALIASES: Record<ColumnRole, readonly string[]> = {
  time: [
    'timestamp',
    'time',
    'date',
    'datetime',
    'date_time',
    'open_time',
    'opentime',
    'timestamp_utc',
    'time_utc',
    'ts',
    'unix',
    'unix_time',
    'candle_begin_time',
    'start_time',
    'gmt_time',
    't',
  ],
  open: ['open', 'o', 'open_price', 'opening_price', 'first'],
  high: ['high', 'h', 'high_price', 'max'],
  low: ['low', 'l', 'low_price', 'min'],
  close: ['close', 'c', 'close_price', 'closing_price', 'last'],
  volume: [
    'volume',
    'v',
    'vol',
    'base_volume',
    'volume_base',
    'volumefrom',
    'volume_from',
    'base_asset_volume',
  ],
  symbol: ['symbol', 'ticker', 'pair', 'instrument', 'market', 'asset', 'coin', 'sym'],
};

const REQUIRED: ColumnRole[] = ['time', 'open', 'high', 'low', 'close'];
const ALL_ROLES: ColumnRole[] = ['time', 'open', 'high', 'low', 'close', 'volume', 'symbol'];

export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Headerless CSVs (col0, col1, ...) are read positionally as time, open, high, low, close[, volume]. */
function positional(names: string[]): Partial<ColumnMapping> | null {
  if (names.length < 5 || !names.every((n, i) => n === `col${i}`)) return null;
  return {
    time: 'col0',
    open: 'col1',
    high: 'col2',
    low: 'col3',
    close: 'col4',
    volume: names.length > 5 ? 'col5' : null,
  };
}

/**
 * Detects the mapping from the column names; `override` entries win (a string names a column,
 * null says "none" for volume/symbol). Throws DataError('missing-column') listing what was found.
 */
export function detectColumns(names: string[], override: Partial<ColumnMapping> = {}): ColumnMapping {
  const found = `found columns: ${names.length ? names.map((n) => JSON.stringify(n)).join(', ') : '(none)'}`;
  const byNorm = new Map<string, string>();
  for (const n of names) if (!byNorm.has(normalizeColumnName(n))) byNorm.set(normalizeColumnName(n), n);
  const pos = positional(names);
  const taken = new Set<string>();
  const out: Partial<Record<ColumnRole, string | null>> = {};

  for (const role of ALL_ROLES) {
    if (role in override && override[role] !== undefined) {
      const want = override[role];
      if (want !== null && !names.includes(want)) {
        throw new DataError(
          'missing-column',
          `Column ${JSON.stringify(want)} chosen for ${role} is not in the data; ${found}.`,
        );
      }
      out[role] = want;
      if (want) taken.add(want);
    }
  }
  for (const role of ALL_ROLES) {
    if (role in out) continue;
    let hit: string | undefined;
    for (const alias of COLUMN_ALIASES[role]) {
      const n = byNorm.get(alias);
      if (n !== undefined && !taken.has(n)) {
        hit = n;
        break;
      }
    }
    if (hit === undefined && pos && pos[role] !== undefined) hit = pos[role] ?? undefined;
    out[role] = hit ?? null;
    if (hit) taken.add(hit);
  }
  const missing = REQUIRED.filter((r) => !out[r]);
  // a required role whose usual column was given to another role by the user: say so
  for (const r of missing) {
    const usual = COLUMN_ALIASES[r].map((a) => byNorm.get(a)).find((n) => n !== undefined && taken.has(n));
    const owner = usual && ALL_ROLES.find((o) => out[o] === usual && o !== r);
    if (usual && owner) {
      throw new DataError(
        'missing-column',
        `Column ${JSON.stringify(usual)} is mapped to ${owner}, so nothing is left for ${r}: choose a column for ${r} too, or map ${owner} to another column; ${found}.`,
      );
    }
  }
  if (missing.length) {
    throw new DataError(
      'missing-column',
      `Missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: expected a time column and open/high/low/close ` +
        `(names like ${missing.map((r) => COLUMN_ALIASES[r].slice(0, 3).join('/')).join('; ')}); ${found}.`,
    );
  }
  return out as ColumnMapping;
}
