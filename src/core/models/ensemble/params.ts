/**
 * An ensemble's hyperparameters (what `params` holds for kind 'ensemble'): its members as saved
 * configurations (kind, params, seed; never fitted weights), the combiner and the out-of-fold
 * settings. `resolveEnsembleParams` checks them once, naming the field to fix.
 */
import { InputError } from '../../errors';
import type { ModelKind, Task } from '../types';
import { COMBINERS, type Combiner } from './combine';

/** Kinds an ensemble may hold: the tree and linear models (their file formats are checked member by member). */
export const MEMBER_KINDS = ['gbc', 'rfc', 'gbr', 'sgdc', 'sgdr'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const MAX_MEMBERS = 16;

export interface MemberSpec {
  kind: MemberKind;
  params: Record<string, unknown>;
  seed: number;
  /** the saved model this configuration came from, when there was one */
  source_model_id?: string;
}

export interface EnsembleParams {
  members: MemberSpec[];
  combiner: Combiner;
  /** K of the stacking's purged forward chaining (oof.ts) */
  stack_folds: number;
  /** share of the training window's bars in the weights combiner's inner validation tail */
  weights_tail: number;
  /** label horizon in bars, purged before every out-of-fold block */
  purge_bars: number;
}

export const ENSEMBLE_DEFAULTS = {
  members: [] as MemberSpec[],
  combiner: 'mean' as Combiner,
  stack_folds: 3,
  weights_tail: 0.25,
  purge_bars: 1,
};

const TASK_OF: Record<MemberKind, Task> = {
  gbc: 'classification',
  rfc: 'classification',
  sgdc: 'classification',
  gbr: 'regression',
  sgdr: 'regression',
};

export function resolveEnsembleParams(p: Record<string, unknown>, task: Task): EnsembleParams {
  const members = p.members;
  if (!Array.isArray(members) || members.length < 2 || members.length > MAX_MEMBERS)
    throw new InputError('members', `An ensemble needs 2 to ${MAX_MEMBERS} members.`);
  const specs = members.map((m: unknown, i): MemberSpec => {
    const o = (m ?? {}) as Record<string, unknown>;
    const kind = o.kind as ModelKind;
    if (!MEMBER_KINDS.includes(kind as MemberKind))
      throw new InputError(
        'members',
        `Member ${i + 1} is ${String(kind)}; an ensemble holds ${MEMBER_KINDS.join(', ')} models.`,
      );
    if (TASK_OF[kind as MemberKind] !== task)
      throw new InputError('members', `Member ${i + 1} (${kind}) is not a ${task} model.`);
    const seed = Number(o.seed ?? 42);
    if (!Number.isSafeInteger(seed))
      throw new InputError('members', `Member ${i + 1} has no whole-number seed.`);
    return {
      kind: kind as MemberKind,
      params: { ...((o.params as Record<string, unknown>) ?? {}) },
      seed,
      ...(typeof o.source_model_id === 'string' ? { source_model_id: o.source_model_id } : {}),
    };
  });
  const combiner = (p.combiner ?? ENSEMBLE_DEFAULTS.combiner) as Combiner;
  if (!COMBINERS.includes(combiner))
    throw new InputError(
      'combiner',
      `Combiner must be one of ${COMBINERS.join(', ')}; got ${String(combiner)}.`,
    );
  const int = (k: string, v: unknown, min: number, max: number) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < min || x > max)
      throw new InputError(k, `${k} must be a whole number from ${min} to ${max}; got ${String(v)}.`);
    return x;
  };
  const tail = Number(p.weights_tail ?? ENSEMBLE_DEFAULTS.weights_tail);
  if (!(tail > 0 && tail < 1)) throw new InputError('weights_tail', 'weights_tail must be between 0 and 1.');
  return {
    members: specs,
    combiner,
    stack_folds: int('stack_folds', p.stack_folds ?? ENSEMBLE_DEFAULTS.stack_folds, 1, 10),
    weights_tail: tail,
    purge_bars: int('purge_bars', p.purge_bars ?? ENSEMBLE_DEFAULTS.purge_bars, 0, 100_000),
  };
}
