/**
 * Streaming CSV -> per-symbol bar columns. Bytes are pushed in chunks of any size; rows are
 * parsed as they arrive (csv-rows.ts) and written straight into growable Float64Array columns
 * per symbol, so neither the whole text nor an array of rows is ever held.
 *
 * The result equals decodeCsv (csv.ts) + assembleColumns (assemble.ts) on the whole file: the
 * same header detection, garbage-line counting, column mapping, timestamp handling (ISO or
 * epoch, the unit inferred from the whole column), symbol normalisation and messages. Decisions
 * that need the whole column are taken at the end, on a file-order copy of the time column (8
 * bytes a row): the epoch unit, the one-unit and plausible-dates checks of timestamps.ts (times
 * stay raw numbers until then); and whether a symbol column is numeric (symbols then read as
 * numbers, e.g. "01" -> "1"; differently spelled numbers of one symbol are then appended group
 * after group, where the whole file path interleaves them in file order). One difference on
 * purpose: a file without a symbol column whose name names no symbol fails at its header, not
 * after the whole file was read.
 */
import { detectColumns, type ColumnMapping } from './columns';
import { looksLikeData, type CsvReport } from './csv';
import { isBlank, isoAt, numberAt } from './csv-cells';
import { CsvRowSplitter } from './csv-rows';
import { DataError } from '../errors';
import type { AssembleOptions, Assembled } from './assemble';
import { normalizeSymbol } from './symbols';
import { checkEpochUnits, checkTimeRange, inferEpochUnit, type TimestampInfo } from './timestamps';
import type { BarColumnsInput } from './validate';

export interface CsvStreamOptions extends AssembleOptions {
  /** the clock for the plausible-dates check (tests) */
  nowMs?: number;
  /** file name, for messages */
  source?: string;
  /** the symbol of a one-symbol file (from its name), used when there is no symbol column */
  fileSymbol?: string | null;
}

export interface CsvStreamResult extends Assembled {
  report: CsvReport;
}

/** A growable column: doubles its buffer when full. */
class Column {
  values = new Float64Array(1024);
  push(n: number, v: number): void {
    if (n === this.values.length) {
      const next = new Float64Array(n * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[n] = v;
  }
}

interface Group {
  symbol: string;
  /** rows are kept (false: another symbol was asked for) */
  keep: boolean;
  n: number;
  cols: Column[]; // time, open, high, low, close, volume
}

type TimeMode = 'unknown' | 'epoch' | 'iso';
const TO_MS = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 } as const;

export class CsvStreamParser {
  private readonly splitter = new CsvRowSplitter(this);
  private readonly source: string;
  private readonly fix: (s: string) => string;
  private readonly asked: Set<string> | null;
  // header and mapping
  private columnNames: string[] | null = null;
  private hasHeader = false;
  private mapping: ColumnMapping | null = null;
  private idx = new Int32Array(7); // time, open, high, low, close, volume, symbol (-1: none)
  // rows
  private nonEmptyRows = 0;
  private rows = 0;
  private garbageLines = 0;
  private garbageExamples: CsvReport['garbageExamples'] = [];
  // time
  private mode: TimeMode = 'unknown';
  private firstTimeText = '';
  private validIsoTimes = 0;
  /** every row's time in file order (raw epoch numbers until the unit is known), for the whole-column checks */
  private fileTimes: Column | null = new Column();
  // symbols
  private readonly groups = new Map<string, Group>();
  private readonly byRaw = new Map<string, Group | null>();
  private lastRaw: string | null = null;
  private lastGroup: Group | null = null;
  private symbolColumnNumeric = true;
  private rowsWithoutSymbol = 0;
  private fileGroup: Group | null = null;

  constructor(private readonly opts: CsvStreamOptions = {}) {
    this.source = opts.source ?? 'CSV file';
    const norm = opts.normalizeSymbols ?? true;
    this.fix = (s) => (norm ? normalizeSymbol(s) : s.trim());
    this.asked = opts.symbols && opts.symbols.length ? new Set(opts.symbols.map(this.fix)) : null;
  }

  /** Parses the rows completed by this chunk. */
  push(bytes: Uint8Array): void {
    this.splitter.push(bytes);
  }

