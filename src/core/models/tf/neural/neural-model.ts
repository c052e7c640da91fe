/**
 * NeuralModel: a fitted `mlp`, `lstm` or `transformer` (a tf.LayersModel plus what is needed to feed it).
 * Owns tensors: call dispose() when done. Serialized as 'tfjs-layers/1': the header holds
 * the tfjs model.json fields (topology, training config, weight specs) and our config;
 * the payload's `weights.bin` holds model weights followed by the Adam optimizer's
 * weights, so training can continue after loading. The serialization is produced through
 * the plain-object IOHandler once, right after fitting/loading (saving is async in tfjs,
 * serialize() is sync), which is valid because the model does not change afterwards.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix, Model, NeuralModelKind, Predictions, SerializedModel, Task } from '../../types';
import {
  bytesToArrayBuffer,
  plainIOHandler,
  weightDataToBytes,
  type PlainModelArtifacts,
} from '../io/plain-io';
import { checkMatrix, packRows } from '../matrix';
import { hostPredict, readHostLayers, type HostLayer } from './host-forward';
import './attention';
import type { LstmOptions, MlpOptions, TransformerOptions } from './options';
import './seeded-dropout';
import { buildSequences, packSequences } from './sequences';
import { DataError, InternalError } from '../../../errors';

export const TFJS_LAYERS_FORMAT = 'tfjs-layers/1';

export interface NeuralModelConfig {
  kind: NeuralModelKind;
  task: Task;
  nClasses: number;
  nFeatures: number;
  options: MlpOptions | LstmOptions | TransformerOptions;
  trainedOn: { backend: string };
}

/** Where the rows of an lstm prediction come from, so sequences respect symbols and gaps. */
export interface SequenceContext {
  groups?: ArrayLike<number>;
  time?: ArrayLike<number>;
  barMs?: number;
  /**
   * fitting only: positions (ascending) of the labelled rows, y[i] labelling row targets[i];
   * the other rows are history whose features feed the sequences and whose labels are never
   * used. Default: every row is labelled.
   */
  targets?: ArrayLike<number>;
}

const PREDICT_CHUNK_ROWS = 8192;
const PREDICT_CHUNK_SEQUENCES = 1024;

/**
 * model.save(handler, { includeOptimizer: true }) in tfjs 4.22 leaks the scalar that holds
 * the optimizer's iteration count (Optimizer.saveIterations creates it, nobody disposes
 * it), so the optimizer weights are appended here instead, in the same layout tfjs uses
 * (model weights, then optimizer weights with group 'optimizer'), which tf.loadLayersModel
 * reads back into the optimizer.
 */
async function saveWithOptimizer(net: tf.LayersModel): Promise<PlainModelArtifacts> {
  const handler = plainIOHandler();
  await net.save(handler);
  const saved = handler.saved;
  if (!saved) throw new InternalError('saving the model produced nothing');
  if (!net.optimizer) return saved;
  const optimizerWeights = await net.optimizer.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(optimizerWeights, 'optimizer');
    const trainingConfig = (
      net as unknown as { getTrainingConfig(): tf.io.TrainingConfig }
    ).getTrainingConfig();
    return {
      ...saved,
      trainingConfig,
      weightSpecs: [...saved.weightSpecs, ...specs],
      weightData: weightDataToBytes([
        bytesToArrayBuffer(saved.weightData),
        ...(Array.isArray(data) ? data : [data]),
      ]),
    };
  } finally {
    // only the iteration scalar is a fresh tensor; the moments are the optimizer's own variables
    optimizerWeights.filter((w) => w.name === 'iter').forEach((w) => w.tensor.dispose());
  }
}

export class NeuralModel implements Model {
  readonly kind: NeuralModelKind;
  readonly task: Task;
  readonly nClasses: number;
  readonly config: NeuralModelConfig;
  private net: tf.LayersModel | null;
  private artifacts: PlainModelArtifacts;
  /** host copies of the weights, read asynchronously at creation/load (see host-forward.ts) */
  private host: HostLayer[];

  private constructor(
    config: NeuralModelConfig,
    net: tf.LayersModel,
    artifacts: PlainModelArtifacts,
    host: HostLayer[],
  ) {
    this.kind = config.kind;
    this.task = config.task;
    this.nClasses = config.task === 'classification' ? config.nClasses : 1;
    this.config = config;
    this.net = net;
    this.artifacts = artifacts;
    this.host = host;
  }

  /** Wraps a trained network, capturing its serialization (model + optimizer weights). */
  static async create(config: NeuralModelConfig, net: tf.LayersModel): Promise<NeuralModel> {
    net.setUserDefinedMetadata({ candleLab: { ...config } });
    const artifacts = await saveWithOptimizer(net);
    return new NeuralModel(config, net, artifacts, await readHostLayers(net));
  }

  static async load(s: SerializedModel): Promise<NeuralModel> {
    if (s.format !== TFJS_LAYERS_FORMAT)
      throw new DataError('bad-model', `expected format ${TFJS_LAYERS_FORMAT}, got ${s.format}`);
    const h = s.header as { config: NeuralModelConfig; artifacts: Omit<PlainModelArtifacts, 'weightData'> };
    const weightData = s.payload['weights.bin'];
    if (!weightData) throw new DataError('bad-model', 'neural model payload lacks weights.bin');
    const artifacts: PlainModelArtifacts = { ...h.artifacts, weightData };
    const net = await tf.loadLayersModel(plainIOHandler(artifacts));
    return new NeuralModel(h.config, net, artifacts, await readHostLayers(net));
  }

