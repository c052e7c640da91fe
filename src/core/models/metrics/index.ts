/** Validation metrics and baselines: the public surface of src/core/models/metrics. */
export * from './classification';
export * from './regression';
export * from './baselines';
export { averageRanks } from './rank';
