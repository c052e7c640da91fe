import { describe, expect, it } from 'vitest';
import type { Bars } from './data/bars';
import {
  CancelledError,
  DataError,
  fromErrorPayload,
  HubError,
  InputError,
  InternalError,
  isUserFacing,
  LabError,
  RefusedError,
  StorageError,
  toErrorPayload,
} from './errors';
import { fitModel } from './models/registry';
import { resolveMlpOptions } from './models/tf/neural/options';
import { resolveSgdOptions } from './models/tf/sgd/config';
import { deserializeSgdModel } from './models/tf/sgd/linear-model';
import { checkXy } from './models/trees/matrix-util';
import type { Matrix, ModelKind, SerializedModel } from './models/types';
import { checkTrainRequest, type TrainRequest } from './train/request';
import { runTraining } from './train/train-job';
import { planWalkForward } from './walkforward/plan';

/** What a thrown value (sync or async) was, or fails the test when nothing was thrown. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** The payload as it arrives on the other side of a worker boundary. */
function acrossWorker(e: unknown): LabError {
  return fromErrorPayload(structuredClone(toErrorPayload(e)));
}

const HOUR = 3_600_000;

/** n hourly bars of a seeded random walk (positive prices, no gaps). */
function walkBars(symbol: string, n: number, barMs = HOUR): Bars {
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let s = 12345;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let price = 100;
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * barMs;
    open[i] = price;
    price *= Math.exp((rand() - 0.5) * 0.02);
    close[i] = price;
    high[i] = Math.max(open[i], close[i]) * (1 + rand() * 0.005);
    low[i] = Math.min(open[i], close[i]) * (1 - rand() * 0.005);
    volume[i] = 1 + rand() * 10;
  }
  return { symbol, time, open, high, low, close, volume };
}

function smallXy(rows = 40): { X: Matrix; y: Float64Array } {
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    a[i] = i;
    b[i] = (i * 7) % 5;
    y[i] = i % 2;
  }
  return { X: { rows, cols: 2, columns: [a, b] }, y };
}

const trainRequest: TrainRequest = {
  dataset: 'test',
  symbols: ['BTC/USDT'],
  task: 'classification',
  target_horizon: 12,
  model: 'gbc',
  train_window: '365d',
  valid_window: '30d',
};

const dataset = { id: 'test', revision: null, commit: null, hubUrl: null, files: [] };

describe('error payloads across the worker boundary', () => {
  it('keep class, category, code, field, status and message', () => {
    const cases: [LabError, new (...args: never[]) => LabError][] = [
      [new InputError('train_window', 'cannot read window "3 fortnights"'), InputError],
      [new DataError('too-few-rows', 'the training window holds no labelled rows'), DataError],
      [new HubError('not-found', 'lab/x', 'No such dataset.', 404), HubError],
      [new StorageError('quota', 'Storage is full.'), StorageError],
      [new CancelledError(), CancelledError],
      [new RefusedError('bad-bundle', 'The bundle was changed.'), RefusedError],
      [new InternalError('adam state missing'), InternalError],
    ];
    for (const [e, cls] of cases) {
      const back = acrossWorker(e);
      expect(back).toBeInstanceOf(cls);
      expect(back).toBeInstanceOf(Error);
      expect(back.name).toBe(e.name);
      expect(back.category).toBe(e.category);
      expect(back.code).toBe(e.code);
      expect(back.message).toBe(e.message);
      expect((back as { field?: string }).field).toBe((e as { field?: string }).field);
      expect((back as { status?: number }).status).toBe((e as { status?: number }).status);
    }
    const input = acrossWorker(new InputError('params.max_depth', 'max_depth must be in 1..20'));
    expect((input as InputError).field).toBe('params.max_depth');
    expect(input.code).toBe('invalid-field');
  });

  it('turns unknown errors into internal ones, and an abort into a cancel', () => {
    for (const thrown of [new Error('boom'), new TypeError('x is undefined'), 'a string', 42]) {
      const p = toErrorPayload(thrown);
      expect(p.category).toBe('internal');
      expect(p.code).toBe('unexpected');
      expect(p.message).toBe(thrown instanceof Error ? thrown.message : String(thrown));
      const back = fromErrorPayload(p);
      expect(back).toBeInstanceOf(InternalError);
      expect(isUserFacing(back)).toBe(false);
    }
    const abort = new Error('The operation was aborted.');
    abort.name = 'AbortError';
    expect(acrossWorker(abort)).toBeInstanceOf(CancelledError);
    // a payload with a category this build does not know is a fault too
    const odd = fromErrorPayload({ name: 'X', message: 'm', category: 'weird' as 'input', code: 'c' });
    expect(odd).toBeInstanceOf(InternalError);
    expect(isUserFacing(new InputError('symbols', 'Choose a symbol.'))).toBe(true);
  });
});

