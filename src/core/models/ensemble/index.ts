/** Ensembles (kind 'ensemble'): the public surface of src/core/models/ensemble. */
export { fitEnsemble, type FitEnsembleOptions, type MemberModels } from './fit';
export { EnsembleModel, restoreEnsemble, memberSerialized, ENSEMBLE_FORMAT } from './model';
export { planOutOfFold, type OutOfFoldPlan, type OutOfFoldFit } from './oof';
export {
  combine,
  fitMeta,
  fitWeights,
  meanState,
  COMBINERS,
  type Combiner,
  type CombinerState,
} from './combine';
export {
  runMemberFit,
  inProcessMemberRunner,
  type MemberJob,
  type MemberFit,
  type MemberFitResult,
  type MemberRunner,
} from './members';
export {
  resolveEnsembleParams,
  ENSEMBLE_DEFAULTS,
  MEMBER_KINDS,
  MAX_MEMBERS,
  type EnsembleParams,
  type MemberSpec,
  type MemberKind,
} from './params';
export { checkEnsembleHeader, checkEnsembleBlobs } from './check';
export { ensembleReport, ENSEMBLE_UNAVAILABLE, type EnsembleReportJson } from './report';