  /**
   * After the network's weights changed (fine-tuning): captures its serialization and host
   * weight copies again, so serialize() and predict() see the new weights.
   */
  async refresh(): Promise<void> {
    this.artifacts = await saveWithOptimizer(this.layersModel);
    this.host = await readHostLayers(this.layersModel);
  }

  get sequenceLength(): number {
    return this.kind === 'mlp' ? 1 : (this.config.options as LstmOptions | TransformerOptions).sequenceLength;
  }

  /** the underlying tf.LayersModel (e.g. to train further); owned by this object */
  get layersModel(): tf.LayersModel {
    if (!this.net) throw new InternalError('model disposed');
    return this.net;
  }

  /** The tfjs artifacts (model.json fields + weights.bin), e.g. for toModelJsonFiles. */
  get tfjsArtifacts(): PlainModelArtifacts {
    return this.artifacts;
  }

  private toPredictions(out: Float32Array, rows: number, at: ArrayLike<number> | null): Predictions {
    const K = this.task === 'classification' ? Math.max(2, this.nClasses) : 1;
    const values = new Float64Array(rows * K).fill(at ? NaN : 0);
    const count = at ? at.length : rows;
    for (let s = 0; s < count; s++) {
      const r = at ? at[s] : s;
      if (this.task === 'classification' && this.nClasses <= 2) {
        values[2 * r] = 1 - out[s];
        values[2 * r + 1] = out[s];
      } else {
        for (let k = 0; k < K; k++) values[r * K + k] = out[s * K + k];
      }
    }
    return { rows, nClasses: K, values };
  }

  /**
   * webgpu's dataSync returns zeros and kills the device under headless SwiftShader (see
   * host-forward.ts), so there predictions are computed from the host weight copies.
   */
  private get onHost(): boolean {
    return tf.getBackend() === 'webgpu';
  }

  private run(x: tf.Tensor): Float32Array {
    return tf.tidy(() => (this.layersModel.predict(x) as tf.Tensor).dataSync() as Float32Array);
  }

  /**
   * Probabilities (classification) or values per row. For lstm and transformer, row i is predicted from
   * rows i-N+1..i of X; rows without N unbroken rows (see SequenceContext) get NaN, so pass
   * the N-1 rows before the ones you need.
   */
  predict(X: Matrix, context: SequenceContext = {}): Predictions {
    checkMatrix(X, this.config.nFeatures);
    const d = this.config.nFeatures;
    const K = this.task === 'classification' && this.nClasses > 2 ? this.nClasses : 1;
    if (this.kind === 'mlp') {
      const out = new Float32Array(X.rows * K);
      for (let from = 0; from < X.rows; from += PREDICT_CHUNK_ROWS) {
        const to = Math.min(X.rows, from + PREDICT_CHUNK_ROWS);
        if (this.onHost) {
          const rows = packRows(X, from, to);
          out.set(
            hostPredict(this.host, to - from, (s) => [Float64Array.from(rows.subarray(s * d, (s + 1) * d))]),
            from * K,
          );
          continue;
        }
        const x = tf.tensor2d(packRows(X, from, to), [to - from, d]);
        out.set(this.run(x), from * K);
        x.dispose();
      }
      return this.toPredictions(out, X.rows, null);
    }
    const L = this.sequenceLength;
    const { ends } = buildSequences({ X, length: L, ...context });
    const out = new Float32Array(ends.length * K);
    for (let from = 0; from < ends.length; from += PREDICT_CHUNK_SEQUENCES) {
      const to = Math.min(ends.length, from + PREDICT_CHUNK_SEQUENCES);
      if (this.onHost) {
        const seqs = packSequences(X, ends, L, from, to);
        const steps = (s: number) =>
          Array.from({ length: L }, (_, t) =>
            Float64Array.from(seqs.subarray((s * L + t) * d, (s * L + t + 1) * d)),
          );
        out.set(hostPredict(this.host, to - from, steps), from * K);
        continue;
      }
      const x = tf.tensor3d(packSequences(X, ends, L, from, to), [to - from, L, d]);
      out.set(this.run(x), from * K);
      x.dispose();
    }
    return this.toPredictions(out, X.rows, ends);
  }

  serialize(): SerializedModel {
    const { weightData, ...rest } = this.artifacts;
    return {
      kind: this.kind,
      format: TFJS_LAYERS_FORMAT,
      header: { config: this.config, artifacts: JSON.parse(JSON.stringify(rest)) },
      payload: { 'weights.bin': weightData },
    };
  }

  /** Frees the network's tensors (weights and optimizer state). */
  dispose(): void {
    if (!this.net) return;
    this.net.optimizer?.dispose();
    this.net.dispose();
    this.net = null;
  }
}

export function deserializeNeuralModel(s: SerializedModel): Promise<NeuralModel> {
  return NeuralModel.load(s);
}
