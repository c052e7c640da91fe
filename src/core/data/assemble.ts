/**
 * Decoded tables -> per-symbol columns: applies the column mapping, parses times, takes the
 * symbol from the symbol column or the file, and concatenates the rows of each symbol across
 * files (validation then sorts, de-duplicates and checks them).
 *
 * Two passes per table: the time and symbol columns first (where every row goes), then the
 * price and volume columns, each written straight into the per-symbol columns, which are
 * allocated once at their final size. A table that can be scanned in row chunks (parquet) never
 * has a whole price column in memory; other tables hand over one column at a time.
 */
import { detectColumns, type ColumnMapping } from './columns';
import { DataError } from '../errors';
import { normalizeSymbol } from './symbols';
import {
  allocColumn,
  copyColumn,
  toNumber,
  type ChunkColumn,
  type RawColumn,
  type RawTable,
  type ScanPass,
} from './table';
import { parseTimes, type EpochUnit, type TimestampInfo } from './timestamps';
import type { BarColumnsInput } from './validate';

/** Runs of consecutive rows at least this long are copied as blocks (shorter: row by row). */
const MIN_BLOCK_COPY = 32;
/** rows placed per step when copying a whole column (bounds the run list) */
const PLACE_ROWS = 1 << 16;

type ValueKey = 'open' | 'high' | 'low' | 'close' | 'volume';
const VALUE_KEYS: readonly ValueKey[] = ['open', 'high', 'low', 'close', 'volume'];

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

/** One table after the first pass. */
interface Part {
  table: RawTable;
  mapping: ColumnMapping;
  rows: number;
  /** epoch ms per row in file order; null once copied */
  times: Float64Array | null;
  /** the symbol id of each row (-1: no symbol); null when every row has `only` */
  rowSymbol: Int32Array | null;
  only: number;
}

/** Raw symbol cells -> codes, one per distinct cell (in order of first appearance). */
class SymbolCoder {
  readonly raw: (string | null)[] = [];
  private index = new Map<string | null, number>();
  /** coded chunks: the chunk dictionary's code -> this coder's code (-1: not seen yet) */
  private fromBook: number[] = [];
  private codesOfRows: Int32Array | null = null;

  constructor(private readonly rows: number) {}

  /** each row's code (after every add) */
  get codes(): Int32Array {
    return (this.codesOfRows ??= new Int32Array(this.rows));
  }

  private codeOf(r: string | null): number {
    let code = this.index.get(r);
    if (code === undefined) {
      code = this.raw.length;
      this.raw.push(r);
      this.index.set(r, code);
    }
    return code;
  }

  add(at: number, rows: number, col: ChunkColumn): void {
    if (col.kind === 'coded') {
      // a whole column the decoder hands over: its codes are rewritten in place and kept
      const whole = col.owned && at === 0 && rows === this.rows && !this.codesOfRows;
      if (whole) this.codesOfRows = col.codes.subarray(0, rows);
      const codes = this.codes;
      let prev = -1;
      let prevCode = -1;
      for (let i = 0; i < rows; i++) {
        const c = col.codes[i];
        if (c !== prev) {
          let code = this.fromBook[c] ?? -1;
          if (code < 0) this.fromBook[c] = code = this.codeOf(col.dictionary[c]);
          prev = c;
          prevCode = code;
        }
        codes[at + i] = prevCode;
      }
      return;
    }
    const codes = this.codes;
    const raw =
      col.kind === 'string'
        ? col.values
        : Array.from(col.kind === 'number' ? col.values : col.valuesMs, (x) =>
            Number.isNaN(x) ? null : String(x),
          );
    let prev: string | null | undefined;
    let prevCode = -1;
    for (let i = 0; i < rows; i++) {
      const r = raw[i];
      if (r !== prev) {
        prevCode = this.codeOf(r);
        prev = r;
      }
      codes[at + i] = prevCode;
    }
  }
}

/** A chunk column as numbers: numbers as is, timestamps as epoch ms, text parsed. */
function chunkNumbers(col: ChunkColumn, rows: number): Float64Array {
  if (col.kind === 'number') return col.values;
  if (col.kind === 'timestamp') return col.valuesMs;
  const out = new Float64Array(rows);
  if (col.kind === 'string') {
    for (let i = 0; i < rows; i++) out[i] = toNumber(col.values[i]);
  } else {
    const byCode = col.dictionary.map(toNumber);
    for (let i = 0; i < rows; i++) out[i] = byCode[col.codes[i]];
  }
  return out;
}

/** A whole chunk column as a RawColumn that owns its memory (coded text as strings). */
function ownColumn(col: ChunkColumn, rows: number): RawColumn {
  if (col.kind === 'coded')
    return { kind: 'string', values: Array.from(col.codes.subarray(0, rows), (c) => col.dictionary[c]) };
  return col;
}

/**
 * Where the rows of a part go: runs of consecutive rows of one symbol, as (output, first row
 * relative to the chunk, length, first output row) quadruples. `cursor` (next free row of each
 * output) advances.
 */
