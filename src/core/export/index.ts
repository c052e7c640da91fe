/**
 * Public surface of src/core/export: models and runs as files and zip bundles, the bundle
 * check, and the import (see README.md).
 */
export {
  modelFiles,
  serializedModelFiles,
  modelFromFiles,
  metricsJsonBytes,
  MODEL_JSON,
  METRICS_JSON,
  PACKED_BIN,
} from './model-files';
export type { PackedModelJson, PayloadEntry } from './model-files';
export { artifactFiles, artifactTextFiles, REPORT_JSON } from './artifact-files';
export { exportBundle, bundleRecords, ZIP_LEVEL } from './bundle';
export type { ExportBundleOptions, ExportSelection, ZipLevel } from './bundle';
export { checkBundle, DEFAULT_BUNDLE_LIMITS } from './check';
export { readZip } from './unzip';
export type { ZipLimits, ZipRead } from './unzip';
export type { BundleCheck, BundleLimits, BundlePlan } from './check';
export { importBundle, rewriteIds } from './import';
export type { ClashMode, ImportOptions, ImportResult, IdLists } from './import';
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  buildManifest,
  manifestModel,
  manifestArtifact,
  datasetSummary,
} from './manifest';
export type {
  BundleManifest,
  ManifestEntry,
  ManifestModel,
  ManifestArtifact,
  DatasetSummary,
} from './manifest';
export { pathProblem, isSafeSegment, MANIFEST_PATH } from './paths';
export { TOKEN_PATTERN, assertNoSecrets } from './secrets';
export { sha256Hex } from './hash';
