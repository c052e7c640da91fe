/**
 * What a sampler is: a pure function of (space, finished trials, a seeded stream) to the next
 * configuration. Samplers keep no state, so a study resumed from stored trials samples exactly
 * what it would have sampled without the interruption.
 */
import type { Rng } from '../util/rng';
import type { SearchSpace, TrialParams } from './space';

export type SamplerName = 'tpe' | 'random';
export const SAMPLERS: readonly SamplerName[] = ['tpe', 'random'];

/** A finished trial as samplers see it: its values and its score (higher is better). */
export interface FinishedTrial {
  number: number;
  params: TrialParams;
  /** the objective (constraint misses pushed below every feasible value); higher is better */
  score: number;
  state: 'complete' | 'pruned';
}

export interface Sampler {
  sample(space: SearchSpace, history: readonly FinishedTrial[], rng: Rng): TrialParams;
}
