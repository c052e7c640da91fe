/**
 * Search spaces: which hyperparameters a study varies, over which range, per model kind.
 *
 * A parameter is an integer, a float (either on a log scale) or a categorical choice, and may be
 * conditional (`when`: only sampled while another parameter takes one of the listed values, as
 * eta0 only matters for a 'constant' or 'invscaling' SGD schedule). Names are the model's
 * scikit-style parameter names, plus:
 *   target_horizon, buy_threshold, sell_threshold   request fields (label horizon, signal thresholds)
 *   layers, units                                    mlp: hidden_units = layers x [units];
 *                                                    lstm: lstm_units = layers x [units]
 * `checkSpace` validates a space once, at the door, with an InputError naming `space.<name>`.
 */
import { InputError } from '../errors';
import { MODEL_INFO, TF_PARAM_NAMES } from '../models/catalog';
import type { ModelKind } from '../models/types';

export type Choice = string | number | boolean | null;

/** Only sample this parameter while `param` takes one of `in`. */
export interface Condition {
  param: string;
  in: Choice[];
}

export type ParamSpec =
  | { type: 'int'; low: number; high: number; log?: boolean; when?: Condition }
  | { type: 'float'; low: number; high: number; log?: boolean; when?: Condition }
  | { type: 'categorical'; choices: Choice[]; when?: Condition };

/** Parameter name -> its range; object order is the sampling order (a condition's parent first). */
export type SearchSpace = Record<string, ParamSpec>;

/** One sampled configuration: a value for every active parameter (inactive ones are absent). */
export type TrialParams = Record<string, Choice>;

/** Names that go to the walk-forward request rather than to the model's parameters. */
export const REQUEST_DIMENSIONS = ['target_horizon', 'buy_threshold', 'sell_threshold'] as const;

const TREES_BOOST: SearchSpace = {
  n_estimators: { type: 'int', low: 20, high: 300, log: true },
  max_depth: { type: 'int', low: 2, high: 6 },
  learning_rate: { type: 'float', low: 0.01, high: 0.3, log: true },
  min_samples_leaf: { type: 'int', low: 1, high: 200, log: true },
  subsample: { type: 'float', low: 0.5, high: 1 },
  max_bins: { type: 'categorical', choices: [32, 64, 128, 255] },
};

const FOREST: SearchSpace = {
  n_estimators: { type: 'int', low: 20, high: 200, log: true },
  max_depth: { type: 'int', low: 3, high: 16 },
  min_samples_leaf: { type: 'int', low: 1, high: 200, log: true },
  max_features: { type: 'categorical', choices: ['sqrt', 'log2', 0.5] },
  max_bins: { type: 'categorical', choices: [32, 64, 128, 255] },
};

const SGD_SCHEDULE: SearchSpace = {
  alpha: { type: 'float', low: 1e-6, high: 1e-1, log: true },
  optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
  learning_rate: { type: 'categorical', choices: ['optimal', 'constant', 'invscaling'] },
  eta0: {
    type: 'float',
    low: 1e-4,
    high: 1e-1,
    log: true,
    when: { param: 'learning_rate', in: ['constant', 'invscaling'] },
  },
  power_t: { type: 'float', low: 0.1, high: 0.9, when: { param: 'learning_rate', in: ['invscaling'] } },
};

const NEURAL: SearchSpace = {
  units: { type: 'int', low: 8, high: 128, log: true },
  layers: { type: 'int', low: 1, high: 3 },
  dropout: { type: 'float', low: 0, high: 0.5 },
  learning_rate: { type: 'float', low: 1e-4, high: 1e-2, log: true },
  epochs: { type: 'int', low: 5, high: 40 },
};

/** The default space of a model kind (the label horizon and thresholds are added by the user). */
export function defaultSpace(kind: ModelKind): SearchSpace {
  switch (kind) {
    case 'gbc':
    case 'gbr':
      return structuredClone(TREES_BOOST);
    case 'rfc':
      return structuredClone(FOREST);
    case 'sgdc':
      return structuredClone(SGD_SCHEDULE);
    case 'sgdr':
      return { loss: { type: 'categorical', choices: ['squared_error', 'huber'] }, ...SGD_SCHEDULE };
    case 'mlp':
      return structuredClone(NEURAL);
    case 'lstm':
      return { ...structuredClone(NEURAL), sequence_length: { type: 'int', low: 12, high: 96, log: true } };
    default: {
      // other neural kinds: the training options every network has
      const { learning_rate, epochs, dropout } = structuredClone(NEURAL);
      return { learning_rate, epochs, dropout };
    }
  }
}

