/**
 * A Hugging Face dataset as a source of new bars, refreshed on each poll through the data layer
 * (data/load.ts loadDataset): the revision is resolved to its newest commit every time, and files
 * are read from the cache keyed by commit and ETag, so only files that changed are downloaded.
 * The symbol's bars after the asked time come out, closed bars only: a bar counts as closed
 * once its open time plus the bar size is not after the clock (injected).
 */
import { loadDataset, type LoadDeps, type LoadRequest } from '../../data/load';
import { CancelledError } from '../../errors';
import type { CancelSignal } from '../../util/progress';
import { liveBarAt } from '../bar-buffer';
import type { LiveBar } from '../types';
import type { BarSource, SourceBatch } from './types';

export interface HubSourceOptions {
  request: LoadRequest;
  deps: LoadDeps;
  symbol: string;
  barMs: number;
  now: () => number;
}

export class HubSource implements BarSource {
  readonly kind = 'hub';
  /** the commit the last poll read */
  commit: string | null = null;
  constructor(private readonly o: HubSourceOptions) {}

  get name(): string {
    return `${this.o.deps.hubUrl} ${this.o.request.dataset} ${this.o.symbol}`;
  }

  async serverTime(): Promise<number> {
    return this.o.now();
  }

  async fetchSince(after: number, signal?: CancelSignal): Promise<SourceBatch> {
    if (signal?.cancelled) throw new CancelledError();
    const loaded = await loadDataset({ ...this.o.request, symbols: [this.o.symbol] }, this.o.deps);
    this.commit = loaded.summary.filesCommit ?? loaded.summary.commit;
    const b = loaded.bars.get(this.o.symbol)!;
    const now = this.o.now();
    const bars: LiveBar[] = [];
    let forming = 0;
    for (let i = 0; i < b.time.length; i++) {
      if (!(b.time[i] > after)) continue;
      if (b.time[i] + this.o.barMs > now) {
        forming++;
        continue;
      }
      bars.push(liveBarAt(b, i));
    }
    return { bars, now, forming, duplicates: 0, outOfOrder: 0 };
  }
}
