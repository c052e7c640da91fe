/**
 * JSON Lines decoding for simple datasets: one flat JSON object per line. Lines that are not
 * JSON objects are counted and reported, like CSV garbage lines.
 */
import { DataError } from '../errors';
import type { RawColumn, RawTable } from './table';

export interface JsonlTable extends RawTable {
  report: { rows: number; garbageLines: number; garbageExamples: { line: number; text: string }[] };
}

export function decodeJsonl(input: string | Uint8Array, opts: { source?: string } = {}): JsonlTable {
  const source = opts.source ?? 'JSON Lines file';
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : new TextDecoder().decode(input);
  const records: Record<string, unknown>[] = [];
  const garbageExamples: { line: number; text: string }[] = [];
  let garbageLines = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (value && typeof value === 'object' && !Array.isArray(value))
      records.push(value as Record<string, unknown>);
    else {
      garbageLines++;
      if (garbageExamples.length < 5) garbageExamples.push({ line: i + 1, text: line.slice(0, 80) });
    }
  }
  if (records.length === 0) {
    throw new DataError(
      'bad-jsonl',
      `${source} has no rows: expected one JSON object per line, found ${garbageLines} unreadable line(s).`,
    );
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of records.slice(0, 100)) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  return {
    source,
    rowCount: records.length,
    columnNames: names,
    report: { rows: records.length, garbageLines, garbageExamples },
    column(name): RawColumn {
      const numeric = records.every(
        (r) => r[name] === null || r[name] === undefined || typeof r[name] === 'number',
      );
      if (numeric) {
        return {
          kind: 'number',
          values: Float64Array.from(records, (r) =>
            typeof r[name] === 'number' ? (r[name] as number) : NaN,
          ),
        };
      }
      return {
        kind: 'string',
        values: records.map((r) => (r[name] === null || r[name] === undefined ? null : String(r[name]))),
      };
    },
  };
}
