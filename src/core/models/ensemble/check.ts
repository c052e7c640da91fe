/**
 * The 'ensemble/1' format checked field by field, for model files from outside:
 * `checkEnsembleHeader` accepts exactly the header model.ts writes (members of MEMBER_KINDS in
 * their own formats, each member header checked by that format's check with the ensemble's task
 * and class count, combiner state of the shapes the combiner needs) and returns the byte length
 * of every `m<i>/<name>` blob; `checkEnsembleBlobs` runs each member format's blob check. Both
 * throw RefusedError naming the file and field.
 */
import { FileCheck, MODEL_FILE_LIMITS as L } from '../file-check';
import { checkSgdBlobs, checkSgdHeader } from '../tf/sgd/check';
import { SGD_FORMAT } from '../tf/sgd/linear-model';
import { checkTreeBlobs, checkTreeHeader } from '../trees/check';
import { TREE_FORMAT } from '../trees/serialize';
import type { SerializedModel } from '../types';
import { COMBINERS } from './combine';
import { memberSerialized } from './model';
import { MAX_MEMBERS, MEMBER_KINDS, type MemberKind } from './params';

const HEADER_KEYS = [
  'kind',
  'task',
  'nClasses',
  'combiner',
  'weights',
  'coef',
  'intercept',
  'params',
  'members',
];
const FORMAT_OF: Record<MemberKind, string> = {
  gbc: TREE_FORMAT,
  rfc: TREE_FORMAT,
  gbr: TREE_FORMAT,
  sgdc: SGD_FORMAT,
  sgdr: SGD_FORMAT,
};

function checkParams(c: FileCheck, v: unknown, f: string, nMembers: number) {
  const p = c.keys(v, f, ['members', 'combiner', 'stack_folds', 'weights_tail', 'purge_bars']);
  const ms = c.list(p.members, `${f}.members`, nMembers, 'header.members');
  ms.forEach((m, i) => {
    const o = c.keys(m, `${f}.members[${i}]`, ['kind', 'params', 'seed'], ['source_model_id']);
    c.oneOf(o.kind, `${f}.members[${i}].kind`, MEMBER_KINDS);
    c.keys(o.params, `${f}.members[${i}].params`, [], Object.keys((o.params ?? {}) as object));
    if (JSON.stringify(o.params).length > L.stringLength)
      c.fail(`${f}.members[${i}].params`, `is longer than ${L.stringLength} characters`);
    c.int(o.seed, `${f}.members[${i}].seed`, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (o.source_model_id !== undefined) c.str(o.source_model_id, `${f}.members[${i}].source_model_id`, 200);
  });
  c.oneOf(p.combiner, `${f}.combiner`, COMBINERS);
  c.int(p.stack_folds, `${f}.stack_folds`, 1, 10);
  c.num(p.weights_tail, `${f}.weights_tail`, { min: 0, max: 1 });
  c.int(p.purge_bars, `${f}.purge_bars`, 0, 100_000);
}

/** The header as the format defines it; returns the byte length of each payload blob. */
export function checkEnsembleHeader(
  c: FileCheck,
  kind: string,
  header: unknown,
  f = 'header',
): Record<string, number> {
  const h = c.keys(header, f, HEADER_KEYS);
  c.oneOf(h.kind, `${f}.kind`, [kind]);
  const task = c.oneOf(h.task, `${f}.task`, ['classification', 'regression'] as const);
  const C =
    task === 'regression'
      ? c.int(h.nClasses, `${f}.nClasses`, 1, 1)
      : c.int(h.nClasses, `${f}.nClasses`, 2, L.classes);
  const members = c.listUpTo(h.members, `${f}.members`, MAX_MEMBERS);
  if (members.length < 2) c.fail(`${f}.members`, `has ${members.length} entries, an ensemble has at least 2`);
  const M = members.length;
  const combiner = c.oneOf(h.combiner, `${f}.combiner`, COMBINERS);
  checkParams(c, h.params, `${f}.params`, M);
  if ((h.params as { combiner: string }).combiner !== combiner)
    c.fail(`${f}.params.combiner`, `is not header.combiner (${combiner})`);
  if (combiner === 'stacking') {
    c.list(h.weights, `${f}.weights`, 0, 'a stacking combiner');
    const nIn = task === 'regression' ? M : M * (C - 1);
    const nOut = task === 'regression' ? 1 : C;
    c.finiteNumbers(h.coef, `${f}.coef`, nIn * nOut, `${M} members and ${C} classes`);
    c.finiteNumbers(h.intercept, `${f}.intercept`, nOut, `${C} classes`);
  } else {
    c.finiteNumbers(h.weights, `${f}.weights`, M, `${f}.members`).forEach((w, i) =>
      c.num(w, `${f}.weights[${i}]`, { min: 0, max: 1 }),
    );
    if (h.coef !== null) c.fail(`${f}.coef`, `must be null for the ${combiner} combiner`);
    if (h.intercept !== null) c.fail(`${f}.intercept`, `must be null for the ${combiner} combiner`);
  }
  const sizes: Record<string, number> = {};
  members.forEach((m, i) => {
    const mf = `${f}.members[${i}]`;
    const o = c.keys(m, mf, ['kind', 'format', 'header', 'payload']);
    const k = c.oneOf(o.kind, `${mf}.kind`, MEMBER_KINDS);
    c.oneOf(o.format, `${mf}.format`, [FORMAT_OF[k]]);
    const mh = o.header as Record<string, unknown>;
    const own =
      FORMAT_OF[k] === TREE_FORMAT
        ? checkTreeHeader(c, k, mh, `${mf}.header`)
        : checkSgdHeader(c, k, mh, `${mf}.header`);
    if (mh.task !== task)
      c.fail(`${mf}.header.task`, `is ${String(mh.task)}, the ensemble's task is ${task}`);
    if (mh.nClasses !== C)
      c.fail(`${mf}.header.nClasses`, `is ${String(mh.nClasses)}, the ensemble has ${C}`);
    const names = Object.keys(own);
    const listed = c.list(o.payload, `${mf}.payload`, names.length, `format ${FORMAT_OF[k]}`);
    listed.forEach((n, j) => {
      const name = c.oneOf(n, `${mf}.payload[${j}]`, names);
      if (`m${i}/${name}` in sizes) c.fail(`${mf}.payload[${j}]`, `repeats ${name}`);
      sizes[`m${i}/${name}`] = own[name];
    });
  });
  return sizes;
}

/** The blobs of a model whose header passed checkEnsembleHeader (sizes already match). */
export function checkEnsembleBlobs(c: FileCheck, s: SerializedModel): void {
  memberSerialized(s).forEach((m, i) => {
    const mc = new FileCheck(`${c.file} (member ${i})`);
    if (m.format === TREE_FORMAT) checkTreeBlobs(mc, m);
    else checkSgdBlobs(mc, m);
  });
}
