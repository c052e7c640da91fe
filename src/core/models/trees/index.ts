/** Tree models (gbc, gbr, rfc): the public surface of src/core/models/trees. */
import type { TreeModelKind } from '../types';
import type { BoostingParams, ForestParams, TreeFitOptions } from './params';
import { fitGbc, fitGbr, type TreeFitResult } from './boosting';
import { fitRfc } from './forest';

export { fitGbc, fitGbr, type TreeFitResult } from './boosting';
export {
  fitRfc,
  fitForestTrees,
  mergeForestParts,
  forestModelFromParts,
  treeSeed,
  resolveMaxFeatures,
  type ForestPart,
  type FitForestTreesOptions,
} from './forest';
export {
  fitForestParallel,
  treeRanges,
  type ForestJob,
  type ForestRunner,
  type FitForestParallelOptions,
} from './parallel';
export { TreeModel, rawToProba, type TreeModelState } from './model';
export { deserializeTreeModel } from './deserialize';
export { serializeTreeModel, TREE_FORMAT, type TreeHeader } from './serialize';
export {
  binMatrix,
  fitBinEdges,
  applyBins,
  binOf,
  MAX_BINS,
  MISSING_BIN,
  type BinnedData,
  type BinEdges,
} from './binning';
export type { TreeEnsemble } from './ensemble';
export {
  BOOSTING_DEFAULTS,
  FOREST_DEFAULTS,
  MAX_FOREST_DEPTH,
  type BoostingParams,
  type ForestParams,
  type TreeFitOptions,
} from './params';

/** Fit any tree model by kind (params are those of its family). */
export function fitTreeModel(
  kind: TreeModelKind,
  options: TreeFitOptions<BoostingParams> | TreeFitOptions<ForestParams>,
): Promise<TreeFitResult> {
  if (kind === 'gbc') return fitGbc(options as TreeFitOptions<BoostingParams>);
  if (kind === 'gbr') return fitGbr(options as TreeFitOptions<BoostingParams>);
  return fitRfc(options as TreeFitOptions<ForestParams>);
}
