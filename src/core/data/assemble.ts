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
  table: {
    time: Float64Array;
    o: Float64Array;
    h: Float64Array;
    l: Float64Array;
    c: Float64Array;
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

  const columns: BarColumnsInput[] = wanted.map((symbol) => {
    const list = pieces.get(symbol)!;
    const n = list.reduce((s, p) => s + (p.rows ? p.rows.length : p.table.time.length), 0);
    const out: BarColumnsInput = {
      symbol,
      time: new Float64Array(n),
      open: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
    };
    let at = 0;
    for (const { table: t, rows } of list) {
      if (!rows) {
        out.time.set(t.time, at);
        out.open.set(t.o, at);
        out.high.set(t.h, at);
        out.low.set(t.l, at);
        out.close.set(t.c, at);
        if (t.v) out.volume.set(t.v, at);
        at += t.time.length;
      } else {
        // a file sorted by symbol gives long runs of consecutive rows: those are block copies
        for (let j = 0; j < rows.length;) {
          const i0 = rows[j];
          let e = j + 1;
          while (e < rows.length && rows[e] === i0 + (e - j)) e++;
          const len = e - j;
          if (len >= MIN_BLOCK_COPY) {
            out.time.set(t.time.subarray(i0, i0 + len), at);
            out.open.set(t.o.subarray(i0, i0 + len), at);
            out.high.set(t.h.subarray(i0, i0 + len), at);
            out.low.set(t.l.subarray(i0, i0 + len), at);
            out.close.set(t.c.subarray(i0, i0 + len), at);
            if (t.v) out.volume.set(t.v.subarray(i0, i0 + len), at);
            at += len;
          } else {
            for (let i = i0; i < i0 + len; i++) {
              out.time[at] = t.time[i];
              out.open[at] = t.o[i];
              out.high[at] = t.h[i];
              out.low[at] = t.l[i];
              out.close[at] = t.c[i];
              out.volume[at] = t.v ? t.v[i] : 0;
              at++;
            }
          }
          j = e;
        }
      }
    }
    return out;
  });
  return { columns, mappings, timestamps, volumeMissing, rowsWithoutSymbol };
}