function placeRows(
  part: Part,
  outIndex: Int32Array,
  at: number,
  rows: number,
  cursor: Int32Array,
  runs: Int32Array,
): number {
  let n = 0;
  if (!part.rowSymbol) {
    const k = outIndex[part.only];
    if (k >= 0 && rows > 0) {
      runs.set([k, 0, rows, cursor[k]], 0);
      cursor[k] += rows;
      n = 4;
    }
    return n;
  }
  const sym = part.rowSymbol;
  for (let i = 0; i < rows;) {
    const s = sym[at + i];
    let e = i + 1;
    while (e < rows && sym[at + e] === s) e++;
    const k = s >= 0 ? outIndex[s] : -1;
    if (k >= 0) {
      runs[n] = k;
      runs[n + 1] = i;
      runs[n + 2] = e - i;
      runs[n + 3] = cursor[k];
      cursor[k] += e - i;
      n += 4;
    }
    i = e;
  }
  return n;
}

function copyRuns(runs: Int32Array, n: number, src: Float64Array, outs: Float64Array[]): void {
  for (let j = 0; j < n; j += 4) {
    const out = outs[runs[j]];
    const s = runs[j + 1];
    const len = runs[j + 2];
    const d = runs[j + 3];
    if (len >= MIN_BLOCK_COPY) out.set(src.subarray(s, s + len), d);
    else for (let i = 0; i < len; i++) out[d + i] = src[s + i];
  }
}

/** The per-symbol columns and where each part's rows start in them. */
interface Layout {
  columns: BarColumnsInput[];
  /** symbol id -> index in `columns` (-1: not wanted) */
  outIndex: Int32Array;
  /** per part: the first row of each output that the part's rows fill */
  starts: Int32Array[];
}

