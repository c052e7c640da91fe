/**
 * The run-time check of `ModelMetricsJson` (metrics-json.ts): every key of the layout present
 * with its type, no key the layout does not define, and each null section with its
 * `<section>_unavailable` reason. Problems name the file and the field. Also reads a stored
 * metrics.json written before the layout had `origin` and the null-with-reason sections,
 * filling those in, so older models still open.
 */
import type { ModelMetricsJson } from './metrics-json';
import {
  NOT_RECORDED,
  NULLABLE_SECTIONS,
  TRAINED_MODEL_UNAVAILABLE,
  UPDATED_MODEL_UNAVAILABLE,
} from './metrics-json';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isIso = (v: unknown) => isStr(v) && Number.isFinite(Date.parse(v));
const numOrNull = (v: unknown) => v === null || isNum(v);
const MAX_LIST = 100_000;

const TOP_KEYS = [
  'model_id',
  'origin',
  'parent_model_id',
  'created_at',
  'app_version',
  'model',
  'config',
  'dataset',
  'symbols',
  'features',
  'label',
  'split',
  'scaler',
  'validation',
  'validation_per_symbol',
  'importance',
  'timings',
  'backend',
  'iterations',
  'history',
  'walk_forward',
];

class Problems {
  readonly list: string[] = [];
  constructor(readonly file: string) {}
  add(field: string, what: string) {
    this.list.push(`${this.file}: ${field} ${what}`);
  }
  /** Keys of `o` outside `known` (and their `_unavailable` partners when nullable). */
  only(o: Obj, field: string, known: readonly string[], nullable: readonly string[] = []) {
    const allowed = new Set([...known, ...nullable.map((k) => `${k}_unavailable`)]);
    for (const k of Object.keys(o))
      if (!allowed.has(k)) this.add(field ? `${field}.${k}` : k, 'is not part of metrics.json');
    for (const k of known) if (!(k in o)) this.add(field ? `${field}.${k}` : k, 'is missing');
  }
  /** A nullable section: null with a reason, or a value `check` accepts (and no reason). */
  section(o: Obj, field: string, key: string, check: (v: unknown, f: string) => void) {
    const f = field ? `${field}.${key}` : key;
    const why = o[`${key}_unavailable`];
    if (o[key] === null) {
      if (!isStr(why) || why.trim() === '') this.add(f, `is null without ${key}_unavailable saying why`);
    } else if (o[key] !== undefined) {
      if (why !== undefined) this.add(`${f}_unavailable`, `is set but ${key} is present`);
      check(o[key], f);
    }
  }
  strings(v: unknown, f: string) {
    if (!Array.isArray(v) || v.length > MAX_LIST || !v.every(isStr)) this.add(f, 'must be a list of strings');
  }
  numbers(v: unknown, f: string, n?: number, nullable = false) {
    if (!Array.isArray(v) || v.length > MAX_LIST || !v.every(nullable ? numOrNull : isNum))
      this.add(f, `must be a list of ${nullable ? 'numbers or null' : 'finite numbers'}`);
    else if (n !== undefined && v.length !== n) this.add(f, `has ${v.length} entries, not ${n}`);
  }
  numberMap(v: unknown, f: string) {
    if (!isObj(v) || !Object.values(v).every(numOrNull)) this.add(f, 'must map names to numbers');
  }
  obj(v: unknown, f: string): v is Obj {
    if (isObj(v)) return true;
    this.add(f, 'must be an object');
    return false;
  }
}

