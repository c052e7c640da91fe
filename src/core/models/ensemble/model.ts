/**
 * The ensemble model (kind 'ensemble'): fitted members plus the combiner state, and its
 * 'ensemble/1' serialised form: header { kind, task, nClasses, combiner, weights, coef,
 * intercept, params, members: [{ kind, format, header, payload: [blob names] }] } and the
 * members' blobs under `m<i>/<name>`. Restoring restores every member with the registry's
 * restoreModel and predicts bit for bit like the original.
 */
import type { Matrix, Model, ModelKind, PredictContext, Predictions, SerializedModel, Task } from '../types';
import { combine, type CombinerState } from './combine';
import type { EnsembleParams } from './params';

export const ENSEMBLE_FORMAT = 'ensemble/1';

export class EnsembleModel implements Model {
  readonly kind: ModelKind = 'ensemble';
  constructor(
    readonly task: Task,
    readonly nClasses: number,
    readonly members: Model[],
    readonly state: CombinerState,
    readonly params: EnsembleParams,
  ) {}

  /** Every member's predictions on X (the report's per-member metrics and correlations). */
  memberPredictions(X: Matrix): Predictions[] {
    return this.members.map((m) => m.predict(X));
  }

  predict(X: Matrix, _context?: PredictContext): Predictions {
    return combine(this.state, this.memberPredictions(X), this.task);
  }

  /** The members' gain importances averaged (equal weights), when every member has one. */
  featureImportance(): Float64Array {
    const parts = this.members.map((m) => m.featureImportance?.()).filter((v): v is Float64Array => !!v);
    const n = parts[0]?.length ?? 0;
    const out = new Float64Array(n);
    for (const p of parts) for (let j = 0; j < n; j++) out[j] += p[j] / parts.length;
    return out;
  }

  serialize(): SerializedModel {
    const payload: Record<string, Uint8Array> = {};
    const members = this.members.map((m, i) => {
      const s = m.serialize();
      for (const [name, blob] of Object.entries(s.payload)) payload[`m${i}/${name}`] = blob;
      return { kind: s.kind, format: s.format, header: s.header, payload: Object.keys(s.payload) };
    });
    return {
      kind: 'ensemble',
      format: ENSEMBLE_FORMAT,
      header: {
        kind: 'ensemble',
        task: this.task,
        nClasses: this.nClasses,
        combiner: this.state.combiner,
        weights: this.state.weights,
        coef: this.state.coef,
        intercept: this.state.intercept,
        params: JSON.parse(JSON.stringify(this.params)) as Record<string, unknown>,
        members,
      },
      payload,
    };
  }

  dispose(): void {
    for (const m of this.members) (m as { dispose?: () => void }).dispose?.();
  }
}

type MemberHeader = { kind: ModelKind; format: string; header: Record<string, unknown>; payload: string[] };

/** The members' serialized forms inside an 'ensemble/1' model. */
export function memberSerialized(s: SerializedModel): SerializedModel[] {
  const members = s.header.members as MemberHeader[];
  return members.map((m, i) => ({
    kind: m.kind,
    format: m.format,
    header: m.header,
    payload: Object.fromEntries(m.payload.map((name) => [name, s.payload[`m${i}/${name}`]])),
  }));
}

export async function restoreEnsemble(
  s: SerializedModel,
  restore: (s: SerializedModel) => Promise<Model>,
): Promise<EnsembleModel> {
  const h = s.header as {
    task: Task;
    nClasses: number;
    combiner: CombinerState['combiner'];
    weights: number[];
    coef: number[] | null;
    intercept: number[] | null;
    params: EnsembleParams;
  };
  const members = await Promise.all(memberSerialized(s).map((m) => restore(m)));
  return new EnsembleModel(
    h.task,
    h.nClasses,
    members,
    { combiner: h.combiner, weights: h.weights, coef: h.coef, intercept: h.intercept },
    h.params,
  );
}