/** Optional dimensions a user may add to any space. */
export const OPTIONAL_DIMENSIONS: SearchSpace = {
  target_horizon: { type: 'int', low: 4, high: 48, log: true },
  buy_threshold: { type: 'float', low: 0.5, high: 0.7 },
  sell_threshold: { type: 'float', low: 0.3, high: 0.5 },
};

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a space for a kind; throws an InputError naming `space.<name>` at the first mistake. */
export function checkSpace(space: SearchSpace, kind: ModelKind): void {
  const names = Object.keys(space ?? {});
  if (names.length === 0)
    throw new InputError('space', 'The search space is empty: add at least one parameter.');
  const allowed = new Set([
    ...Object.keys(MODEL_INFO[kind].defaults),
    ...Object.keys(MODEL_INFO[kind].defaults).map((k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())),
    ...Object.entries(TF_PARAM_NAMES).flatMap(([snake, camel]) =>
      camel in MODEL_INFO[kind].defaults ? [snake] : [],
    ),
    ...REQUEST_DIMENSIONS,
    ...(MODEL_INFO[kind].family === 'neural' ? ['layers', 'units'] : []),
  ]);
  names.forEach((name, i) => {
    const p = space[name];
    const f = `space.${name}`;
    if (!allowed.has(name)) throw new InputError(f, `${kind} has no parameter "${name}".`);
    if (!p || typeof p !== 'object') throw new InputError(f, `${name}: give a type and a range.`);
    if (p.type === 'categorical') {
      if (!Array.isArray(p.choices) || p.choices.length === 0)
        throw new InputError(f, `${name}: give at least one choice.`);
    } else if (p.type === 'int' || p.type === 'float') {
      if (!finite(p.low) || !finite(p.high) || p.low > p.high)
        throw new InputError(
          f,
          `${name}: low and high must be numbers with low <= high (got ${p.low}, ${p.high}).`,
        );
      if (p.type === 'int' && (!Number.isInteger(p.low) || !Number.isInteger(p.high)))
        throw new InputError(f, `${name}: an integer parameter needs whole-number bounds.`);
      if (p.log && p.low <= 0) throw new InputError(f, `${name}: a log-scale range must be above 0.`);
    } else {
      throw new InputError(f, `${name}: type must be int, float or categorical.`);
    }
    if (p.when) {
      const parent = space[p.when.param];
      if (!parent || names.indexOf(p.when.param) >= i || parent.type !== 'categorical')
        throw new InputError(f, `${name}: its condition must name a categorical parameter listed before it.`);
    }
  });
  const num = (n: string, lo: number, hi: number) => {
    const p = space[n];
    if (!p) return;
    const [a, b] =
      p.type === 'categorical'
        ? [Math.min(...p.choices.map(Number)), Math.max(...p.choices.map(Number))]
        : [p.low, p.high];
    if (!(a >= lo && b <= hi))
      throw new InputError(`space.${n}`, `${n} must lie in [${lo}, ${hi}] (got ${a} to ${b}).`);
  };
  num('target_horizon', 1, 10_000);
  num('buy_threshold', 0, 1);
  num('sell_threshold', 0, 1);
  num('dropout', 0, 0.95);
  num('subsample', 0.01, 1);
  num('max_depth', 1, 64);
  num('max_bins', 2, 255);
  num('n_estimators', 1, 100_000);
  num('layers', 1, 8);
  num('units', 1, 4096);
  const hiOf = (n: string) => {
    const p = space[n];
    return p && p.type !== 'categorical' ? p.high : p ? Math.max(...p.choices.map(Number)) : null;
  };
  const loOf = (n: string) => {
    const p = space[n];
    return p && p.type !== 'categorical' ? p.low : p ? Math.min(...p.choices.map(Number)) : null;
  };
  const sellHi = hiOf('sell_threshold');
  const buyLo = loOf('buy_threshold');
  if (sellHi !== null && buyLo !== null && sellHi >= buyLo)
    throw new InputError('space.sell_threshold', 'The sell range must end below the buy range starts.');
}

/** True when the parameter is active given the values sampled so far. */
export function isActive(p: ParamSpec, values: TrialParams): boolean {
  return !p.when || (p.when.param in values && p.when.in.includes(values[p.when.param]));
}

/**
 * A trial's values split into model params (with layers / units expanded) and request fields.
 */
export function applyParams(
  kind: ModelKind,
  values: TrialParams,
): {
  params: Record<string, unknown>;
  request: Partial<Record<(typeof REQUEST_DIMENSIONS)[number], number>>;
} {
  const params: Record<string, unknown> = {};
  const request: Partial<Record<(typeof REQUEST_DIMENSIONS)[number], number>> = {};
  for (const [k, v] of Object.entries(values)) {
    if ((REQUEST_DIMENSIONS as readonly string[]).includes(k))
      request[k as (typeof REQUEST_DIMENSIONS)[number]] = Number(v);
    else if (k !== 'layers' && k !== 'units') params[k] = v;
  }
  if ('units' in values || 'layers' in values) {
    const units = Number(values.units ?? 32);
    const layers = Number(values.layers ?? 1);
    params[kind === 'lstm' ? 'lstm_units' : 'hidden_units'] = Array.from({ length: layers }, () => units);
  }
  return { params, request };
}