export function assembleColumns(inputs: AssembleInput[], opts: AssembleOptions = {}): Assembled {
  const norm = opts.normalizeSymbols ?? true;
  const fix = (s: string) => (norm ? normalizeSymbol(s) : s.trim());
  const mappings: ColumnMapping[] = [];
  const timestamps: TimestampInfo[] = [];
  let volumeMissing = false;
  let rowsWithoutSymbol = 0;
  // symbols in order of first appearance, across files
  const symbolIds = new Map<string, number>();
  const symbolOf = (s: string) => {
    let id = symbolIds.get(s);
    if (id === undefined) symbolIds.set(s, (id = symbolIds.size));
    return id;
  };
  const parts: Part[] = [];
  // sized on first use, for the largest chunk placed (four numbers per run, at most a run per row)
  let runs = new Int32Array(0);
  const runsFor = (rows: number) => {
    if (runs.length < 4 * rows) runs = new Int32Array(4 * rows);
    return runs;
  };

  /** after every part's first pass: the per-symbol columns at their final size */
  function allocate(): Layout {
    let wanted = [...symbolIds.keys()];
    if (opts.symbols && opts.symbols.length) {
      const asked = [...new Set(opts.symbols.map(fix))];
      const missing = asked.filter((s) => !symbolIds.has(s));
      if (missing.length) {
        throw new DataError(
          'unknown-symbol',
          `Symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in the data: found ${wanted.length ? wanted.join(', ') : 'no symbols'}.`,
        );
      }
      wanted = asked;
    }
    const outIndex = new Int32Array(symbolIds.size).fill(-1);
    wanted.forEach((s, k) => (outIndex[symbolIds.get(s)!] = k));
    const sizes = new Int32Array(wanted.length);
    const starts = parts.map((p) => {
      const begin = sizes.slice();
      if (!p.rowSymbol) {
        const k = outIndex[p.only];
        if (k >= 0) sizes[k] += p.rows;
      } else {
        // counted run by run: symbol columns are long runs of one value
        const sym = p.rowSymbol;
        for (let i = 0; i < p.rows;) {
          const s = sym[i];
          let e = i + 1;
          while (e < p.rows && sym[e] === s) e++;
          const k = s >= 0 ? outIndex[s] : -1;
          if (k >= 0) sizes[k] += e - i;
          i = e;
        }
      }
      return begin;
    });
    const columns: BarColumnsInput[] = wanted.map((symbol, k) => ({
      symbol,
      time: new Float64Array(sizes[k]),
      open: new Float64Array(sizes[k]),
      high: new Float64Array(sizes[k]),
      low: new Float64Array(sizes[k]),
      close: new Float64Array(sizes[k]),
      volume: new Float64Array(sizes[k]),
    }));
    // the times are known for every part: copied now, and dropped
    parts.forEach((part, p) => {
      const times = part.times!;
      const cursor = starts[p].slice();
      const outs = columns.map((c) => c.time);
      for (let at = 0; at < part.rows; at += PLACE_ROWS) {
        const n = Math.min(PLACE_ROWS, part.rows - at);
        const count = placeRows(part, outIndex, at, n, cursor, runsFor(n));
        copyRuns(runs, count, times.subarray(at, at + n), outs);
      }
      part.times = null;
    });
    return { columns, outIndex, starts };
  }

  /** a part's price and volume columns: the keys it has and the output columns of each */
  const valueKeys = (part: Part) => VALUE_KEYS.filter((key) => part.mapping[key]);
  const valueOuts = (part: Part, layout: Layout) =>
    valueKeys(part).map((key) => layout.columns.map((c) => c[key]));

  /** the second pass over a scannable table's chunks */
  function valuePass(part: Part, p: number, getLayout: () => Layout): ScanPass {
    let cursor: Int32Array;
    let outs: Float64Array[][];
    let outIndex: Int32Array;
    return {
      names: valueKeys(part).map((key) => part.mapping[key]!),
      start() {
        const layout = getLayout();
        cursor = layout.starts[p].slice();
        outs = valueOuts(part, layout);
        outIndex = layout.outIndex;
      },
      visit(at, n, cols) {
        const count = placeRows(part, outIndex, at, n, cursor, runsFor(n));
        cols.forEach((col, j) => copyRuns(runs, count, chunkNumbers(col, n), outs[j]));
      },
    };
  }

  /** the second pass over a table without scan: one whole column at a time */
  function columnPass(part: Part, p: number, layout: Layout): void {
    const outs = valueOuts(part, layout);
    valueKeys(part).forEach((key, j) => {
      const src = chunkNumbers(part.table.column(part.mapping[key]!), part.rows);
      const cursor = layout.starts[p].slice();
      for (let at = 0; at < part.rows; at += PLACE_ROWS) {
        const n = Math.min(PLACE_ROWS, part.rows - at);
        const count = placeRows(part, layout.outIndex, at, n, cursor, runsFor(n));
        copyRuns(runs, count, src.subarray(at, at + n), outs[j]);
      }
    });
  }

  // first pass, file by file: times and the symbol of every row. The last scannable file's
  // second pass runs in the same scan (a file of one chunk is then decoded once)
  let layout: Layout | null = null;
  const ensureLayout = () => (layout ??= allocate());
  let valuesDone = -1;
  inputs.forEach(({ table, fileSymbol }, p) => {
    const mapping = detectColumns(table.columnNames, opts.mapping);
    mappings.push(mapping);
    const rows = table.rowCount;
    const part: Part = { table, mapping, rows, times: null, rowSymbol: null, only: -1 };
    parts.push(part);
    const coder = mapping.symbol ? new SymbolCoder(rows) : null;
    let timeCol: RawColumn | null = null;

    const finish = () => {
      const times = parseTimes(timeCol ?? { kind: 'number', values: new Float64Array(0) }, {
        unit: opts.timestampUnit,
      });
      timeCol = null;
      timestamps.push(times.info);
      part.times = times.ms;
      if (!mapping.volume) volumeMissing = true;
      if (coder) {
        // several raw spellings may normalise to one symbol; rows without a symbol cannot be
        // placed: counted and reported
        const ids = coder.raw.map((r) => (r === null || r.trim() === '' ? -1 : symbolOf(fix(r))));
        if (ids.length === 1 && ids[0] >= 0) part.only = ids[0];
        else {
          const codes = coder.codes;
          for (let i = 0; i < rows; i++) {
            const id = ids[codes[i]];
            codes[i] = id;
            if (id < 0) rowsWithoutSymbol++;
          }
          part.rowSymbol = codes;
        }
      } else {
        const sym = fileSymbol ? fix(fileSymbol) : null;
        if (!sym) {
          throw new DataError(
            'missing-column',
            `${table.source} has no symbol column and its name does not say the symbol: expected a column like symbol/ticker/pair or a file named like BTCUSDT_1h.csv; found columns ${table.columnNames.join(', ')}.`,
          );
        }
        part.only = symbolOf(sym);
      }
    };

    if (!table.scan) {
      timeCol = table.column(mapping.time);
      if (coder) coder.add(0, rows, table.column(mapping.symbol!));
      finish();
      return;
    }
    const first: ScanPass = {
      names: mapping.symbol ? [mapping.time, mapping.symbol] : [mapping.time],
      visit(at, n, [time, symbol]) {
        // a whole numeric column the decoder hands over is kept as is; else copied chunk by chunk
        if (time.owned && time.kind !== 'coded' && at === 0 && n === rows && !timeCol) timeCol = time;
        else {
          const own = ownColumn(time, n);
          timeCol ??= allocColumn(own, rows);
          copyColumn(timeCol, own, at);
        }
        coder?.add(at, n, symbol);
      },
    };
    if (p < inputs.length - 1) {
      table.scan([first]);
      finish();
      return;
    }
    const second = valuePass(part, p, () => {
      finish();
      return ensureLayout();
    });
    table.scan([first, second]);
    valuesDone = p;
  });

  // second pass for the others
  const done = ensureLayout();
  parts.forEach((part, p) => {
    if (p === valuesDone) return;
    if (part.table.scan) part.table.scan([valuePass(part, p, () => done)]);
    else columnPass(part, p, done);
  });
  for (const part of parts) part.rowSymbol = null;
  return { columns: done.columns, mappings, timestamps, volumeMissing, rowsWithoutSymbol };
}
