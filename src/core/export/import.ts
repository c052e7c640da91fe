/**
 * Import: check the bundle (check.ts), then write every record in ONE Dexie transaction over
 * models + artifacts, so a failure (a quota error included) writes nothing. Id clashes with
 * what the database holds are handled as the user chose:
 *   skip      keep the existing record, do not import the bundle's
 *   replace   overwrite the existing record
 *   keep-both import under a new id, `<id>_imported` (then `_imported_2`, ...), rewriting the
 *             ids inside it: metrics.json model_id, report.json run_id, and every reference to
 *             a model renamed in the same import (an artifact's modelId / model_id, a model's
 *             parentId / parent_id). JSON files whose ids change are re-serialised with the
 *             indentation they had; all other files stay byte-identical.
 */
import type { ArtifactRecord, CandleLabDb, ModelRecord } from '../store/db';
import { guardStorage } from '../store/quota';
import { uniqueId } from '../util/ids';
import { checkBundle, type BundleLimits } from './check';

export type ClashMode = 'skip' | 'replace' | 'keep-both';

export interface ImportOptions {
  onClash: ClashMode;
  /** the clock stamping savedAt on the imported models (Date.now by default) */
  now?: () => number;
  limits?: Partial<BundleLimits>;
}

export interface IdLists {
  models: string[];
  artifacts: string[];
}

export type ImportResult =
  | {
      ok: true;
      /** ids as written */
      added: IdLists;
      replaced: IdLists;
      skipped: IdLists;
      renamed: { models: { from: string; to: string }[]; artifacts: { from: string; to: string }[] };
    }
  | { ok: false; problems: string[] };

const MODEL_REF = /^(model_?id|modelId|parent_?id|parentId|(base|source|updated|parent)_?model_?id)$/i;
const MODEL_REFS = /^model_?ids$/i;
const RUN_REF = /^(run_?id|runId)$/i;

/** Replaces id references (by key name) found anywhere in a JSON value; returns a new value. */
export function rewriteIds(v: unknown, models: Map<string, string>, runs: Map<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => rewriteIds(x, models, runs));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'string' && MODEL_REF.test(k)) out[k] = models.get(x) ?? x;
    else if (typeof x === 'string' && RUN_REF.test(k)) out[k] = runs.get(x) ?? x;
    else if (Array.isArray(x) && MODEL_REFS.test(k))
      out[k] = x.map((y) => (typeof y === 'string' ? (models.get(y) ?? y) : y));
    else out[k] = rewriteIds(x, models, runs);
  }
  return out;
}

/** The indentation a JSON text was written with (0 = compact), to write it back the same way. */
function indentOf(text: string): number | string {
  const m = /^[{[]\r?\n([ \t]+)/.exec(text);
  if (!m) return 0;
  return m[1][0] === '\t' ? '\t' : m[1].length;
}

function rewriteJsonText(text: string, models: Map<string, string>, runs: Map<string, string>): string {
  const before = JSON.parse(text) as unknown;
  const after = rewriteIds(before, models, runs);
  if (JSON.stringify(after) === JSON.stringify(before)) return text;
  return JSON.stringify(after, null, indentOf(text));
}

export async function importBundle(
  db: CandleLabDb,
  bytes: Uint8Array,
  o: ImportOptions,
): Promise<ImportResult> {
  const check = await checkBundle(bytes, o.limits);
  if (!check.ok) return check;
  const { plan } = check;
  const result = {
    ok: true as const,
    added: { models: [] as string[], artifacts: [] as string[] },
    replaced: { models: [] as string[], artifacts: [] as string[] },
    skipped: { models: [] as string[], artifacts: [] as string[] },
    renamed: {
      models: [] as { from: string; to: string }[],
      artifacts: [] as { from: string; to: string }[],
    },
  };
  await guardStorage('importing the bundle', () =>
    db.transaction('rw', db.models, db.artifacts, async () => {
      const haveModels = new Set(await db.models.toCollection().primaryKeys());
      const haveRuns = new Set(await db.artifacts.toCollection().primaryKeys());
      const bundleModels = new Set(plan.models.map((r) => r.id));
      const bundleRuns = new Set(plan.artifacts.map((r) => r.id));
      const modelMap = new Map<string, string>();
      const runMap = new Map<string, string>();
      const decide = (
        id: string,
        have: Set<string>,
        inBundle: Set<string>,
        map: Map<string, string>,
        kind: 'models' | 'artifacts',
      ) => {
        if (!have.has(id)) {
          result.added[kind].push(id);
          return id;
        }
        if (o.onClash === 'skip') {
          result.skipped[kind].push(id);
          return null;
        }
        if (o.onClash === 'replace') {
          result.replaced[kind].push(id);
          return id;
        }
        const to = uniqueId(
          `${id}_imported`,
          (x) => have.has(x) || inBundle.has(x) || [...map.values()].includes(x),
        );
        map.set(id, to);
        result.renamed[kind].push({ from: id, to });
        result.added[kind].push(to);
        return to;
      };
      const modelIds = plan.models.map((r) => decide(r.id, haveModels, bundleModels, modelMap, 'models'));
      const runIds = plan.artifacts.map((r) => decide(r.id, haveRuns, bundleRuns, runMap, 'artifacts'));

      // one stamp for the whole import: 'latest' then goes to the bundle's newest model by createdAt
      const savedAt = (o.now ?? Date.now)();
      const models: ModelRecord[] = [];
      plan.models.forEach((r, i) => {
        const id = modelIds[i];
        if (id === null) return;
        if (!modelMap.size) return void models.push({ ...r, savedAt });
        const rec: ModelRecord = {
          ...r,
          savedAt,
          id,
          metrics: rewriteIds(r.metrics, modelMap, runMap) as Record<string, unknown>,
        };
        rec.metrics.model_id = id;
        if (r.parentId !== undefined) rec.parentId = modelMap.get(r.parentId) ?? r.parentId;
        models.push(rec);
      });
      const artifacts: ArtifactRecord[] = [];
      plan.artifacts.forEach((r, i) => {
        const id = runIds[i];
        if (id === null) return;
        if (!modelMap.size && !runMap.size) return void artifacts.push(r);
        const files: Record<string, string> = {};
        for (const [name, text] of Object.entries(r.files))
          files[name] = name.endsWith('.json') ? rewriteJsonText(text, modelMap, runMap) : text;
        const rec: ArtifactRecord = {
          ...r,
          id,
          files,
          summary: rewriteIds(r.summary, modelMap, runMap) as Record<string, unknown>,
        };
        if (r.modelId !== undefined) rec.modelId = modelMap.get(r.modelId) ?? r.modelId;
        artifacts.push(rec);
      });
      if (models.length) await db.models.bulkPut(models);
      if (artifacts.length) await db.artifacts.bulkPut(artifacts);
    }),
  );
  return result;
}
