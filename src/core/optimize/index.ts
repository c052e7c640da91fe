/**
 * Public surface of src/core/optimize: signals for the weight optimizer, the fast fitness loop,
 * the genetic algorithm (optimizeStrategyWeights), the walk-forward honesty check, the deflated
 * Sharpe ratio and the run's artifact files.
 */
export {
  buildSignals,
  selectSignals,
  firstValidRow,
  SIGNAL_NAMES,
  SIGNAL_DEFINITIONS,
  DEFAULT_NORM_WINDOW,
} from './signals';
export type {
  BuildSignalsOptions,
  BuiltinSignalName,
  ModelSignalInput,
  SignalName,
  SignalSet,
} from './signals';
export { createEvaluator, combineSignals, candidateTargets, emptyFitness } from './fitness';
export type { Evaluator, EvaluatorOptions, FitnessMetrics } from './fitness';
export { objectiveValue, violation, ranksAbove, checkConstraints, OBJECTIVES, UNBOUNDED } from './objective';
export type { Constraints, Objective } from './objective';
export { optimizeStrategyWeights, DEFAULT_GA, WEIGHT_BOUNDS, BUY_BOUNDS, BAND_BOUNDS } from './ga';
export type { Candidate, GaSettings, GenerationStats, OptimizeOptions, OptimizeResult } from './ga';
export { walkForwardOptimize, planOptimizeFolds, foldSeed, HEADLINE_METRICS } from './walk-forward';
export type { FoldOutcome, HeadlineSummary, WalkForwardOptions, WalkForwardResult } from './walk-forward';
export {
  deflatedSharpe,
  probabilisticSharpe,
  expectedMaxSharpe,
  returnMoments,
  normCdf,
  normInv,
  variance,
  DEFLATED_SHARPE_DEFINITION,
} from './deflated-sharpe';
export type { DeflatedSharpe, ReturnMoments } from './deflated-sharpe';
export {
  optimizeReport,
  optimizeArtifactFiles,
  optimizeSummary,
  optimizeView,
  optimizeRunId,
  seedResults,
  OPTIMIZE_FILES,
} from './report';
export type {
  FoldReport,
  HistoryRow,
  OptimizeReportJson,
  OptimizeRunMeta,
  OptimizeView,
  SeedMeans,
  SeedResults,
} from './report';
