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
import { FileCheck, isObj } from '../models/file-check';
import { checkNeuralModelJson, checkNeuralWeights } from '../models/tf/neural/check';
import { checkSgdBlobs, checkSgdHeader } from '../models/tf/sgd/check';
import { SGD_FORMAT } from '../models/tf/sgd/linear-model';
import { checkTreeBlobs, checkTreeHeader } from '../models/trees/check';
import { checkEnsembleBlobs, checkEnsembleHeader } from '../models/ensemble/check';
import { ENSEMBLE_FORMAT } from '../models/ensemble/model';
import { TREE_FORMAT } from '../models/trees/serialize';
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
const PACKED_FORMATS: Record<string, readonly ModelKind[]> = {
  [TREE_FORMAT]: ['gbc', 'gbr', 'rfc'],
  [SGD_FORMAT]: ['sgdc', 'sgdr'],
  [ENSEMBLE_FORMAT]: ['ensemble'],
};

function parseModelJson(c: FileCheck, raw: Uint8Array): unknown {
  try {
    return JSON.parse(dec.decode(raw));
  } catch (e) {
    return c.fail('', `is not valid JSON (${(e as Error).message})`);
  }
}

/** Refuses a file of the model folder that model.json does not use. */
function noStrayFiles(c: FileCheck, files: Record<string, Uint8Array | undefined>, used: string[]): void {
  for (const name of Object.keys(files))
    if (name !== MODEL_JSON && name !== METRICS_JSON && !used.includes(name))
      c.fail(
        '',
        `does not use ${name}: a model folder holds model.json, metrics.json and the files model.json names`,
      );
}

function tfjsPairFromFiles(
  c: FileCheck,
  dir: string,
  json: Record<string, unknown>,
  files: Record<string, Uint8Array | undefined>,
): SerializedModel {
  const weights = files['weights.bin'] ?? c.fail('weightsManifest', 'names weights.bin, which is missing');
  checkNeuralModelJson(c, json, weights.byteLength);
  noStrayFiles(c, files, ['weights.bin']);
  checkNeuralWeights(new FileCheck(`${dir}weights.bin`), json as never, weights);
  const cl = json.candleLab as { kind: ModelKind; config: unknown };
  const rest: Record<string, unknown> = { ...json };
  delete rest.candleLab;
  const a = fromModelJsonFiles({ 'model.json': JSON.stringify(rest), 'weights.bin': weights });
  const { weightData, ...artifacts } = a;
  for (const k of Object.keys(artifacts) as (keyof typeof artifacts)[])
    if (artifacts[k] === undefined) delete artifacts[k];
  return {
    kind: cl.kind,
    format: TFJS_LAYERS,
    header: { config: cl.config, artifacts },
    payload: { 'weights.bin': weightData },
  };
}

/**
 * Reads model.json (+ the files it names) back into a SerializedModel. Everything is checked
 * against the model's format first (header fields, sizes against the declared shapes, payload
 * layout, finite weights); what the format does not define throws RefusedError naming the file
 * (under `dir`, e.g. 'models/<id>/') and the field.
 */
export function modelFromFiles(files: Record<string, Uint8Array | undefined>, dir = ''): SerializedModel {
  const c = new FileCheck(`${dir}${MODEL_JSON}`);
  const raw = files[MODEL_JSON] ?? c.fail('', 'is missing');
  const json = parseModelJson(c, raw);
  if (!isObj(json)) return c.fail('', 'is not a JSON object');
  if (json.candleLab !== undefined) return tfjsPairFromFiles(c, dir, json, files);
  const p = c.keys(json, '', ['format', 'kind', 'header', 'payload']);
  const format = c.oneOf(p.format, 'format', Object.keys(PACKED_FORMATS));
  const kind = c.oneOf(p.kind, 'kind', PACKED_FORMATS[format]);
  const sizes =
    format === TREE_FORMAT
      ? checkTreeHeader(c, kind, p.header)
      : format === ENSEMBLE_FORMAT
        ? checkEnsembleHeader(c, kind, p.header)
        : checkSgdHeader(c, kind, p.header);
  const names = Object.keys(sizes);
  const entries = c.list(p.payload, 'payload', names.length, `format ${format}`);
  const file = names.length === 1 ? names[0] : PACKED_BIN;
  const bin = files[file] ?? c.fail('payload', `names ${file}, which is missing`);
  noStrayFiles(c, files, [file]);
  const payload: Record<string, Uint8Array> = {};
  let end = 0;
  entries.forEach((x, i) => {
    const f = `payload[${i}]`;
    const e = c.keys(x, f, ['name', 'file', 'offset', 'byteLength']);
    const name = c.oneOf(e.name, `${f}.name`, names);
    if (name in payload) c.fail(`${f}.name`, `repeats ${name}`);
    c.oneOf(e.file, `${f}.file`, [file]);
    const len = c.int(e.byteLength, `${f}.byteLength`, sizes[name], sizes[name]);
    if (len > bin.byteLength)
      new FileCheck(`${dir}${file}`).fail(
        '',
        `is ${bin.byteLength} bytes, too short for ${name} (${len} bytes)`,
      );
    const off = c.int(e.offset, `${f}.offset`, 0, bin.byteLength - len);
    payload[name] = bin.slice(off, off + len);
    end = Math.max(end, off + len);
  });
  if (bin.byteLength !== end)
    new FileCheck(`${dir}${file}`).fail(
      '',
      `is ${bin.byteLength} bytes, but model.json's payload ends at byte ${end}`,
    );
  const s: SerializedModel = { kind, format, header: p.header as Record<string, unknown>, payload };
  const blobs = new FileCheck(`${dir}${file}`);
  if (format === TREE_FORMAT) checkTreeBlobs(blobs, s);
  else if (format === ENSEMBLE_FORMAT) checkEnsembleBlobs(blobs, s);
  else checkSgdBlobs(blobs, s);
  return s;
}
