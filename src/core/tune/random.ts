/**
 * Random search: every active parameter drawn independently and uniformly (log-uniformly on a
 * log scale; integers from [low - 0.5, high + 0.5] rounded, so the end points are as likely as
 * the rest). Also the start-up sampler of TPE.
 */
import type { Rng } from '../util/rng';
import type { Sampler } from './sampler';
import { isActive, type Choice, type ParamSpec, type SearchSpace, type TrialParams } from './space';

/** The interval a numeric parameter is sampled in (log space for log parameters). */
export function numericBounds(p: Extract<ParamSpec, { low: number }>): [number, number] {
  const lo = p.type === 'int' ? p.low - 0.5 : p.low;
  const hi = p.type === 'int' ? p.high + 0.5 : p.high;
  return p.log ? [Math.log(Math.max(lo, p.type === 'int' ? p.low / 2 : lo)), Math.log(hi)] : [lo, hi];
}

/** A sampled internal value (log space for log parameters) back to the parameter's value. */
export function fromInternal(p: Extract<ParamSpec, { low: number }>, x: number): number {
  const v = p.log ? Math.exp(x) : x;
  if (p.type === 'int') return Math.min(p.high, Math.max(p.low, Math.round(v)));
  return Math.min(p.high, Math.max(p.low, v));
}

/** A parameter's value in the internal (sampling) space. */
export function toInternal(p: Extract<ParamSpec, { low: number }>, v: number): number {
  return p.log ? Math.log(v) : v;
}

export function sampleOne(p: ParamSpec, rng: Rng): Choice {
  if (p.type === 'categorical') return p.choices[rng.int(p.choices.length)];
  const [lo, hi] = numericBounds(p);
  return fromInternal(p, lo + (hi - lo) * rng.next());
}

export function sampleRandom(space: SearchSpace, rng: Rng): TrialParams {
  const out: TrialParams = {};
  for (const [name, p] of Object.entries(space)) if (isActive(p, out)) out[name] = sampleOne(p, rng);
  return out;
}

export const randomSampler: Sampler = { sample: (space, _history, rng) => sampleRandom(space, rng) };
