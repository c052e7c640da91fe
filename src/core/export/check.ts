/**
 * Checking a bundle before anything is written: the zip is read within size limits (unzip.ts:
 * entry count, declared sizes and their total checked from the central directory before any
 * entry is inflated, and inflation stopped at the first byte past an entry's declared size),
 * every name is a safe bundle path, manifest.json has a known format and version and a valid
 * shape, every listed file is present with its size and sha256, no unlisted file rides along,
 * every JSON parses, metrics.json is a ModelMetricsJson (older layouts upgraded) matching the
 * manifest, report.json matches its schema, text is valid UTF-8, every model's files fit their
 * format field by field (model-files.ts) and load into a model (restoreModel, then disposed).
 * The result is either the list of problems or the records to write.
 */
import { RefusedError } from '../errors';
import { disposeModel, restoreModel } from '../models/registry';
import type { ArtifactRecord, ModelRecord } from '../store/db';
import { recordSize } from '../store/models';
import { readModelMetricsJson } from '../train/metrics-json-check';
import { artifactTextFiles, REPORT_JSON } from './artifact-files';
import { sha256Hex } from './hash';
import type { BundleManifest, ManifestArtifact, ManifestModel } from './manifest';
import { METRICS_JSON, modelFromFiles } from './model-files';
import { MANIFEST_PATH, pathProblem, splitItemPath } from './paths';
import { formatProblems, manifestProblems, metricsProblems, reportProblems } from './schema';
import { readZip } from './unzip';

export interface BundleLimits {
  /** the .zip file itself */
  maxBundleBytes: number;
  /** one unpacked entry */
  maxEntryBytes: number;
  /** all unpacked entries together */
  maxTotalBytes: number;
  maxEntries: number;
  /** load every model to prove its files deserialise (default true) */
  verifyModels: boolean;
}

const MiB = 1024 * 1024;
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxBundleBytes: 512 * MiB,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxEntries: 10_000,
  verifyModels: true,
};

/** A model record from a bundle: everything but when this device stores it. */
export type PlannedModel = Omit<ModelRecord, 'savedAt'>;

export interface BundlePlan {
  manifest: BundleManifest;
  /** the records as they would be written, ids as in the bundle; import stamps savedAt */
  models: PlannedModel[];
  artifacts: ArtifactRecord[];
}

export type BundleCheck = { ok: true; plan: BundlePlan } | { ok: false; problems: string[] };

const refuse = (problems: string[]): BundleCheck => ({ ok: false, problems });
const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_LISTED_PROBLEMS = 50;

function parseJson(path: string, bytes: Uint8Array, problems: string[]): unknown {
  try {
    return JSON.parse(dec.decode(bytes));
  } catch (e) {
    problems.push(`${path} is not valid JSON (${(e as Error).message})`);
    return undefined;
  }
}

