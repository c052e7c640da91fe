/**
 * CSV bytes in chunks -> rows, as the chunks arrive: UTF-8 decoded incrementally (BOM dropped,
 * a character split across chunks decoded once both halves are in), line ending and delimiter
 * guessed by papaparse on the first MiB exactly as a whole-text `Papa.parse` guesses them, and
 * every row handed to a sink as (text, field starts, field ends) with no per-row allocation.
 *
 * Why not papaparse's own chunked mode for every row: it builds a string array per row and a
 * string per cell, which for millions of rows costs more than the rest of the load together.
 * Text without a quote character is split here (papaparse's own fast path does the same split:
 * on the line ending, then on the delimiter). Text with a quote character goes through
 * `Papa.Parser`, the parser a whole-text parse uses, on whole rows only (the incomplete last
 * row is carried to the next chunk, as papaparse's streamers do), so quoting behaves the same.
 */
import Papa from 'papaparse';

export interface CsvRowSink {
  /** one row: field k is text[starts[k], ends[k]) */
  row(text: string, starts: Int32Array, ends: Int32Array, fields: number): void;
}

/** papaparse guesses the line ending from the first MiB of text and the delimiter from 10 rows */
const GUESS_CHARS = 1024 * 1024;
const GUESS_LINES = 11;

export class CsvRowSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private guessed = false;
  private newline: '\r\n' | '\n' | '\r' = '\n';
  private delimiterCode = 44;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private headBytes: number[] = [];
  /** the delimiter papaparse chose (',' until guessed) */
  delimiter = ',';
  /** text other than white space was seen */
  sawText = false;

  constructor(private readonly sink: CsvRowSink) {}

  /** true when the first three bytes were a UTF-8 byte order mark */
  get hadBom(): boolean {
    const b = this.headBytes;
    return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  }

  push(bytes: Uint8Array): void {
    for (let i = 0; this.headBytes.length < 3 && i < bytes.length; i++) this.headBytes.push(bytes[i]);
    this.take(this.decoder.decode(bytes, { stream: true }), false);
  }

  finish(): void {
    this.take(this.decoder.decode(), true);
  }

  private take(text: string, final: boolean): void {
    if (!this.sawText && /\S/.test(text)) this.sawText = true;
    let buf = this.pending.length ? this.pending + text : text;
    if (!this.guessed) {
      if (!final && (buf.length < GUESS_CHARS || countLineBreaks(buf) < GUESS_LINES)) {
        this.pending = buf;
        return;
      }
      const meta = Papa.parse<string[]>(buf, { preview: 1, skipEmptyLines: 'greedy' }).meta;
      this.delimiter = meta.delimiter;
      this.delimiterCode = meta.delimiter.charCodeAt(0);
      this.newline = meta.linebreak as '\r\n' | '\n' | '\r';
      this.guessed = true;
    }
    if (buf.indexOf('"') === -1) buf = this.split(buf, final);
    else buf = this.parseQuoted(buf, final);
    this.pending = buf;
  }

  /** Splits complete lines of quote-free text; returns the incomplete rest. */
  private split(buf: string, final: boolean): string {
    const nl = this.newline;
    let pos = 0;
    for (;;) {
      const end = buf.indexOf(nl, pos);
      if (end === -1) break;
      this.line(buf, pos, end);
      pos = end + nl.length;
    }
    if (final) {
      this.line(buf, pos, buf.length);
      return '';
    }
    return buf.slice(pos);
  }

  private line(text: string, a: number, b: number): void {
    const d = this.delimiterCode;
    let n = 0;
    let s = a;
    for (let i = a; i < b; i++) {
      if (text.charCodeAt(i) === d) {
        this.field(n++, s, i);
        s = i + 1;
      }
    }
    this.field(n++, s, b);
    this.sink.row(text, this.starts, this.ends, n);
  }

  private field(k: number, a: number, b: number): void {
    if (k === this.starts.length) {
      const grow = (x: Int32Array) => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[k] = a;
    this.ends[k] = b;
  }

  /** Rows of text that holds a quote character, by papaparse; returns the incomplete rest. */
  private parseQuoted(buf: string, final: boolean): string {
    const parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.newline });
    const res = parser.parse(buf, 0, !final) as { data: string[][]; meta: { cursor: number } };
    for (const cells of res.data) {
      const text = cells.join('');
      let at = 0;
      for (let k = 0; k < cells.length; k++) {
        this.field(k, at, at + cells[k].length);
        at += cells[k].length;
      }
      this.sink.row(text, this.starts, this.ends, cells.length);
    }
    return final ? '' : buf.slice(res.meta.cursor);
  }
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < GUESS_LINES; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) n++;
  }
  return n;
}
