/**
 * The worker's `exports` namespace: each file of a model or run on its own, zip bundles of
 * a selection or everything, and checked imports (nothing written unless all is valid).
 */
import { proxy, transfer } from 'comlink';
import { artifactFiles } from '../src/core/export/artifact-files';
import { exportBundle } from '../src/core/export/bundle';
import { checkBundle } from '../src/core/export/check';
import { importBundle } from '../src/core/export/import';
import { modelFiles } from '../src/core/export/model-files';
import { getArtifact } from '../src/core/store/artifacts';
import { getModelRecord } from '../src/core/store/models';
import { guardStorage } from '../src/core/store/quota';
import { database } from './env/store';

type ClashMode = 'skip' | 'replace' | 'keep-both';

export const exportApi = proxy({
  modelFiles: async (modelId: string) => modelFiles(await getModelRecord(database(), modelId)),
  artifactFiles: async (runId: string) => artifactFiles(await getArtifact(database(), runId)),
  bundle: async (selection: { models?: string[] | 'all'; artifacts?: string[] | 'all' }) => {
    const bytes = await exportBundle(database(), { ...selection, appVersion: __APP_VERSION__ });
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
  check: (bytes: Uint8Array) => checkBundle(bytes),
  import: (bytes: Uint8Array, onClash: ClashMode) =>
    guardStorage('importing the bundle', () => importBundle(database(), bytes, { onClash })),
});
