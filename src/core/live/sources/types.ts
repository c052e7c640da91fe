/**
 * What a live session asks of a source of new bars: every closed bar after a time, in time
 * order, with the source's clock and what it had to clean up (forming bars dropped, duplicates
 * removed, rows out of order). Sources: kline.ts (an exchange's REST klines), hub.ts (a Hugging
 * Face dataset re-resolved on each poll).
 */
import type { CancelSignal } from '../../util/progress';
import type { LiveBar } from '../types';

export interface SourceBatch {
  /** closed bars after the asked time, strictly increasing */
  bars: LiveBar[];
  /** the source's clock when it answered (ms) */
  now: number;
  /** rows dropped because the bar had not closed yet */
  forming: number;
  duplicates: number;
  /** rows that came before an earlier row */
  outOfOrder: number;
}

export interface BarSource {
  readonly kind: string;
  readonly name: string;
  /** every closed bar with open time > `after` */
  fetchSince(after: number, signal?: CancelSignal): Promise<SourceBatch>;
}
