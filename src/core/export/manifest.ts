/**
 * manifest.json of a bundle (format 'candle-lab-bundle', format_version 1): what is inside, with
 * the size and sha256 of every other file, and per model / run the facts needed to list it and
 * to rebuild its database record on import (id, kind, task, format, dates, dataset id and
 * commit, symbols, config). Builders from records here; the schema check is in schema.ts.
 */
import type { ArtifactRecord, ModelRecord } from '../store/db';

export const BUNDLE_FORMAT = 'candle-lab-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface DatasetSummary {
  id: string | null;
  revision: string | null;
  commit: string | null;
  /** the dataset files the item was computed from, when the record lists them */
  files?: unknown[];
}

export interface ManifestModel {
  id: string;
  kind: string;
  task: string;
  format: string;
  /** ISO 8601 UTC, milliseconds */
  created_at: string;
  dataset: DatasetSummary;
  symbols: string[];
  parent_id?: string;
  /** the training request (metrics.json config) */
  config: unknown;
  /** file names under models/<id>/ */
  files: string[];
}

export interface ManifestArtifact {
  id: string;
  kind: string;
  created_at: string;
  model_id?: string;
  dataset: DatasetSummary;
  /** the run's config (report.json config, else summary.config) */
  config: unknown;
  /** the record's summary: headline numbers for lists */
  summary: Record<string, unknown>;
  /** file names under artifacts/<id>/ */
  files: string[];
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  format_version: number;
  app_version: string;
  created_at: string;
  entries: ManifestEntry[];
  models: ManifestModel[];
  artifacts: ManifestArtifact[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Dataset id, revision, commit (and files) from a metrics.json / report.json `dataset` field. */
export function datasetSummary(ds: unknown, fallbackId: string | null): DatasetSummary {
  if (typeof ds === 'string') return { id: ds, revision: null, commit: null };
  const o = (ds && typeof ds === 'object' ? ds : {}) as Record<string, unknown>;
  const out: DatasetSummary = {
    id: str(o.id) ?? fallbackId,
    revision: str(o.revision),
    commit: str(o.commit),
  };
  if (Array.isArray(o.files)) out.files = o.files;
  return out;
}

export function manifestModel(r: ModelRecord, files: string[]): ManifestModel {
  const m: ManifestModel = {
    id: r.id,
    kind: r.kind,
    task: r.task,
    format: r.format,
    created_at: iso(r.createdAt),
    dataset: datasetSummary(r.metrics.dataset, r.dataset),
    symbols: [...r.symbols],
    config: r.metrics.config ?? null,
    files,
  };
  m.dataset.id = r.dataset;
  if (r.parentId !== undefined) m.parent_id = r.parentId;
  return m;
}

export function manifestArtifact(r: ArtifactRecord, files: string[]): ManifestArtifact {
  let report: Record<string, unknown> = {};
  try {
    const parsed: unknown = r.files['report.json'] ? JSON.parse(r.files['report.json']) : {};
    if (parsed && typeof parsed === 'object') report = parsed as Record<string, unknown>;
  } catch {
    // an unreadable report still exports; the import check will refuse it with a message
  }
  const a: ManifestArtifact = {
    id: r.id,
    kind: r.kind,
    created_at: iso(r.createdAt),
    dataset: datasetSummary(report.dataset ?? r.summary.dataset, null),
    config: report.config ?? r.summary.config ?? null,
    summary: r.summary,
    files,
  };
  if (r.modelId !== undefined) a.model_id = r.modelId;
  return a;
}

export function buildManifest(o: {
  appVersion: string;
  createdAt: number;
  entries: ManifestEntry[];
  models: ManifestModel[];
  artifacts: ManifestArtifact[];
}): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    app_version: o.appVersion,
    created_at: iso(o.createdAt),
    entries: o.entries,
    models: o.models,
    artifacts: o.artifacts,
  };
}
