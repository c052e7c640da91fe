/**
 * A local file without a symbol column gets its symbol from its name (`nan_empty.csv` ->
 * NAN/EMPTY), which may be wrong: the Data panel shows that symbol and lets the user correct it.
 */
import type { DatasetSummary } from '../../../core/data/load';

/** True when the loaded dataset's one symbol was not read from a column but from its file name or the user. */
export function hasFileSymbol(summary: Pick<DatasetSummary, 'origin' | 'mapping' | 'symbols'>): boolean {
  return summary.origin === 'local' && summary.mapping.symbol === null && summary.symbols.length === 1;
}

/** What the panel says about that symbol: where it came from and what to do if it is wrong. */
export function fileSymbolNote(file: string, symbol: string, given: string | undefined): string {
  return given?.trim()
    ? `${file} has no symbol column: its candles are loaded as ${symbol}, the symbol you entered.`
    : `${file} has no symbol column: its candles are loaded as ${symbol}, a symbol taken from the file name. Correct it below if it is wrong.`;
}
