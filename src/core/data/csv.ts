/**
 * CSV decoding via papaparse (a well-kept parser: quoting, delimiters, line endings).
 * Accepts text or bytes (UTF-8, BOM stripped), detects whether the first row is a header,
 * and counts and reports garbage lines (wrong field count) instead of failing on them.
 */
import Papa from 'papaparse';
import { DataError } from '../errors';
import { toNumber, type RawTable } from './table';

export interface CsvReport {
  /** data rows kept (header excluded) */
  rows: number;
  /** lines dropped because their field count differs from the header's */
  garbageLines: number;
  /** up to 5 dropped lines: 1-based line number and the start of the text */
  garbageExamples: { line: number; text: string }[];
  hasHeader: boolean;
  hadBom: boolean;
  delimiter: string;
}

export interface CsvTable extends RawTable {
  report: CsvReport;
}

/** A header cell never looks like this: a number or the start of a date. */
export function looksLikeData(cell: string): boolean {
  const t = cell.trim();
  if (t === '') return false;
  if (Number.isFinite(Number(t))) return true;
  return /^\d{4}-\d{2}-\d{2}/.test(t) || /^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(t);
}

/** Decodes CSV text or bytes. Headerless files get columns named col0, col1, ... */
export function decodeCsv(input: string | Uint8Array, opts: { source?: string } = {}): CsvTable {
  const source = opts.source ?? 'CSV file';
  let text: string;
  let hadBom: boolean;
  if (typeof input === 'string') {
    hadBom = input.charCodeAt(0) === 0xfeff;
    text = hadBom ? input.slice(1) : input;
  } else {
    hadBom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
    text = new TextDecoder('utf-8').decode(input); // drops the BOM itself
  }
  if (text.trim() === '') {
    throw new DataError(
      'bad-csv',
      `${source} is empty: expected a header line and rows of candles, found no text.`,
    );
  }
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy' });
  const lines = parsed.data;
  if (lines.length === 0) throw new DataError('bad-csv', `${source} has no rows.`);
  const first = lines[0].map((c) => c.trim());
  const hasHeader = !first.some(looksLikeData);
  const columnNames = hasHeader ? first : first.map((_, i) => `col${i}`);
  const width = columnNames.length;
  const start = hasHeader ? 1 : 0;

  const cols: string[][] = columnNames.map(() => []);
  const garbageExamples: CsvReport['garbageExamples'] = [];
  let garbageLines = 0;
  for (let r = start; r < lines.length; r++) {
    const row = lines[r];
    if (row.length !== width) {
      garbageLines++;
      if (garbageExamples.length < 5) garbageExamples.push({ line: r + 1, text: row.join(',').slice(0, 80) });
      continue;
    }
    for (let c = 0; c < width; c++) cols[c].push(row[c]);
  }
  const rows = cols[0]?.length ?? 0;
  const report: CsvReport = {
    rows,
    garbageLines,
    garbageExamples,
    hasHeader,
    hadBom,
    delimiter: parsed.meta.delimiter,
  };
  const index = new Map(columnNames.map((n, i) => [n, i]));
  return {
    source,
    rowCount: rows,
    columnNames,
    report,
    column(name) {
      const i = index.get(name);
      if (i === undefined)
        throw new DataError('missing-column', `${source}: no column ${JSON.stringify(name)}`);
      const values = cols[i];
      // numeric if every non-empty cell is a number: then hand out a Float64Array
      let numeric = true;
      for (let k = 0; k < values.length && numeric; k++) {
        const v = values[k].trim();
        if (v !== '' && !Number.isFinite(Number(v))) numeric = false;
      }
      if (numeric) {
        const out = new Float64Array(values.length);
        for (let k = 0; k < out.length; k++) out[k] = toNumber(values[k]);
        return { kind: 'number', values: out };
      }
      return { kind: 'string', values };
    },
  };
}