  /** Parses the last row and returns the columns; throws DataError as decodeCsv + assembleColumns do. */
  finish(): CsvStreamResult {
    this.splitter.finish();
    const source = this.source;
    if (!this.splitter.sawText) {
      throw new DataError(
        'bad-csv',
        `${source} is empty: expected a header line and rows of candles, found no text.`,
      );
    }
    if (!this.columnNames || !this.mapping) throw new DataError('bad-csv', `${source} has no rows.`);
    const timestamps = this.finishTimes();
    const groups = this.symbolGroups();
    let wanted = [...groups.keys()];
    if (this.asked) {
      const asked = this.opts.symbols!.map(this.fix);
      const missing = asked.filter((s) => !groups.has(s));
      if (missing.length) {
        throw new DataError(
          'unknown-symbol',
          `Symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in the data: found ${wanted.length ? wanted.join(', ') : 'no symbols'}.`,
        );
      }
      wanted = asked;
    }
    const columns = wanted.map((symbol) => joinGroups(symbol, groups.get(symbol)!));
    this.groups.clear(); // the columns are the only holders now: validation can release them one by one
    this.byRaw.clear();
    this.lastGroup = this.fileGroup = null;
    return {
      columns,
      mappings: [this.mapping],
      timestamps: [timestamps],
      volumeMissing: !this.mapping.volume,
      rowsWithoutSymbol: this.rowsWithoutSymbol,
      report: {
        rows: this.rows,
        garbageLines: this.garbageLines,
        garbageExamples: this.garbageExamples,
        hasHeader: this.hasHeader,
        hadBom: this.splitter.hadBom,
        delimiter: this.splitter.delimiter,
      },
    };
  }

  /** CsvRowSink: one parsed row. */
  row(text: string, starts: Int32Array, ends: Int32Array, fields: number): void {
    let blank = true;
    for (let k = 0; k < fields && blank; k++) blank = isBlank(text, starts[k], ends[k]);
    if (blank) return; // papaparse's skipEmptyLines: 'greedy'
    this.nonEmptyRows++;
    if (!this.columnNames) {
      this.header(text, starts, ends, fields);
      if (this.hasHeader) return;
    }
    if (fields !== this.columnNames!.length) {
      this.garbageLines++;
      if (this.garbageExamples.length < 5) {
        const cells: string[] = [];
        for (let k = 0; k < fields; k++) cells.push(text.slice(starts[k], ends[k]));
        this.garbageExamples.push({ line: this.nonEmptyRows, text: cells.join(',').slice(0, 80) });
      }
      return;
    }
    this.rows++;
    const idx = this.idx;
    const t = this.time(text, starts[idx[0]], ends[idx[0]]);
    const g = idx[6] >= 0 ? this.group(text, starts[idx[6]], ends[idx[6]]) : this.fileGroup;
    if (!g || !g.keep) return;
    const n = g.n++;
    const c = g.cols;
    c[0].push(n, t);
    for (let r = 1; r <= 4; r++) c[r].push(n, numberAt(text, starts[idx[r]], ends[idx[r]]));
    c[5].push(n, idx[5] >= 0 ? numberAt(text, starts[idx[5]], ends[idx[5]]) : 0);
  }

  private header(text: string, starts: Int32Array, ends: Int32Array, fields: number): void {
    const first: string[] = [];
    for (let k = 0; k < fields; k++) first.push(text.slice(starts[k], ends[k]).trim());
    this.hasHeader = !first.some(looksLikeData);
    const names = this.hasHeader ? first : first.map((_, i) => `col${i}`);
    this.columnNames = names;
    const m = detectColumns(names, this.opts.mapping);
    this.mapping = m;
    const at = (c: string | null) => (c === null ? -1 : names.indexOf(c));
    [m.time, m.open, m.high, m.low, m.close, m.volume, m.symbol].forEach((c, r) => (this.idx[r] = at(c)));
    if (!m.symbol) {
      const sym = this.opts.fileSymbol ? this.fix(this.opts.fileSymbol) : null;
      if (!sym) {
        throw new DataError(
          'missing-column',
          `${this.source} has no symbol column and its name does not say the symbol: expected a column like symbol/ticker/pair or a file named like BTCUSDT_1h.csv; found columns ${names.join(', ')}.`,
        );
      }
      this.fileGroup = newGroup(sym, true);
      this.groups.set(sym, this.fileGroup);
    }
  }