function checkEvaluation(p: Problems, v: unknown, f: string) {
  if (!p.obj(v, f)) return;
  const optional = ['window', 'excluded_rows', 'excluded_reason'].filter((k) => k in v);
  p.only(v, f, ['rows', 'metrics', 'baseline', 'baselineName'].concat(optional), ['baseline']);
  if (v.excluded_rows !== undefined && !isCount(v.excluded_rows))
    p.add(`${f}.excluded_rows`, 'must be a count');
  if ('excluded_rows' in v !== 'excluded_reason' in v)
    p.add(`${f}.excluded_reason`, 'must be present exactly when excluded_rows is');
  else if (v.excluded_reason !== undefined && !isStr(v.excluded_reason))
    p.add(`${f}.excluded_reason`, 'must be a string');
  if (!isCount(v.rows)) p.add(`${f}.rows`, 'must be a whole number');
  p.obj(v.metrics, `${f}.metrics`);
  p.section(v, f, 'baseline', (b, bf) => p.obj(b, bf));
  if ((v.baseline === null) !== (v.baselineName === null))
    p.add(`${f}.baselineName`, 'must be null exactly when baseline is null');
  else if (v.baselineName !== null && !isStr(v.baselineName)) p.add(`${f}.baselineName`, 'must be a string');
  if (v.window !== undefined && !isStr(v.window)) p.add(`${f}.window`, 'must be a string');
}

function checkModelAndConfig(p: Problems, v: Obj) {
  if (v.origin !== 'trained' && v.origin !== 'updated') p.add('origin', 'must be "trained" or "updated"');
  if (p.obj(v.model, 'model')) {
    p.only(v.model, 'model', ['kind', 'task', 'format', 'params', 'label']);
    for (const k of ['kind', 'format', 'label'])
      if (!isStr(v.model[k])) p.add(`model.${k}`, 'must be a string');
    if (v.model.task !== 'classification' && v.model.task !== 'regression')
      p.add('model.task', 'must be "classification" or "regression"');
    p.obj(v.model.params, 'model.params');
  }
  if (p.obj(v.config, 'config')) {
    if (!isCount(v.config.target_horizon)) p.add('config.target_horizon', 'must be a whole number of bars');
    if (v.origin === 'trained')
      for (const k of ['train_window', 'valid_window'])
        if (!isStr(v.config[k])) p.add(`config.${k}`, 'must be a string (a trained model)');
    if (v.origin === 'updated' && !isStr(v.config.kind)) p.add('config.kind', 'must be a string');
  }
}

function checkData(p: Problems, v: Obj) {
  p.section(v, '', 'dataset', (d, f) => {
    if (p.obj(d, f) && !isStr(d.id)) p.add(`${f}.id`, 'must be a string');
  });
  p.strings(v.symbols, 'symbols');
  let nFeatures: number | undefined;
  if (p.obj(v.features, 'features')) {
    const fe = v.features;
    p.only(fe, 'features', ['names', 'set', 'warmup', 'excluded_warmup_rows'], NULLABLE_SECTIONS.features);
    p.strings(fe.names, 'features.names');
    if (Array.isArray(fe.names)) nFeatures = fe.names.length;
    if (!Array.isArray(fe.set)) p.add('features.set', 'must be a list');
    if (fe.warmup !== 'seed' && fe.warmup !== 'strict')
      p.add('features.warmup', 'must be "seed" or "strict"');
    p.section(fe, 'features', 'excluded_warmup_rows', (n, f) => isCount(n) || p.add(f, 'must be a count'));
  }
  if (p.obj(v.label, 'label')) {
    if (!isStr(v.label.kind)) p.add('label.kind', 'must be a string');
    if (!isCount(v.label.horizon)) p.add('label.horizon', 'must be a whole number');
    p.strings(v.label.classes, 'label.classes');
    if (!isStr(v.label.description)) p.add('label.description', 'must be a string');
  }
  if (p.obj(v.scaler, 'scaler')) {
    for (const k of ['mean', 'scale', 'std']) p.numbers(v.scaler[k], `scaler.${k}`, nFeatures);
    if (!isCount(v.scaler.rows)) p.add('scaler.rows', 'must be a count');
  }
}

