/** Public surface of src/core/walkforward: the walk-forward backtest runner (plan, folds, assembly, artifacts). */
export { planWalkForward, labelSpecOf } from './plan';
export { runFold } from './fold';
export type { RunFoldOptions } from './fold';
export { runOnline } from './online';
export { assembleBacktest } from './assemble';
export type { AssembleOptions } from './assemble';
export { runWalkForward } from './run';
export type { RunWalkForwardOptions } from './run';
export { buildArtifacts, buildReport, grossExposure, VOLATILE_REPORT_KEYS, REPORT_FORMAT } from './artifacts';
export { resolveRequest, WALKFORWARD_DEFAULTS } from './request';
export { seedResults, METRIC_DEFINITIONS } from './seed-results';
export { foldModelMetrics, signalOf } from './fold-metrics';
export { collectUpdatedModels, symbolSlug } from './updated-models';
export { gridSlots, gridGaps } from './grid';
export type * from './types';
