/** The Train form's state: persisted over its defaults, and the Advanced fields parsed into model params. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADVANCED_PARAMS,
  TRAIN_FORM_DEFAULTS,
  continuableModels,
  withRetrainRoute,
  familyOf,
  parseParams,
  readTrainForm,
  saveTrainForm,
  trainRequest,
  type TrainForm,
} from './train-form';
import { MODEL_INFO, TF_PARAM_NAMES } from '../../../core/models/catalog';
import { resolveSgdOptions } from '../../../core/models/tf/sgd/config';
import { resolveLstmOptions } from '../../../core/models/tf/neural/options';
import type { ModelKind } from '../../../core/models/types';
import type { ModelListItem } from '../../../core/store/models';
import { brokenStorage, memoryStorage } from '../../test-utils/memory-storage';

const KEY = 'candle-lab.train-form.v2';
const KINDS: ModelKind[] = ['gbc', 'gbr', 'rfc', 'sgdc', 'sgdr', 'mlp', 'lstm', 'transformer'];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the persisted Train form', () => {
  it("starts from the seed's defaults", () => {
    vi.stubGlobal('localStorage', memoryStorage());
    expect(readTrainForm()).toEqual({
      symbols: [],
      task: 'classification',
      label_kind: 'binary',
      label_threshold_pct: 0.5,
      model: 'gbc',
      target_horizon: 12,
      train_window: '365d',
      valid_window: '30d',
      seed: 42,
      params: {},
      init_from_model: '',
    });
  });

  it('reads back what was saved, under its own key', () => {
    const store = memoryStorage();
    vi.stubGlobal('localStorage', store);
    const form: TrainForm = {
      ...TRAIN_FORM_DEFAULTS,
      symbols: ['BTC/USDT', 'ETH/USDT'],
      model: 'rfc',
      target_horizon: 24,
      params: { 'rfc.n_estimators': '200', 'rfc.max_features': 'log2' },
    };
    saveTrainForm(form);
    expect([...store.data.keys()]).toEqual([KEY]);
    expect(readTrainForm()).toEqual(form);
  });

  it('fills a field a saved form from an older version lacks with its default', () => {
    const { seed: _seed, valid_window: _valid, ...older } = { ...TRAIN_FORM_DEFAULTS, model: 'mlp' };
    vi.stubGlobal('localStorage', memoryStorage({ [KEY]: JSON.stringify(older) }));
    const f = readTrainForm();
    expect(f.model).toBe('mlp');
    expect(f.seed).toBe(42);
    expect(f.valid_window).toBe('30d');
  });

  it('carries a form saved by the previous version (camelCase names) over to the request spelling', () => {
    const v1 = { labelKind: 'ternary', labelThresholdPct: 1, horizon: 24, trainWindow: '180d', model: 'rfc' };
    vi.stubGlobal('localStorage', memoryStorage({ 'candle-lab.train-form.v1': JSON.stringify(v1) }));
    expect(readTrainForm()).toEqual({
      ...TRAIN_FORM_DEFAULTS,
      label_kind: 'ternary',
      label_threshold_pct: 1,
      target_horizon: 24,
      train_window: '180d',
      model: 'rfc',
    });
  });

  it('sends the request under the same names, the HOLD band as a fraction and typed params', () => {
    const form: TrainForm = {
      ...TRAIN_FORM_DEFAULTS,
      label_kind: 'ternary',
      label_threshold_pct: 0.5,
      params: { 'gbc.n_estimators': '50', 'rfc.n_estimators': '9' },
    };
    expect(trainRequest(form, { handle: 'ds_1', dataset: 'sample/x', symbols: ['BTC/USDT'] })).toEqual({
      handle: 'ds_1',
      dataset: 'sample/x',
      symbols: ['BTC/USDT'],
      task: 'classification',
      label_kind: 'ternary',
      label_threshold: 0.005,
      target_horizon: 12,
      model: 'gbc',
      train_window: '365d',
      valid_window: '30d',
      seed: 42,
      params: { n_estimators: 50 },
    });
  });

  it('works without storage: defaults on read, nothing thrown on save', () => {
    vi.stubGlobal('localStorage', memoryStorage({ [KEY]: '{"model": "gbc",' }));
    expect(readTrainForm()).toEqual(TRAIN_FORM_DEFAULTS);
    vi.stubGlobal('localStorage', brokenStorage());
    expect(readTrainForm()).toEqual(TRAIN_FORM_DEFAULTS);
    expect(() => saveTrainForm({ ...TRAIN_FORM_DEFAULTS, seed: 7 })).not.toThrow();
  });
});

describe('familyOf', () => {
  it('groups the model kinds as the Advanced section shows them', () => {
    expect(Object.fromEntries(KINDS.map((k) => [k, familyOf(k)]))).toEqual({
      gbc: 'boosting',
      gbr: 'boosting',
      rfc: 'forest',
      sgdc: 'linear',
      sgdr: 'linear',
      mlp: 'neural',
      lstm: 'neural',
      transformer: 'transformer',
    });
  });

  it('every Advanced field names a hyperparameter a model of its family has', () => {
    // trees take the scikit-learn names as they are; the TensorFlow.js models get them renamed
    const optionName = (kind: ModelKind, name: string) =>
      MODEL_INFO[kind].family === 'trees' ? name : (TF_PARAM_NAMES[name] ?? name);
    for (const [family, fields] of Object.entries(ADVANCED_PARAMS)) {
      const kinds = KINDS.filter((k) => familyOf(k) === family);
      expect(kinds.length, family).toBeGreaterThan(0);
      for (const f of fields) {
        const known = kinds.some((k) => optionName(k, f.name) in MODEL_INFO[k].defaults);
        expect(known, `${family}: ${f.name}`).toBe(true);
      }
    }
  });
});

describe('parseParams', () => {
  it('turns numeric text into numbers, keeps words, and skips blanks', () => {
    const raw = {
      'gbc.n_estimators': '200',
      'gbc.learning_rate': ' 0.05 ',
      'gbc.max_depth': '',
      'gbc.min_samples_leaf': '   ',
      'gbc.subsample': '.8',
      'gbc.n_iter_no_change': '10',
    };
    expect(parseParams('gbc', raw)).toEqual({
      n_estimators: 200,
      learning_rate: 0.05,
      subsample: 0.8,
      n_iter_no_change: 10,
    });
    expect(parseParams('rfc', { 'rfc.max_features': 'sqrt', 'rfc.max_depth': '12' })).toEqual({
      max_features: 'sqrt',
      max_depth: 12,
    });
  });

  it('reads exponents and signs', () => {
    expect(
      parseParams('sgdc', { 'sgdc.alpha': '1e-4', 'sgdc.eta0': '-0.5', 'sgdc.max_iter': '2E3' }),
    ).toEqual({
      alpha: 1e-4,
      eta0: -0.5,
      max_iter: 2000,
    });
  });

  it('splits the hidden layer widths into a list of numbers', () => {
    expect(parseParams('mlp', { 'mlp.hidden_units': '128, 64 ,32', 'mlp.dropout': '0.2' })).toEqual({
      hidden_units: [128, 64, 32],
      dropout: 0.2,
    });
  });

  it("only takes the chosen model's fields of its family", () => {
    const raw = {
      'gbc.n_estimators': '150',
      // same family, other model
      'gbr.n_estimators': '999',
      // other family
      'rfc.max_features': 'log2',
      // not an Advanced field
      'gbc.max_bins': '63',
    };
    expect(parseParams('gbc', raw)).toEqual({ n_estimators: 150 });
    expect(parseParams('gbr', raw)).toEqual({ n_estimators: 999 });
    expect(parseParams('rfc', raw)).toEqual({ max_features: 'log2' });
    expect(parseParams('lstm', {})).toEqual({});
  });
});

describe('Advanced choices the models accept', () => {
  // the form's params renamed as the registry renames them for the TensorFlow.js models
  const tf = (p: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(p).map(([k, v]) => [TF_PARAM_NAMES[k] ?? k, v]));

  it("the linear models' schedule and optimizer fields: every listed choice resolves (adam is an optimizer)", () => {
    for (const schedule of ['optimal', 'constant', 'invscaling'])
      expect(() =>
        resolveSgdOptions(
          'sgdc',
          tf(parseParams('sgdc', { 'sgdc.learning_rate': schedule, 'sgdc.eta0': '0.01' })),
        ),
      ).not.toThrow();
    const adam = resolveSgdOptions('sgdc', tf(parseParams('sgdc', { 'sgdc.optimizer': 'adam' })));
    expect(adam.optimizer).toBe('adam');
  });

  it('lstm widths reach the lstm as a list', () => {
    const o = resolveLstmOptions(tf(parseParams('lstm', { 'lstm.lstm_units': '16, 8' })));
    expect(o.lstmUnits).toEqual([16, 8]);
  });
});

describe('continuing from saved weights', () => {
  const saved = (id: string, kind: string, task = 'classification') => ({ id, kind, task }) as ModelListItem;
  const models = [saved('a', 'mlp'), saved('b', 'lstm'), saved('c', 'mlp', 'regression'), saved('d', 'gbc')];

  it('offers the saved models of the chosen neural kind and task, none for other kinds', () => {
    expect(continuableModels(models, { model: 'mlp', task: 'classification' }).map((m) => m.id)).toEqual([
      'a',
    ]);
    expect(continuableModels(models, { model: 'mlp', task: 'regression' }).map((m) => m.id)).toEqual(['c']);
    expect(continuableModels(models, { model: 'gbc', task: 'classification' })).toEqual([]);
  });

  it('sends init_from_model for a neural kind only', () => {
    const o = { handle: 'h', dataset: 'd', symbols: ['BTC/USDT'] };
    const form = { ...TRAIN_FORM_DEFAULTS, model: 'lstm' as const, init_from_model: 'b' };
    expect(trainRequest(form, o).init_from_model).toBe('b');
    expect(trainRequest({ ...form, model: 'gbc' }, o)).not.toHaveProperty('init_from_model');
    expect(trainRequest({ ...form, init_from_model: '' }, o)).not.toHaveProperty('init_from_model');
  });

  it("opens from the Models panel's route with that model's kind, task and weights", () => {
    const route = new URLSearchParams({ from: 'c', model: 'mlp', task: 'regression' });
    expect(withRetrainRoute(TRAIN_FORM_DEFAULTS, route)).toEqual({
      ...TRAIN_FORM_DEFAULTS,
      model: 'mlp',
      task: 'regression',
      init_from_model: 'c',
    });
    expect(withRetrainRoute(TRAIN_FORM_DEFAULTS, new URLSearchParams({ model: 'mlp' }))).toBe(
      TRAIN_FORM_DEFAULTS,
    );
    expect(
      withRetrainRoute(
        TRAIN_FORM_DEFAULTS,
        new URLSearchParams({ from: 'x', model: 'nope', task: 'regression' }),
      ),
    ).toBe(TRAIN_FORM_DEFAULTS);
  });
});