function checkResults(p: Problems, v: Obj) {
  p.section(v, '', 'split', (s, f) => {
    if (!p.obj(s, f)) return;
    if (!isStr(s.description)) p.add(`${f}.description`, 'must be a string');
    for (const k of ['train_rows', 'valid_rows', 'purged_rows'])
      if (!isCount(s[k])) p.add(`${f}.${k}`, 'must be a count');
    for (const k of ['train_start', 'valid_start', 'valid_end'])
      if (!isIso(s[k])) p.add(`${f}.${k}`, 'must be an ISO date');
  });
  checkEvaluation(p, v.validation, 'validation');
  p.section(v, '', 'validation_per_symbol', (m, f) => {
    if (p.obj(m, f))
      for (const [s, b] of Object.entries(m)) checkEvaluation(p, b, `${f}[${JSON.stringify(s)}]`);
  });
  if (p.obj(v.importance, 'importance')) {
    const im = v.importance;
    p.only(im, 'importance', ['gain', 'permutation'], NULLABLE_SECTIONS.importance);
    p.section(im, 'importance', 'gain', (g, f) => p.numberMap(g, f));
    p.section(im, 'importance', 'permutation', (x, f) => {
      if (!p.obj(x, f)) return;
      if (!isStr(x.scorer)) p.add(`${f}.scorer`, 'must be a string');
      p.numberMap(x.mean, `${f}.mean`);
      p.numberMap(x.std, `${f}.std`);
    });
  }
  p.section(v, '', 'timings', (t, f) => {
    if (p.obj(t, f))
      for (const k of ['features_s', 'fit_s', 'evaluate_s', 'total_s'])
        if (!isNum(t[k])) p.add(`${f}.${k}`, 'must be a number of seconds');
  });
  if (!isStr(v.backend)) p.add('backend', 'must be a string');
  if (!isCount(v.iterations)) p.add('iterations', 'must be a count');
  p.section(v, '', 'history', (h, f) => {
    if (!p.obj(h, f)) return;
    p.numbers(h.loss, `${f}.loss`, undefined, true);
    if (h.valLoss !== undefined) p.numbers(h.valLoss, `${f}.valLoss`, undefined, true);
  });
  p.section(v, '', 'walk_forward', (w, f) => {
    if (!p.obj(w, f)) return;
    for (const k of ['fold', 'train_rows', 'online_updates'])
      if (!isCount(w[k])) p.add(`${f}.${k}`, 'must be a count');
    if (typeof w.online !== 'boolean') p.add(`${f}.online`, 'must be true or false');
    if (!isStr(w.description)) p.add(`${f}.description`, 'must be a string');
  });
}

/** The `ensemble` section (models/ensemble/report.ts EnsembleReportJson). */
function checkEnsembleSection(p: Problems, e: unknown, f: string) {
  if (!p.obj(e, f)) return;
  p.only(e, f, [
    'combiner',
    'weights',
    'meta',
    'scheme',
    'members',
    'ensemble_validation',
    'correlations',
    'correlation_of',
  ]);
  for (const k of ['combiner', 'scheme', 'correlation_of'])
    if (!isStr(e[k])) p.add(`${f}.${k}`, 'must be a string');
  p.numbers(e.weights, `${f}.weights`);
  if (e.meta !== null && p.obj(e.meta, `${f}.meta`)) {
    p.numbers(e.meta.coef, `${f}.meta.coef`);
    p.numbers(e.meta.intercept, `${f}.meta.intercept`);
  }
  p.numberMap(e.ensemble_validation, `${f}.ensemble_validation`);
  const members = e.members;
  if (!Array.isArray(members) || members.length > 64)
    return p.add(`${f}.members`, 'must be a list of members');
  members.forEach((m, i) => {
    const mf = `${f}.members[${i}]`;
    if (!p.obj(m, mf)) return;
    p.only(m, mf, ['kind', 'seed', 'params', 'source_model_id', 'validation']);
    if (!isStr(m.kind)) p.add(`${mf}.kind`, 'must be a string');
    if (!isNum(m.seed)) p.add(`${mf}.seed`, 'must be a number');
    p.obj(m.params, `${mf}.params`);
    if (m.source_model_id !== null && !isStr(m.source_model_id))
      p.add(`${mf}.source_model_id`, 'must be a model id or null');
    p.numberMap(m.validation, `${mf}.validation`);
  });
  const c = e.correlations;
  if (!Array.isArray(c) || c.length !== members.length)
    return p.add(`${f}.correlations`, 'must be one row per member');
  c.forEach((row, i) => p.numbers(row, `${f}.correlations[${i}]`, members.length, true));
}

const LOG_LEVELS = new Set(['info', 'warn', 'error']);

