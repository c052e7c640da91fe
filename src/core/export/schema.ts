/**
 * Minimal schemas for what a bundle carries: manifest.json, a model's metrics.json and a run's
 * report.json. Hand-written checks (no schema library is installed, and the rules are few) that
 * return readable problems instead of throwing, so a refused bundle lists everything wrong.
 */
import type { ManifestArtifact, ManifestModel } from './manifest';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './manifest';
import { isSafeSegment } from './paths';
import type { ArtifactRecord } from '../store/db';
import { walkForwardReportProblems } from '../walkforward/report-type';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isIso = (v: unknown) => isStr(v) && Number.isFinite(Date.parse(v));
const ARTIFACT_KINDS = new Set<ArtifactRecord['kind']>(['backtest', 'optimize', 'tuning', 'ab', 'live']);

/** Format and version first: an unknown one makes the rest meaningless. */
export function formatProblems(m: unknown): string[] {
  if (!isObj(m)) return ['manifest.json is not a JSON object'];
  if (m.format !== BUNDLE_FORMAT)
    return [
      `manifest.json: format is ${JSON.stringify(m.format)}, not "${BUNDLE_FORMAT}": this is not a Candle Lab bundle`,
    ];
  const v = m.format_version;
  if (!Number.isInteger(v)) return ['manifest.json: format_version is missing or not a whole number'];
  if ((v as number) > BUNDLE_FORMAT_VERSION)
    return [
      `manifest.json: format_version ${String(v)} was written by a newer version of the app; this one reads format_version ${BUNDLE_FORMAT_VERSION}. Update the app and import again.`,
    ];
  if (v !== BUNDLE_FORMAT_VERSION) return [`manifest.json: unknown format_version ${String(v)}`];
  return [];
}

function fileList(where: string, files: unknown, out: string[]): void {
  if (!Array.isArray(files) || !files.every((f) => isStr(f) && isSafeSegment(f)))
    out.push(`${where}: files must be a list of plain file names`);
}

function modelProblems(m: unknown, i: number): string[] {
  const where = `manifest.json models[${i}]`;
  if (!isObj(m)) return [`${where} is not an object`];
  const out: string[] = [];
  if (!isStr(m.id) || !isSafeSegment(m.id))
    out.push(`${where}: id is missing or has characters a bundle does not allow`);
  for (const k of ['kind', 'task', 'format'] as const)
    if (!isStr(m[k])) out.push(`${where}: ${k} must be a string`);
  if (!isIso(m.created_at)) out.push(`${where}: created_at must be an ISO date`);
  if (!isObj(m.dataset)) out.push(`${where}: dataset must be an object`);
  if (!Array.isArray(m.symbols) || !m.symbols.every(isStr))
    out.push(`${where}: symbols must be a list of strings`);
  if (m.parent_id !== undefined && !isStr(m.parent_id)) out.push(`${where}: parent_id must be a string`);
  fileList(where, m.files, out);
  return out;
}

function artifactProblems(a: unknown, i: number): string[] {
  const where = `manifest.json artifacts[${i}]`;
  if (!isObj(a)) return [`${where} is not an object`];
  const out: string[] = [];
  if (!isStr(a.id) || !isSafeSegment(a.id))
    out.push(`${where}: id is missing or has characters a bundle does not allow`);
  if (!ARTIFACT_KINDS.has(a.kind as ArtifactRecord['kind']))
    out.push(`${where}: kind must be one of ${[...ARTIFACT_KINDS].map((k) => `"${k}"`).join(', ')}`);
  if (!isIso(a.created_at)) out.push(`${where}: created_at must be an ISO date`);
  if (a.model_id !== undefined && !isStr(a.model_id)) out.push(`${where}: model_id must be a string`);
  if (!isObj(a.summary)) out.push(`${where}: summary must be an object`);
  fileList(where, a.files, out);
  return out;
}

/** The whole manifest; [] when it can be trusted structurally (hashes are checked elsewhere). */
export function manifestProblems(m: unknown): string[] {
  const f = formatProblems(m);
  if (f.length) return f;
  const o = m as Obj;
  const out: string[] = [];
  if (!isStr(o.app_version)) out.push('manifest.json: app_version must be a string');
  if (!isIso(o.created_at)) out.push('manifest.json: created_at must be an ISO date');
  if (!Array.isArray(o.entries)) out.push('manifest.json: entries must be a list');
  else
    o.entries.forEach((e, i) => {
      if (
        !isObj(e) ||
        !isStr(e.path) ||
        !Number.isSafeInteger(e.size) ||
        (e.size as number) < 0 ||
        !/^[0-9a-f]{64}$/.test(String(e.sha256))
      )
        out.push(`manifest.json entries[${i}]: needs path, size (bytes) and sha256 (64 hex digits)`);
    });
  if (!Array.isArray(o.models)) out.push('manifest.json: models must be a list');
  else o.models.forEach((x, i) => out.push(...modelProblems(x, i)));
  if (!Array.isArray(o.artifacts)) out.push('manifest.json: artifacts must be a list');
  else o.artifacts.forEach((x, i) => out.push(...artifactProblems(x, i)));
  return out;
}

/** A model's metrics.json: model_id (its id), model.kind (its kind), model.task (its task). */
export function metricsProblems(path: string, v: unknown, m: ManifestModel): string[] {
  if (!isObj(v)) return [`${path} is not a JSON object`];
  const out: string[] = [];
  if (v.model_id !== m.id)
    out.push(`${path}: model_id ${JSON.stringify(v.model_id)} does not match the folder's id ${m.id}`);
  const model = v.model;
  if (!isObj(model)) out.push(`${path}: "model" ({kind, task, ...}) is missing`);
  else {
    if (model.kind !== m.kind)
      out.push(`${path}: model.kind ${JSON.stringify(model.kind)} does not match ${m.kind}`);
    if (!isStr(model.task)) out.push(`${path}: model.task is missing`);
    else if (model.task !== m.task) out.push(`${path}: model.task ${model.task} does not match ${m.task}`);
    if (model.format !== undefined && model.format !== m.format)
      out.push(`${path}: model.format ${JSON.stringify(model.format)} does not match ${m.format}`);
  }
  return out;
}

/**
 * A run's report.json: run_id (its id) and config (an object); a backtest's also has the shape
 * of the walk-forward run report (`walkForwardReportProblems`), which the Artifacts views read.
 */
export function reportProblems(path: string, v: unknown, a: ManifestArtifact): string[] {
  if (!isObj(v)) return [`${path} is not a JSON object`];
  const out: string[] = [];
  if (v.run_id !== a.id)
    out.push(`${path}: run_id ${JSON.stringify(v.run_id)} does not match the folder's id ${a.id}`);
  if (!isObj(v.config)) out.push(`${path}: config must be an object`);
  if (a.kind === 'backtest')
    for (const p of walkForwardReportProblems(v)) out.push(`${path}: ${p.replace(/^report\.json /, '')}`);
  return out;
}
