/**
 * optimizeStrategyWeights: the genetic algorithm over signal weights (and optionally the
 * buy/sell thresholds), after the seed's optimize_strategy_weights(signal_names, backtest_function,
 * objective, constraints). The backtest function is fixed here: the backtest's own execution and
 * cost model, evaluated by the allocation-free loop of fitness.ts.
 *
 * Genes: one weight per signal in [-1, 1] (the score normalises them by sum |w|, so only their
 * ratios matter); with optimizeThresholds two more: the buy threshold in [-0.5, 0.5] and the
 * band below it in [0, 0.5] (sell = buy - band, so buy >= sell always).
 * Per generation: evaluate the new candidates, rank (objective.ts: feasible first), keep the
 * `elite` best unchanged, fill the rest with children of tournament-selected parents: BLX-alpha
 * blend crossover (with probability crossoverRate), then Gaussian mutation of each gene with
 * probability mutationRate and sigma mutationScale x the gene's range, clipped to bounds.
 * Generation 0 is uniform random. Every random draw comes from one mulberry32 stream seeded
 * with `seed`, so the same inputs and seed give the same result bit for bit.
 */
import type { FillMode, PriceSeries } from '../backtest/types';
import { throwIfCancelled, yieldToEventLoop, type CancelSignal } from '../util/progress';
import { createRng, type Rng } from '../util/rng';
import { createEvaluator, emptyFitness, type FitnessMetrics } from './fitness';
import {
  checkConstraints,
  objectiveValue,
  OBJECTIVES,
  ranksAbove,
  violation,
  type Constraints,
  type Objective,
} from './objective';
import { firstValidRow, selectSignals, type SignalSet } from './signals';
import { InputError } from '../errors';

export interface GaSettings {
  /** candidates copied unchanged into the next generation (default 2) */
  elite: number;
  /** tournament size (default 3) */
  tournament: number;
  /** probability that a child is a blend of two parents rather than a copy of one (default 0.9) */
  crossoverRate: number;
  /** BLX-alpha: children are drawn from the parents' interval widened by alpha on each side (default 0.5) */
  blendAlpha: number;
  /** probability that a gene mutates (default 0.2) */
  mutationRate: number;
  /** mutation sigma as a fraction of the gene's range (default 0.1) */
  mutationScale: number;
}

export const DEFAULT_GA: GaSettings = {
  elite: 2,
  tournament: 3,
  crossoverRate: 0.9,
  blendAlpha: 0.5,
  mutationRate: 0.2,
  mutationScale: 0.1,
};

export const WEIGHT_BOUNDS: [number, number] = [-1, 1];
export const BUY_BOUNDS: [number, number] = [-0.5, 0.5];
export const BAND_BOUNDS: [number, number] = [0, 0.5];

export interface OptimizeOptions {
  /** which signals of `signals` to weight, e.g. ['rsi', 'macd', 'ema_cross', 'volume'] */
  signalNames: readonly string[];
  /** precomputed once (buildSignals); never recomputed per candidate */
  signals: SignalSet;
  bars: PriceSeries;
  /** default 'sharpe' */
  objective?: Objective;
  constraints?: Constraints;
  /** default 50 */
  population?: number;
  /** generations, the initial one included (default 30) */
  generations?: number;
  /** default 42 */
  seed?: number;
  /** also optimise the buy and sell thresholds (default false) */
  optimizeThresholds?: boolean;
  /** fixed thresholds when not optimised (default 0 and 0) */
  buyThreshold?: number;
  sellThreshold?: number;
  /** short on sell signals instead of flat (default false) */
  longShort?: boolean;
  feesBps?: number;
  slippageBps?: number;
  initialCapital?: number;
  fill?: FillMode;
  /** evaluated period [start, end); default from the first bar where every signal is defined to the end */
  start?: number;
  end?: number;
  ga?: Partial<GaSettings>;
  onGeneration?: (g: GenerationStats) => void;
  signal?: CancelSignal;
}

export interface GenerationStats {
  /** 0-based */
  generation: number;
  /** objective of the top-ranked candidate (feasible if any is) */
  best: number;
  /** median objective of the population */
  median: number;
  /** feasible candidates in the population */
  feasible: number;
  /** violation of the top-ranked candidate (0 = feasible) */
  bestViolation: number;
  /** candidates evaluated so far */
  evaluated: number;
}

export interface Candidate {
  /** normalised weights (sum of |w| = 1) by signal name */
  weights: Record<string, number>;
  /** the same, in signalNames order */
  weightVector: number[];
  /** the genes as evaluated (before normalisation): re-simulate with these for identical scores */
  rawWeights: number[];
  buyThreshold: number;
  sellThreshold: number;
  objective: number;
  violation: number;
  feasible: boolean;
  metrics: FitnessMetrics;
}