function checkJobLog(p: Problems, log: unknown) {
  if (!Array.isArray(log) || log.length > MAX_LIST) return p.add('job_log', 'must be a list of log lines');
  const bad = log.findIndex(
    (l) => !isObj(l) || !isNum(l.t) || !LOG_LEVELS.has(l.level as string) || !isStr(l.message),
  );
  if (bad >= 0) p.add(`job_log[${bad}]`, 'must be { t, level: info | warn | error, message }');
}

/** Every way `v` breaks the metrics.json layout, each naming `file` and the field; [] when it fits. */
export function modelMetricsProblems(v: unknown, file = 'metrics.json'): string[] {
  const p = new Problems(file);
  if (!isObj(v)) return [`${file} is not a JSON object`];
  const extra = (['job_log', 'ensemble'] as const).filter((k) => k in v);
  p.only(v, '', [...TOP_KEYS, ...extra], [...NULLABLE_SECTIONS.top, 'ensemble']);
  if ('ensemble_unavailable' in v && !('ensemble' in v))
    p.add('ensemble_unavailable', 'is set but ensemble is missing');
  p.section(v, '', 'ensemble', (e, f) => checkEnsembleSection(p, e, f));
  if ('job_log' in v) checkJobLog(p, v.job_log);
  for (const k of ['model_id', 'app_version']) if (!isStr(v[k])) p.add(k, 'must be a string');
  if (!isIso(v.created_at)) p.add('created_at', 'must be an ISO date');
  if (v.parent_model_id !== null && !isStr(v.parent_model_id))
    p.add('parent_model_id', 'must be a model id or null');
  checkModelAndConfig(p, v);
  checkData(p, v);
  checkResults(p, v);
  return p.list;
}

export function isModelMetricsJson(v: unknown): v is ModelMetricsJson {
  return modelMetricsProblems(v).length === 0;
}

function fillNull(o: Obj, key: string, why: string) {
  if (o[key] === undefined) o[key] = null;
  if (o[key] === null && !isStr(o[`${key}_unavailable`])) o[`${key}_unavailable`] = why;
}

/**
 * A metrics.json as the current layout: one written before `origin` and the null-with-reason
 * sections existed gets them (an updated model's missing sections with the reasons a new one
 * carries, anything else as not recorded). A current one comes back unchanged (a copy).
 */
export function upgradeModelMetricsJson(raw: unknown): unknown {
  if (!isObj(raw) || raw.origin !== undefined) return raw;
  const v = structuredClone(raw);
  const updated = isObj(v.walk_forward);
  v.origin = updated ? 'updated' : 'trained';
  if (v.parent_model_id === undefined) v.parent_model_id = null;
  const why = (k: string) => {
    if (updated && k in UPDATED_MODEL_UNAVAILABLE)
      return UPDATED_MODEL_UNAVAILABLE[k as keyof typeof UPDATED_MODEL_UNAVAILABLE];
    return !updated && k === 'walk_forward' ? TRAINED_MODEL_UNAVAILABLE.walk_forward : NOT_RECORDED;
  };
  for (const k of NULLABLE_SECTIONS.top) fillNull(v, k, why(k));
  if (isObj(v.features)) fillNull(v.features, 'excluded_warmup_rows', NOT_RECORDED);
  if (isObj(v.importance)) for (const k of NULLABLE_SECTIONS.importance) fillNull(v.importance, k, why(k));
  if (isObj(v.validation)) {
    fillNull(v.validation, 'baseline', why('baseline'));
    if (v.validation.baselineName === undefined) v.validation.baselineName = null;
  }
  return v;
}

export type MetricsJsonRead = { ok: true; metrics: ModelMetricsJson } | { ok: false; problems: string[] };

/** A stored or imported metrics.json, upgraded and checked. */
export function readModelMetricsJson(raw: unknown, file = 'metrics.json'): MetricsJsonRead {
  const v = upgradeModelMetricsJson(raw);
  const problems = modelMetricsProblems(v, file);
  return problems.length ? { ok: false, problems } : { ok: true, metrics: v as ModelMetricsJson };
}
