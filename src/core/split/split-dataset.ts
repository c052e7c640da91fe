/** trainValidSplit applied to a Dataset (its times, label times, bar size and horizon). */
import type { Dataset } from './dataset';
import { trainValidSplit, type TrainValidSplit, type TrainValidSplitOptions } from './train-valid';

export type SplitDatasetOptions = Pick<
  TrainValidSplitOptions,
  'trainWindow' | 'validWindow' | 'align' | 'start' | 'embargo'
>;

/** Training and validation rows of a dataset (indices into its rows), purged by label time. */
export function splitDataset(ds: Dataset, o: SplitDatasetOptions): TrainValidSplit {
  return trainValidSplit({
    ...o,
    time: ds.time,
    labelTime: ds.labelTime,
    barMs: ds.barMs,
    horizon: ds.horizon,
  });
}