export interface OptimizeResult {
  best: Candidate;
  /** false when no evaluated candidate met the constraints: `best` is then the least-violating one */
  feasible: boolean;
  /** feasible candidates among all evaluated */
  feasibleEvaluated: number;
  evaluated: number;
  history: GenerationStats[];
  /** per-bar (non-annualised) Sharpe of every evaluated candidate, in order (for the deflated Sharpe) */
  trialSharpes: Float64Array;
  start: number;
  end: number;
  settings: {
    signalNames: string[];
    objective: Objective;
    constraints: Constraints;
    population: number;
    generations: number;
    seed: number;
    optimizeThresholds: boolean;
    buyThreshold: number;
    sellThreshold: number;
    longShort: boolean;
    feesBps: number;
    slippageBps: number;
    fill: FillMode;
    ga: GaSettings;
  };
  elapsedMs: number;
}

/** The GA lets the event loop run (a cancel message can arrive) at most this often. */
const YIELD_EVERY_MS = 50;

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function checkInt(name: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min))
    throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

/** Runs the GA; resolves with the best candidate, the history and the trial statistics. */
export async function optimizeStrategyWeights(opts: OptimizeOptions): Promise<OptimizeResult> {
  const t0 = performance.now();
  const names = [...opts.signalNames];
  if (names.length === 0) throw new InputError('signal_names', 'choose at least one signal');
  if (new Set(names).size !== names.length) throw new InputError('signal_names', 'a signal is named twice');
  const objective = opts.objective ?? 'sharpe';
  if (!OBJECTIVES.includes(objective))
    throw new InputError('objective', `unknown objective "${objective}"; use ${OBJECTIVES.join(', ')}`);
  const constraints = { ...(opts.constraints ?? {}) };
  checkConstraints(constraints);
  const P = opts.population ?? 50;
  const generations = opts.generations ?? 30;
  const seed = opts.seed ?? 42;
  const ga: GaSettings = { ...DEFAULT_GA, ...(opts.ga ?? {}) };
  checkInt('population', P, 4);
  checkInt('generations', generations, 1);
  checkInt('elite', ga.elite, 0);
  checkInt('tournament', ga.tournament, 1);
  if (ga.elite >= P) throw new RangeError(`elite (${ga.elite}) must be below the population (${P})`);
  const optT = opts.optimizeThresholds ?? false;
  const fixedBuy = opts.buyThreshold ?? 0;
  const fixedSell = opts.sellThreshold ?? 0;
  if (!(fixedBuy >= fixedSell))
    throw new RangeError(`buyThreshold ${fixedBuy} must be >= sellThreshold ${fixedSell}`);
  const longShort = opts.longShort ?? false;
  const fill = opts.fill ?? 'next_open';

  const columns = selectSignals(opts.signals, names);
  const start = opts.start ?? firstValidRow(opts.signals, names);
  const end = opts.end ?? opts.bars.time.length;
  if (!(end - start >= 2))
    throw new RangeError(
      `the optimised period [${start}, ${end}) is too short (signals defined from bar ${firstValidRow(opts.signals, names)})`,
    );
  const ev = createEvaluator({
    bars: opts.bars,
    signals: columns,
    start,
    end,
    feesBps: opts.feesBps,
    slippageBps: opts.slippageBps,
    initialCapital: opts.initialCapital,
    longShort,
    fill,
  });

  const k = names.length;
  const G = k + (optT ? 2 : 0);
  const lo = new Float64Array(G).fill(WEIGHT_BOUNDS[0]);
  const hi = new Float64Array(G).fill(WEIGHT_BOUNDS[1]);
  if (optT) {
    [lo[k], hi[k]] = BUY_BOUNDS;
    [lo[k + 1], hi[k + 1]] = BAND_BOUNDS;
  }
  const rng: Rng = createRng(seed);
  let pop = new Float64Array(P * G);
  let next = new Float64Array(P * G);
  let obj = new Float64Array(P);
  let viol = new Float64Array(P);
  let nextObj = new Float64Array(P);
  let nextViol = new Float64Array(P);
  let mets: FitnessMetrics[] = Array.from({ length: P }, emptyFitness);
  let nextMets: FitnessMetrics[] = Array.from({ length: P }, emptyFitness);
  const weights = new Float64Array(k);
  const order = Array.from({ length: P }, (_, i) => i);
  const trialSharpes: number[] = [];
  const history: GenerationStats[] = [];
  let evaluated = 0;
  let feasibleEvaluated = 0;

  const thresholds = (genes: Float64Array, off: number): [number, number] =>
    optT ? [genes[off + k], genes[off + k] - genes[off + k + 1]] : [fixedBuy, fixedSell];

  const evaluateInto = (i: number) => {
    const off = i * G;
    for (let j = 0; j < k; j++) weights[j] = pop[off + j];
    const [buy, sell] = thresholds(pop, off);
    const m = ev.evaluate(weights, buy, sell, mets[i]);
    obj[i] = objectiveValue(objective, m);
    viol[i] = violation(constraints, m);
    trialSharpes.push(m.sharpeRaw);
    evaluated++;
    if (viol[i] === 0) feasibleEvaluated++;
  };
  const better = (a: number, b: number) => ranksAbove(obj[a], viol[a], obj[b], viol[b]);
  const rankPopulation = () => order.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : a - b));
  const tournament = (): number => {
    let best = rng.int(P);
    for (let s = 1; s < ga.tournament; s++) {
      const c = rng.int(P);
      if (better(c, best)) best = c;
    }
    return best;
  };

  for (let i = 0; i < P * G; i++) {
    const g = i % G;
    pop[i] = lo[g] + rng.next() * (hi[g] - lo[g]);
  }
  let lastYield = performance.now();
  let fresh = 0; // individuals [fresh, P) need evaluation (elites [0, fresh) carry their fitness)
  for (let gen = 0; gen < generations; gen++) {
    throwIfCancelled(opts.signal);
    for (let i = fresh; i < P; i++) evaluateInto(i);
    rankPopulation();
    let feasible = 0;
    for (let i = 0; i < P; i++) if (viol[i] === 0) feasible++;
    const stats: GenerationStats = {
      generation: gen,
      best: obj[order[0]],
      median: median(obj),
      feasible,
      bestViolation: viol[order[0]],
      evaluated,
    };
    history.push(stats);
    opts.onGeneration?.(stats);
    if (gen === generations - 1) break;
    // next generation: elites first (in rank order), then children
    for (let e = 0; e < ga.elite; e++) {
      const src = order[e];
      next.set(pop.subarray(src * G, src * G + G), e * G);
      nextObj[e] = obj[src];
      nextViol[e] = viol[src];
      Object.assign(nextMets[e], mets[src]);
    }
    for (let c = ga.elite; c < P; c++) {
      const a = tournament();
      const b = tournament();
      const off = c * G;
      const blend = rng.next() < ga.crossoverRate;
      for (let g = 0; g < G; g++) {
        const x = pop[a * G + g];
        let v = x;
        if (blend) {
          const y = pop[b * G + g];
          const l = Math.min(x, y);
          const d = Math.abs(x - y);
          v = l - ga.blendAlpha * d + rng.next() * d * (1 + 2 * ga.blendAlpha);
        }
        if (rng.next() < ga.mutationRate) v += rng.normal() * ga.mutationScale * (hi[g] - lo[g]);
        next[off + g] = clamp(v, lo[g], hi[g]);
      }
    }
    [pop, next] = [next, pop];
    [obj, nextObj] = [nextObj, obj];
    [viol, nextViol] = [nextViol, viol];
    [mets, nextMets] = [nextMets, mets];
    fresh = ga.elite;
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }

  const top = order[0];
  const off = top * G;
  let norm = 0;
  for (let j = 0; j < k; j++) norm += Math.abs(pop[off + j]);
  const weightVector = Array.from({ length: k }, (_, j) => (norm > 0 ? pop[off + j] / norm : 0));
  const [buyThreshold, sellThreshold] = thresholds(pop, off);
  const best: Candidate = {
    weights: Object.fromEntries(names.map((n, j) => [n, weightVector[j]])),
    weightVector,
    rawWeights: Array.from(pop.subarray(off, off + k)),
    buyThreshold,
    sellThreshold,
    objective: obj[top],
    violation: viol[top],
    feasible: viol[top] === 0,
    metrics: { ...mets[top] },
  };
  return {
    best,
    feasible: best.feasible,
    feasibleEvaluated,
    evaluated,
    history,
    trialSharpes: Float64Array.from(trialSharpes),
    start,
    end,
    settings: {
      signalNames: names,
      objective,
      constraints,
      population: P,
      generations,
      seed,
      optimizeThresholds: optT,
      buyThreshold: optT ? buyThreshold : fixedBuy,
      sellThreshold: optT ? sellThreshold : fixedSell,
      longShort,
      feesBps: opts.feesBps ?? 0,
      slippageBps: opts.slippageBps ?? 0,
      fill,
      ga,
    },
    elapsedMs: performance.now() - t0,
  };
}
