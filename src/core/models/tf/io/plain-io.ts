/**
 * A TensorFlow.js IOHandler that saves to, and loads from, a plain object
 * `{ modelTopology, trainingConfig, weightSpecs, weightData: Uint8Array }`.
 *
 * Why custom: tfjs' own handlers write to browser IndexedDB under their own database,
 * to localStorage, or trigger downloads (which fail in workers). The app keeps every
 * model in its own Dexie database next to the trees and exports them as files, so the
 * models only need to become plain, structured-cloneable data; storage is the caller's.
 * `toModelJsonFiles` turns the object into the standard tfjs on-disk pair
 * (`model.json` + `weights.bin`) that `tf.loadLayersModel` reads, and back.
 */
import { InternalError } from '../../../errors';
import * as tf from '@tensorflow/tfjs';

export interface PlainModelArtifacts {
  /** the Keras-style topology JSON of a layers model; null for weight-only models */
  modelTopology: Record<string, unknown> | null;
  /** loss/optimizer config, present when the model was saved with its optimizer */
  trainingConfig?: tf.io.TrainingConfig;
  /** one entry per tensor in weightData, in order (model weights, then optimizer weights) */
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** all weights concatenated, little-endian, as tfjs lays them out */
  weightData: Uint8Array;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
}

export interface PlainIOHandler extends tf.io.IOHandler {
  /** what the last `save` received (null before any save) */
  readonly saved: PlainModelArtifacts | null;
}

/** Joins tfjs' WeightData (one buffer or several) into one owned Uint8Array. */
export function weightDataToBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return new Uint8Array(buffer.slice(0));
}

/** An exact-length ArrayBuffer copy of bytes (a Uint8Array may view a larger buffer). */
export function bytesToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

/**
 * An IOHandler for `model.save(handler)` and `tf.loadLayersModel(handler)`.
 * Pass `source` to load from it; after `save`, read the result from `handler.saved`.
 */
export function plainIOHandler(source?: PlainModelArtifacts): PlainIOHandler {
  let saved: PlainModelArtifacts | null = null;
  return {
    get saved() {
      return saved;
    },
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new InternalError('plainIOHandler stores layers models only (got a graph-model topology)');
      }
      saved = {
        modelTopology: (artifacts.modelTopology as Record<string, unknown> | undefined) ?? null,
        trainingConfig: artifacts.trainingConfig,
        weightSpecs: artifacts.weightSpecs ?? [],
        weightData: weightDataToBytes(artifacts.weightData),
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        userDefinedMetadata: artifacts.userDefinedMetadata as Record<string, unknown> | undefined,
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      if (!source) throw new InternalError('plainIOHandler: nothing to load (no source given)');
      return {
        modelTopology: source.modelTopology ?? undefined,
        trainingConfig: source.trainingConfig,
        weightSpecs: source.weightSpecs,
        weightData: bytesToArrayBuffer(source.weightData),
        format: source.format,
        generatedBy: source.generatedBy,
        convertedBy: source.convertedBy,
        userDefinedMetadata: source.userDefinedMetadata as { [key: string]: object } | undefined,
      };
    },
  };
}

/** The standard tfjs file pair: `model.json` (weightsManifest -> weights.bin) and `weights.bin`. */
export function toModelJsonFiles(a: PlainModelArtifacts): {
  'model.json': string;
  'weights.bin': Uint8Array;
} {
  const json: Record<string, unknown> = {
    format: a.format ?? 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
  };
  if (a.trainingConfig) json.trainingConfig = a.trainingConfig;
  if (a.userDefinedMetadata) json.userDefinedMetadata = a.userDefinedMetadata;
  return { 'model.json': JSON.stringify(json), 'weights.bin': a.weightData };
}

/** Reverse of `toModelJsonFiles` (one weights file, as we write them). */
export function fromModelJsonFiles(files: {
  'model.json': string;
  'weights.bin': Uint8Array;
}): PlainModelArtifacts {
  const json = JSON.parse(files['model.json']) as {
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
    modelTopology: Record<string, unknown> | null;
    trainingConfig?: tf.io.TrainingConfig;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    userDefinedMetadata?: Record<string, unknown>;
  };
  return {
    modelTopology: json.modelTopology,
    trainingConfig: json.trainingConfig,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: files['weights.bin'],
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    userDefinedMetadata: json.userDefinedMetadata,
  };
}
