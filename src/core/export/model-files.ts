/**
 * A stored model as files, and back (README.md "Model files" documents the layout):
 * - 'tfjs-layers/1' (mlp, lstm): the standard TensorFlow.js pair `model.json` + `weights.bin`
 *   (tf.loadLayersModel reads it; weights.bin holds model weights then the Adam weights, all
 *   listed in weightsManifest), with our header's `config` under an extra `candleLab` key.
 * - every other format ('sgd-linear/1', 'tree-ensemble/1'): `model.json` =
 *   { format, kind, header, payload: [{ name, file, offset, byteLength }] } and the blobs:
 *   a single `*.bin` blob keeps its name (sgd: `weights.bin`), several are packed into
 *   `model.bin` at 8-byte aligned offsets, zero padding between (trees).
 * - `metrics.json`: the model's metrics.json, pretty-printed.
 * `modelFromFiles` is the exact inverse: restoring its result predicts like the original.
 */
import { toModelJsonFiles, fromModelJsonFiles, type PlainModelArtifacts } from '../models/tf/io/plain-io';
import type { ModelKind, SerializedModel } from '../models/types';
import type { ModelRecord } from '../store/db';
import { serializedOf } from '../store/models';
import { assertNoSecrets } from './secrets';

export const MODEL_JSON = 'model.json';
export const METRICS_JSON = 'metrics.json';
export const PACKED_BIN = 'model.bin';
const TFJS_LAYERS = 'tfjs-layers/1';
const ALIGN = 8;

export interface PayloadEntry {
  /** the blob's name in SerializedModel.payload */
  name: string;
  /** the file holding it */
  file: string;
  offset: number;
  byteLength: number;
}

export interface PackedModelJson {
  format: string;
  kind: ModelKind;
  header: Record<string, unknown>;
  payload: PayloadEntry[];
}

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);

function isTfjsPair(s: SerializedModel): boolean {
  const keys = Object.keys(s.header);
  const payload = Object.keys(s.payload);
  return (
    s.format === TFJS_LAYERS &&
    keys.every((k) => k === 'config' || k === 'artifacts') &&
    typeof s.header.artifacts === 'object' &&
    payload.length === 1 &&
    payload[0] === 'weights.bin'
  );
}

/** The model's own files (no metrics.json): model.json plus weights.bin or model.bin. */
export function serializedModelFiles(s: SerializedModel): Record<string, Uint8Array> {
  if (isTfjsPair(s)) {
    const artifacts = s.header.artifacts as Omit<PlainModelArtifacts, 'weightData'>;
    const pair = toModelJsonFiles({ ...artifacts, weightData: s.payload['weights.bin'] });
    const json = JSON.parse(pair['model.json']) as Record<string, unknown>;
    json.candleLab = { format: s.format, kind: s.kind, config: s.header.config ?? null };
    return { [MODEL_JSON]: utf8(JSON.stringify(json)), 'weights.bin': pair['weights.bin'] };
  }
  const names = Object.keys(s.payload);
  const single = names.length === 1 && names[0].endsWith('.bin') && names[0] !== MODEL_JSON;
  const entries: PayloadEntry[] = [];
  const files: Record<string, Uint8Array> = {};
  if (single) {
    const b = s.payload[names[0]];
    entries.push({ name: names[0], file: names[0], offset: 0, byteLength: b.byteLength });
    files[names[0]] = b;
  } else {
    let off = 0;
    for (const name of names) {
      off = Math.ceil(off / ALIGN) * ALIGN;
      entries.push({ name, file: PACKED_BIN, offset: off, byteLength: s.payload[name].byteLength });
      off += s.payload[name].byteLength;
    }
    const bin = new Uint8Array(off);
    for (const e of entries) bin.set(s.payload[e.name], e.offset);
    files[PACKED_BIN] = bin;
  }
  const json: PackedModelJson = { format: s.format, kind: s.kind, header: s.header, payload: entries };
  return { [MODEL_JSON]: utf8(JSON.stringify(json, null, 2)), ...files };
}