/** Checks a bundle; writes nothing. */
export async function checkBundle(
  bytes: Uint8Array,
  limits: Partial<BundleLimits> = {},
): Promise<BundleCheck> {
  const lim = { ...DEFAULT_BUNDLE_LIMITS, ...limits };
  const { files, problems } = readZip(bytes, lim);
  if (problems.length && Object.keys(files).length === 0) return refuse(problems);

  const manifestBytes = files[MANIFEST_PATH];
  if (!manifestBytes)
    return refuse([...problems, 'manifest.json is missing: this is not a Candle Lab bundle']);
  const manifest = parseJson(MANIFEST_PATH, manifestBytes, problems);
  if (manifest === undefined) return refuse(problems);
  const fmt = formatProblems(manifest);
  if (fmt.length) return refuse([...problems, ...fmt]);
  problems.push(...manifestProblems(manifest));
  if (problems.length) return refuse(problems.slice(0, MAX_LISTED_PROBLEMS));
  const m = manifest as BundleManifest;

  // every listed file present with its size and hash, and nothing unlisted
  const listed = new Set<string>();
  for (const e of m.entries) {
    const bad = pathProblem(e.path);
    if (bad || e.path === MANIFEST_PATH) {
      problems.push(`manifest.json lists ${bad ?? 'manifest.json itself'}`);
      continue;
    }
    if (listed.has(e.path)) problems.push(`manifest.json lists ${e.path} twice`);
    listed.add(e.path);
    const f = files[e.path];
    if (!f) problems.push(`${e.path} is listed in manifest.json but missing from the bundle`);
    else if (f.byteLength !== e.size)
      problems.push(`${e.path} is ${f.byteLength} bytes, manifest.json says ${e.size}`);
    else if ((await sha256Hex(f)) !== e.sha256)
      problems.push(`${e.path}: sha256 does not match manifest.json (the file was changed or damaged)`);
  }
  for (const path of Object.keys(files))
    if (path !== MANIFEST_PATH && !listed.has(path))
      problems.push(`${path} is in the bundle but not listed in manifest.json`);

  // every item folder belongs to a listed item, ids unique, each item's files listed
  const byItem = new Map<string, Record<string, Uint8Array>>();
  for (const path of listed) {
    const p = splitItemPath(path);
    if (!p) continue;
    const key = `${p.folder}/${p.id}`;
    if (!byItem.has(key)) byItem.set(key, {});
    if (files[path]) byItem.get(key)![p.file] = files[path];
  }
  const itemKeys = new Set<string>();
  const declare = (folder: string, item: ManifestModel | ManifestArtifact) => {
    const key = `${folder}/${item.id}`;
    if (itemKeys.has(key)) problems.push(`manifest.json lists ${key} twice`);
    itemKeys.add(key);
    for (const f of item.files)
      if (!listed.has(`${key}/${f}`))
        problems.push(`${key}/${f} is named by manifest.json but not among its entries`);
  };
  m.models.forEach((x) => declare('models', x));
  m.artifacts.forEach((x) => declare('artifacts', x));
  for (const key of byItem.keys())
    if (!itemKeys.has(key)) problems.push(`${key}/ holds files but manifest.json lists no such item`);
  if (problems.length) return refuse(problems.slice(0, MAX_LISTED_PROBLEMS));

  // the contents: JSON parses and fits, text decodes, models load
  const models: PlannedModel[] = [];
  for (const mm of m.models) {
    const key = `models/${mm.id}`;
    const item = byItem.get(key) ?? {};
    for (const [name, b] of Object.entries(item))
      if (name.endsWith('.json')) parseJson(`${key}/${name}`, b, problems);
    const metricsBytes = item[METRICS_JSON];
    if (!metricsBytes) {
      problems.push(`${key}/metrics.json is missing`);
      continue;
    }
    const raw = parseJson(`${key}/metrics.json`, metricsBytes, []);
    if (raw === undefined) continue;
    const read = readModelMetricsJson(raw, `${key}/metrics.json`);
    const mp = read.ok ? metricsProblems(`${key}/metrics.json`, read.metrics, mm) : read.problems;
    problems.push(...mp);
    if (!read.ok) continue;
    const metrics = read.metrics;
    let record: PlannedModel;
    try {
      const s = modelFromFiles(item, `${key}/`);
      if (s.kind !== mm.kind || s.format !== mm.format)
        throw new RefusedError(
          'bad-model-file',
          `model.json says ${s.kind} (${s.format}), manifest.json says ${mm.kind} (${mm.format})`,
        );
      if (lim.verifyModels) disposeModel(await restoreModel(s));
      record = {
        id: mm.id,
        kind: s.kind,
        task: mm.task,
        createdAt: Date.parse(mm.created_at),
        dataset: mm.dataset.id ?? '',
        symbols: [...mm.symbols],
        metrics,
        format: s.format,
        header: s.header,
        payload: s.payload,
        size: recordSize(s),
      };
      if (mm.parent_id !== undefined) record.parentId = mm.parent_id;
    } catch (e) {
      problems.push(
        e instanceof RefusedError
          ? e.message
          : `${key}: the model files do not load (${(e as Error).message})`,
      );
      continue;
    }
    if (!mp.length) models.push(record);
  }

  const artifacts: ArtifactRecord[] = [];
  for (const ma of m.artifacts) {
    const key = `artifacts/${ma.id}`;
    const item = byItem.get(key) ?? {};
    let text: Record<string, string>;
    try {
      text = artifactTextFiles(item);
    } catch {
      problems.push(`${key}: a file is not valid UTF-8 text`);
      continue;
    }
    let bad = false;
    for (const [name, b] of Object.entries(item)) {
      if (!name.endsWith('.json')) continue;
      const n = problems.length;
      const v = parseJson(`${key}/${name}`, b, problems);
      if (problems.length > n) bad = true;
      else if (name === REPORT_JSON) {
        const rp = reportProblems(`${key}/${name}`, v, ma);
        problems.push(...rp);
        bad ||= rp.length > 0;
      }
    }
    if (!item[REPORT_JSON]) {
      problems.push(`${key}/report.json is missing`);
      bad = true;
    }
    if (bad) continue;
    const rec: ArtifactRecord = {
      id: ma.id,
      kind: ma.kind as ArtifactRecord['kind'],
      createdAt: Date.parse(ma.created_at),
      summary: ma.summary,
      files: text,
    };
    if (ma.model_id !== undefined) rec.modelId = ma.model_id;
    artifacts.push(rec);
  }
  if (problems.length) return refuse(problems.slice(0, MAX_LISTED_PROBLEMS));
  return { ok: true, plan: { manifest: m, models, artifacts } };
}