  /** The time cell: epoch ms for ISO text; the raw number for epochs (scaled in finishTimes). */
  private time(text: string, a: number, b: number): number {
    if (this.mode === 'unknown') {
      if (isBlank(text, a, b)) {
        this.fileTimes?.push(this.rows - 1, NaN);
        return NaN;
      }
      this.firstTimeText = text.slice(a, b).trim();
      this.mode = Number.isFinite(numberAt(text, a, b)) ? 'epoch' : 'iso';
    }
    if (this.mode === 'iso') {
      const ms = isoAt(text, a, b);
      if (ms === ms) this.validIsoTimes++;
      this.fileTimes?.push(this.rows - 1, ms);
      return ms;
    }
    const v = numberAt(text, a, b);
    this.fileTimes?.push(this.rows - 1, v);
    return v;
  }

  /** As parseTimes on the whole column: ISO or epoch (unit inferred or forced), one unit, plausible dates. */
  private finishTimes(): TimestampInfo {
    const fileTimes = this.fileTimes!.values.subarray(0, this.rows);
    this.fileTimes = null;
    if (this.mode === 'iso') {
      if (this.rows > 0 && this.validIsoTimes === 0) {
        throw new DataError(
          'bad-timestamps',
          `The time column could not be read: expected ISO dates like "2020-01-01 00:00:00+00:00" or epoch numbers, ` +
            `found values like ${JSON.stringify(this.firstTimeText.slice(0, 40))}.`,
        );
      }
      checkTimeRange(fileTimes, this.opts);
      return { unit: 'iso', how: 'typed' };
    }
    const forced = this.opts.timestampUnit;
    if (forced) checkEpochUnits(fileTimes);
    const unit = forced ?? inferEpochUnit(fileTimes);
    const f = TO_MS[unit];
    for (let i = 0; i < fileTimes.length; i++) fileTimes[i] = fileTimes[i] * f;
    checkTimeRange(fileTimes, this.opts);
    for (const g of this.groups.values()) {
      const t = g.cols[0].values;
      for (let i = 0; i < g.n; i++) t[i] = t[i] * f;
    }
    return { unit, how: forced ? 'override' : 'inferred' };
  }

  /** The group of a symbol cell; null for an empty cell (the row is counted and dropped). */
  private group(text: string, a: number, b: number): Group | null {
    const last = this.lastRaw;
    if (last !== null && last.length === b - a && text.startsWith(last, a)) return this.lastGroup;
    const raw = text.slice(a, b);
    let g = this.byRaw.get(raw);
    if (g === undefined) {
      const trimmed = raw.trim();
      if (trimmed === '') g = null;
      else {
        const numeric = Number.isFinite(Number(trimmed));
        if (!numeric) this.symbolColumnNumeric = false;
        const symbol = this.fix(raw);
        g = this.groups.get(symbol);
        if (!g) {
          // a numeric-looking symbol may be renamed at the end, so its rows are always kept
          g = newGroup(symbol, !this.asked || this.asked.has(symbol) || numeric);
          this.groups.set(symbol, g);
        }
      }
      this.byRaw.set(raw, g);
    }
    if (g === null) this.rowsWithoutSymbol++;
    this.lastRaw = raw;
    this.lastGroup = g;
    return g;
  }

  /** Symbol -> its groups in order of first appearance, numeric symbol columns read as numbers. */
  private symbolGroups(): Map<string, Group[]> {
    const out = new Map<string, Group[]>();
    const numeric = this.idx[6] >= 0 && this.symbolColumnNumeric;
    if (!numeric) {
      for (const [s, g] of this.groups) out.set(s, [g]);
      return out;
    }
    const renamed = new Map<Group, string>();
    for (const [raw, g] of this.byRaw)
      if (g && !renamed.has(g)) renamed.set(g, this.fix(String(Number(raw.trim()))));
    for (const g of this.groups.values()) {
      const s = renamed.get(g)!;
      out.set(s, [...(out.get(s) ?? []), g]);
    }
    return out;
  }
}

function newGroup(symbol: string, keep: boolean): Group {
  return { symbol, keep, n: 0, cols: Array.from({ length: 6 }, () => new Column()) };
}

function joinGroups(symbol: string, groups: Group[]): BarColumnsInput {
  const n = groups.reduce((s, g) => s + g.n, 0);
  const view = (r: number) => {
    if (groups.length === 1) return groups[0].cols[r].values.subarray(0, n);
    const out = new Float64Array(n);
    let at = 0;
    for (const g of groups) {
      out.set(g.cols[r].values.subarray(0, g.n), at);
      at += g.n;
    }
    return out;
  };
  return {
    symbol,
    time: view(0),
    open: view(1),
    high: view(2),
    low: view(3),
    close: view(4),
    volume: view(5),
  };
}