/** metrics.json bytes of a record. */
export function metricsJsonBytes(metrics: Record<string, unknown>): Uint8Array {
  return utf8(JSON.stringify(metrics, null, 2));
}

/** Every file of a stored model, for download one by one or in a bundle; refuses secrets. */
export function modelFiles(record: ModelRecord): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    ...serializedModelFiles(serializedOf(record)),
    [METRICS_JSON]: metricsJsonBytes(record.metrics),
  };
  const dec = new TextDecoder();
  assertNoSecrets(
    { [MODEL_JSON]: dec.decode(files[MODEL_JSON]), [METRICS_JSON]: dec.decode(files[METRICS_JSON]) },
    `models/${record.id}/`,
  );
  return files;
}

const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fail(msg: string): never {
  throw new Error(msg);
}

/** Reads model.json (+ the files it names) back into a SerializedModel; throws saying what is wrong. */
export function modelFromFiles(files: Record<string, Uint8Array | undefined>): SerializedModel {
  const raw = files[MODEL_JSON] ?? fail(`${MODEL_JSON} is missing`);
  const json = JSON.parse(dec.decode(raw)) as Record<string, unknown>;
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail(`${MODEL_JSON} is not a JSON object`);
  if (json.candleLab !== undefined) {
    const cl = json.candleLab as { format?: unknown; kind?: unknown; config?: unknown };
    if (cl.format !== TFJS_LAYERS) fail(`${MODEL_JSON}: unknown candleLab.format ${String(cl.format)}`);
    if (typeof cl.kind !== 'string') fail(`${MODEL_JSON}: candleLab.kind is missing`);
    const manifest = json.weightsManifest as { paths?: unknown }[] | undefined;
    if (
      !Array.isArray(manifest) ||
      manifest.length !== 1 ||
      JSON.stringify(manifest[0]?.paths) !== '["weights.bin"]'
    )
      fail(`${MODEL_JSON}: weightsManifest must name one file, weights.bin`);
    if (!json.modelTopology || typeof json.modelTopology !== 'object')
      fail(`${MODEL_JSON}: modelTopology is missing`);
    const weights = files['weights.bin'] ?? fail('weights.bin is missing');
    const rest: Record<string, unknown> = { ...json };
    delete rest.candleLab;
    const a = fromModelJsonFiles({ 'model.json': JSON.stringify(rest), 'weights.bin': weights });
    const { weightData, ...artifacts } = a;
    for (const k of Object.keys(artifacts) as (keyof typeof artifacts)[])
      if (artifacts[k] === undefined) delete artifacts[k];
    return {
      kind: cl.kind as ModelKind,
      format: TFJS_LAYERS,
      header: { config: cl.config, artifacts },
      payload: { 'weights.bin': weightData },
    };
  }
  const p = json as unknown as PackedModelJson;
  if (typeof p.format !== 'string' || typeof p.kind !== 'string')
    fail(`${MODEL_JSON}: format and kind are required`);
  if (!p.header || typeof p.header !== 'object' || Array.isArray(p.header))
    fail(`${MODEL_JSON}: header must be an object`);
  if (!Array.isArray(p.payload)) fail(`${MODEL_JSON}: payload must be a list`);
  const payload: Record<string, Uint8Array> = {};
  for (const e of p.payload) {
    if (!e || typeof e.name !== 'string' || typeof e.file !== 'string')
      fail(`${MODEL_JSON}: a payload entry lacks name/file`);
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.byteLength) || e.offset < 0 || e.byteLength < 0)
      fail(`${MODEL_JSON}: payload ${e.name} has a bad offset or length`);
    const f = files[e.file] ?? fail(`${e.file} (payload ${e.name}) is missing`);
    if (e.offset + e.byteLength > f.byteLength) fail(`${e.file} is too short for payload ${e.name}`);
    if (Object.prototype.hasOwnProperty.call(payload, e.name)) fail(`${MODEL_JSON}: payload ${e.name} twice`);
    payload[e.name] = f.slice(e.offset, e.offset + e.byteLength);
  }
  return { kind: p.kind, format: p.format, header: p.header, payload };
}
