/**
 * Decoded tables -> per-symbol columns: applies the column mapping, parses times, takes the
 * symbol from the symbol column or the file, and concatenates the rows of each symbol across
 * files (validation then sorts, de-duplicates and checks them).
 */
import { detectColumns, type ColumnMapping } from './columns';
import { DataError } from '../errors';
import { normalizeSymbol } from './symbols';
import { numericValues, type RawTable } from './table';
import { parseTimes, type EpochUnit, type TimestampInfo } from './timestamps';
import type { BarColumnsInput } from './validate';

/** Runs of consecutive rows at least this long are copied as blocks (shorter: row by row). */
const MIN_BLOCK_COPY = 32;

const EMPTY = new Float64Array(0);
/** source column -> BarColumnsInput column, in copy order (time last, its length is used above) */
const COLUMN_KEYS = [
  ['o', 'open'],
  ['h', 'high'],
  ['l', 'low'],
  ['c', 'close'],
  ['v', 'volume'],
  ['time', 'time'],
] as const;

export interface AssembleOptions {
  mapping?: Partial<ColumnMapping>;
  timestampUnit?: EpochUnit;
  /** normalise symbols (BTCUSDT -> BTC/USDT, see symbols.ts); default true */
  normalizeSymbols?: boolean;
  /** only these symbols (compared after normalisation); unknown ones are an error */
  symbols?: string[];
}

export interface AssembleInput {
  table: RawTable;
  /** the symbol of a one-symbol file, used when the table has no symbol column */
  fileSymbol: string | null;
}

export interface Assembled {
  columns: BarColumnsInput[];
  mappings: ColumnMapping[];
  timestamps: TimestampInfo[];
  volumeMissing: boolean;
  /** rows dropped because their symbol cell was empty */
  rowsWithoutSymbol: number;
}

interface Piece {
  /** the decoded columns; each is set to null once copied into every symbol's columns */
  table: {
    time: Float64Array | null;
    o: Float64Array | null;
    h: Float64Array | null;
    l: Float64Array | null;
    c: Float64Array | null;
    v: Float64Array | null;
  };
  rows: Uint32Array | null; // null: all rows
}