describe('model, split and request failures are coded', () => {
  it.each<[ModelKind, Record<string, unknown>, string]>([
    ['gbc', { max_depth: 0 }, 'params.max_depth'],
    ['gbc', { learning_rate: -1 }, 'params.learning_rate'],
    ['gbr', { subsample: 2 }, 'params.subsample'],
    ['rfc', { n_estimators: 0 }, 'params.n_estimators'],
    ['rfc', { max_features: -3 }, 'params.max_features'],
  ])('%s with %o is an InputError on %s', async (kind, params, field) => {
    const { X, y } = smallXy();
    const task = kind === 'gbr' ? 'regression' : 'classification';
    const err = await caught(() => fitModel({ kind, task, X, y, nClasses: 2, params }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe(field);
    expect((acrossWorker(err) as InputError).field).toBe(field);
  });

  it('names the params of the linear and neural models as the request does', async () => {
    const sgd = await caught(() => resolveSgdOptions('sgdc', { learningRate: 'constant', eta0: -1 }));
    expect((sgd as InputError).field).toBe('params.eta0');
    expect((sgd as Error).message).toBe('eta0 must be > 0');
    const epochs = await caught(() => resolveSgdOptions('sgdr', { maxEpochs: 0 }));
    expect((epochs as InputError).field).toBe('params.max_iter');
    const mlp = await caught(() => resolveMlpOptions({ dropout: 1 }));
    expect(mlp).toBeInstanceOf(InputError);
    expect((mlp as InputError).field).toBe('params.dropout');
    const widths = await caught(() => resolveMlpOptions({ hiddenUnits: [64, 0] }));
    expect((widths as InputError).field).toBe('params.hidden_units');
    const act = await caught(() => resolveMlpOptions({ activation: 'swish' as 'relu' }));
    expect((act as InputError).field).toBe('params.activation');
  });

  it('checks the train request field by field', async () => {
    const horizon = await caught(() => checkTrainRequest({ ...trainRequest, target_horizon: 0 }));
    expect(horizon).toBeInstanceOf(InputError);
    expect((horizon as InputError).field).toBe('target_horizon');
    const symbols = await caught(() => checkTrainRequest({ ...trainRequest, symbols: [] }));
    expect((symbols as InputError).field).toBe('symbols');
    const task = await caught(() => checkTrainRequest({ ...trainRequest, model: 'gbr' }));
    expect((task as InputError).field).toBe('model');
  });

  it('a training run on data shorter than its windows is a DataError; an unreadable window an InputError', async () => {
    const bars = [walkBars('BTC/USDT', 1500)]; // about 62 days of hourly bars
    const long = await caught(() =>
      runTraining({ request: { ...trainRequest, valid_window: '365d' }, bars, dataset, appVersion: 'test' }),
    );
    expect(long).toBeInstanceOf(DataError);
    expect((long as DataError).code).toBe('too-few-rows');
    expect((long as Error).message).toMatch(/training window holds no labelled rows/);
    expect(isUserFacing(long)).toBe(true);
    const unreadable = await caught(() =>
      runTraining({
        request: { ...trainRequest, train_window: '3 fortnights' },
        bars,
        dataset,
        appVersion: 'test',
      }),
    );
    expect(unreadable).toBeInstanceOf(InputError);
    expect((unreadable as InputError).field).toBe('train_window');
  });

  it('a walk-forward over mixed bar sizes is a DataError', async () => {
    const err = await caught(() =>
      planWalkForward(
        {
          model: { model_id: null, kind: 'gbc', task: 'classification', target_horizon: 12 },
          symbols: ['BTC/USDT', 'ETH/USDT'],
          train_window: '30d',
          test_window: '7d',
        },
        [walkBars('BTC/USDT', 2000), walkBars('ETH/USDT', 500, 4 * HOUR)],
      ),
    );
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('mixed-timeframes');
  });

  it('a model that does not deserialize is a bad-model DataError; broken shapes are internal', async () => {
    const bad = await caught(() =>
      deserializeSgdModel({
        format: 'not-sgd',
        kind: 'sgdc',
        header: {},
        payload: {},
      } as unknown as SerializedModel),
    );
    expect(bad).toBeInstanceOf(DataError);
    expect((bad as DataError).code).toBe('bad-model');
    const { X, y } = smallXy();
    const shape = await caught(() => checkXy(X, y.subarray(1)));
    expect(shape).toBeInstanceOf(InternalError);
    expect(isUserFacing(shape)).toBe(false);
    expect((shape as Error).message).toBe('39 labels for 40 rows');
  });
});