export function assembleColumns(inputs: AssembleInput[], opts: AssembleOptions = {}): Assembled {
  const norm = opts.normalizeSymbols ?? true;
  const fix = (s: string) => (norm ? normalizeSymbol(s) : s.trim());
  const pieces = new Map<string, Piece[]>();
  const mappings: ColumnMapping[] = [];
  const timestamps: TimestampInfo[] = [];
  let volumeMissing = false;
  let rowsWithoutSymbol = 0;

  for (const { table, fileSymbol } of inputs) {
    const mapping = detectColumns(table.columnNames, opts.mapping);
    mappings.push(mapping);
    const times = parseTimes(table.column(mapping.time), { unit: opts.timestampUnit });
    timestamps.push(times.info);
    const cols: Piece['table'] = {
      time: times.ms,
      o: numericValues(table.column(mapping.open)),
      h: numericValues(table.column(mapping.high)),
      l: numericValues(table.column(mapping.low)),
      c: numericValues(table.column(mapping.close)),
      v: mapping.volume ? numericValues(table.column(mapping.volume)) : null,
    };
    if (!mapping.volume) volumeMissing = true;
    const add = (sym: string, rows: Uint32Array | null) => {
      const list = pieces.get(sym) ?? [];
      list.push({ table: cols, rows });
      pieces.set(sym, list);
    };
    if (mapping.symbol) {
      const col = table.column(mapping.symbol);
      const raw =
        col.kind === 'string'
          ? col.values
          : Array.from(numericValues(col), (x) => (Number.isNaN(x) ? null : String(x)));
      const codes = new Int32Array(raw.length);
      const names: string[] = [];
      const index = new Map<string | null, number>();
      let prev: string | null | undefined;
      let prevCode = -1;
      for (let i = 0; i < raw.length; i++) {
        const r = raw[i];
        if (r !== prev) {
          let code = index.get(r);
          if (code === undefined) {
            code = names.length;
            names.push(r === null || r.trim() === '' ? '' : fix(r));
            index.set(r, code);
          }
          prev = r;
          prevCode = code;
        }
        codes[i] = prevCode;
      }
      // several raw spellings may normalise to one symbol
      const bySymbol = new Map<string, number[]>();
      names.forEach((s, code) => bySymbol.set(s, [...(bySymbol.get(s) ?? []), code]));
      // one pass per symbol into a shared buffer, then a copy of the rows found
      const found = new Uint32Array(codes.length);
      for (const [sym, codeList] of bySymbol) {
        if (sym === '') {
          // rows without a symbol cannot be placed: counted and reported
          for (let i = 0; i < codes.length; i++) if (names[codes[i]] === '') rowsWithoutSymbol++;
          continue;
        }
        const want = new Uint8Array(names.length);
        for (const c of codeList) want[c] = 1;
        let count = 0;
        for (let i = 0; i < codes.length; i++) {
          found[count] = i;
          count += want[codes[i]];
        }
        add(sym, count === codes.length ? null : found.slice(0, count));
      }
    } else {
      const sym = fileSymbol ? fix(fileSymbol) : null;
      if (!sym) {
        throw new DataError(
          'missing-column',
          `${table.source} has no symbol column and its name does not say the symbol: expected a column like symbol/ticker/pair or a file named like BTCUSDT_1h.csv; found columns ${table.columnNames.join(', ')}.`,
        );
      }
      add(sym, null);
    }
  }

  let wanted = [...pieces.keys()];
  if (opts.symbols && opts.symbols.length) {
    const asked = opts.symbols.map(fix);
    const missing = asked.filter((s) => !pieces.has(s));
    if (missing.length) {
      throw new DataError(
        'unknown-symbol',
        `Symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in the data: found ${wanted.length ? wanted.join(', ') : 'no symbols'}.`,
      );
    }
    wanted = asked;
  }

  // one column at a time, for every symbol, and the source column is dropped once copied: the
  // decoded columns and the per-symbol copies are never all alive together (peak memory)
  const sizes = wanted.map((symbol) =>
    pieces.get(symbol)!.reduce((s, p) => s + (p.rows ? p.rows.length : p.table.time!.length), 0),
  );
  const columns: BarColumnsInput[] = wanted.map((symbol) => ({
    symbol,
    time: EMPTY,
    open: EMPTY,
    high: EMPTY,
    low: EMPTY,
    close: EMPTY,
    volume: EMPTY,
  }));
  const sources = new Set<Piece['table']>();
  for (const list of pieces.values()) for (const p of list) sources.add(p.table);
  for (const [key, outKey] of COLUMN_KEYS) {
    wanted.forEach((symbol, k) => {
      const out = new Float64Array(sizes[k]);
      let at = 0;
      for (const { table: t, rows } of pieces.get(symbol)!) {
        const src = t[key];
        const len = rows ? rows.length : t.time!.length;
        if (!src) {
          at += len; // no volume column: zeros
          continue;
        }
        if (!rows) {
          out.set(src, at);
          at += len;
          continue;
        }
        // a file sorted by symbol gives long runs of consecutive rows: those are block copies
        for (let j = 0; j < rows.length;) {
          const i0 = rows[j];
          let e = j + 1;
          while (e < rows.length && rows[e] === i0 + (e - j)) e++;
          const run = e - j;
          if (run >= MIN_BLOCK_COPY) out.set(src.subarray(i0, i0 + run), at);
          else for (let i = 0; i < run; i++) out[at + i] = src[i0 + i];
          at += run;
          j = e;
        }
      }
      columns[k][outKey] = out;
    });
    // the time column's length is still needed above until every other column is copied
    if (key !== 'time') for (const t of sources) t[key] = null;
  }
  for (const t of sources) t.time = null;
  return { columns, mappings, timestamps, volumeMissing, rowsWithoutSymbol };
}
