/**
 * Paired stationary bootstrap of two per-bar return series on the same bars: the same resampled
 * bar indices for both, so their dependence (same market, same bars) is kept. Gives, for A - B,
 * the difference in annualised Sharpe, total return, maximum drawdown and hit rate, each with a
 * percentile interval, a bootstrap standard error and a two-sided p-value, plus a pointwise band
 * for the cumulative difference of per-bar returns under "no difference".
 *
 *   p-value = (1 + #{ |theta* - theta| >= |theta| }) / (1 + B)   (the resamples centred on the
 *   estimate stand in for the null distribution; Politis & Romano 1994, Ledoit & Wolf 2008 sec. 3)
 * One loop per resample over the bars; drawdowns from cumulative log returns (additions only).
 */
import { InputError } from '../errors';
import { optimalBlockLength } from './block-length';
import { StationaryBlocks } from './blocks';
import { quantileSorted } from './stationary';

export const PAIRED_STATISTICS = [
  'sharpe_diff',
  'return_diff_pct',
  'drawdown_diff_pct',
  'hit_rate_diff',
] as const;
export type PairedStatistic = (typeof PAIRED_STATISTICS)[number];

export const PAIRED_DEFINITIONS: Record<PairedStatistic, string> = {
  sharpe_diff:
    'annualised Sharpe of A minus that of B: mean / std (ddof 0) of the per-bar returns x sqrt(bars per year), on the common bars',
  return_diff_pct: 'total compounded return of A minus that of B on the common bars, percentage points',
  drawdown_diff_pct:
    'maximum drawdown of A minus that of B (each <= 0, in %), on the common bars compounded from 1; positive = A falls less',
  hit_rate_diff:
    'share of bars with a positive return among bars with a non-zero return, A minus B (per bar, not per trade: trades cannot be resampled bar by bar)',
};

export interface BootstrapInterval {
  estimate: number;
  /** standard deviation of the bootstrap estimates */
  se: number;
  lo: number;
  hi: number;
  p_value: number;
}

export interface PairedBootstrapResult {
  n: number;
  resamples: number;
  block_length: number;
  seed: number;
  level: number;
  stats: Record<PairedStatistic, BootstrapInterval>;
  /** the observed cumulative sum of a - b at `band.index` bars, with the band under no difference */
  band: { index: number[]; observed: number[]; lo: number[]; hi: number[] };
}

export interface PairedBootstrapOptions {
  barsPerYear: number;
  resamples?: number;
  seed?: number;
  /** default: Politis-White on the per-bar difference a - b */
  blockLength?: number;
  /** two-sided level of the intervals (default 0.95) */
  level?: number;
  /** points of the cumulative-difference band (default 200) */
  bandPoints?: number;
}

interface Acc {
  sa: number;
  sa2: number;
  sb: number;
  sb2: number;
  la: number;
  lb: number;
  pa: number;
  pb: number;
  da: number;
  db: number;
  ha: number;
  na: number;
  hb: number;
  nb: number;
}

function finish(acc: Acc, n: number, ann: number): [number, number, number, number] {
  const ma = acc.sa / n;
  const mb = acc.sb / n;
  const va = acc.sa2 / n - ma * ma;
  const vb = acc.sb2 / n - mb * mb;
  const sra = va > 0 ? (ma / Math.sqrt(va)) * ann : 0;
  const srb = vb > 0 ? (mb / Math.sqrt(vb)) * ann : 0;
  const ret = (Math.expm1(acc.la) - Math.expm1(acc.lb)) * 100;
  const dd = (Math.expm1(acc.da) - Math.expm1(acc.db)) * 100;
  const hra = acc.na > 0 ? acc.ha / acc.na : 0;
  const hrb = acc.nb > 0 ? acc.hb / acc.nb : 0;
  return [sra - srb, ret, dd, hra - hrb];
}

const fresh = (): Acc => ({
  sa: 0,
  sa2: 0,
  sb: 0,
  sb2: 0,
  la: 0,
  lb: 0,
  pa: 0,
  pb: 0,
  da: 0,
  db: 0,
  ha: 0,
  na: 0,
  hb: 0,
  nb: 0,
});

function add(acc: Acc, a: number, b: number, la: number, lb: number): void {
  acc.sa += a;
  acc.sa2 += a * a;
  acc.sb += b;
  acc.sb2 += b * b;
  acc.la += la;
  acc.lb += lb;
  if (acc.la > acc.pa) acc.pa = acc.la;
  if (acc.lb > acc.pb) acc.pb = acc.lb;
  if (acc.la - acc.pa < acc.da) acc.da = acc.la - acc.pa;
  if (acc.lb - acc.pb < acc.db) acc.db = acc.lb - acc.pb;
  if (a !== 0) {
    acc.na++;
    if (a > 0) acc.ha++;
  }
  if (b !== 0) {
    acc.nb++;
    if (b > 0) acc.hb++;
  }
}

/** The four statistics on the series as observed. */
export function pairedStatistics(a: Float64Array, b: Float64Array, barsPerYear: number): number[] {
  const acc = fresh();
  for (let t = 0; t < a.length; t++) add(acc, a[t], b[t], Math.log1p(a[t]), Math.log1p(b[t]));
  return finish(acc, a.length, Math.sqrt(barsPerYear));
}

export function pairedBootstrap(
  a: Float64Array,
  b: Float64Array,
  o: PairedBootstrapOptions,
): PairedBootstrapResult {
  const n = a.length;
  if (b.length !== n) throw new InputError('runs', `paired series differ in length: ${n} vs ${b.length}`);
  const B = o.resamples ?? 2000;
  const seed = o.seed ?? 42;
  const level = o.level ?? 0.95;
  const ann = Math.sqrt(o.barsPerYear);
  const la = Float64Array.from(a, Math.log1p);
  const lb = Float64Array.from(b, Math.log1p);
  const d = Float64Array.from(a, (v, i) => v - b[i]);
  let dbar = 0;
  for (let t = 0; t < n; t++) dbar += d[t];
  dbar /= n;
  const blockLength = o.blockLength ?? optimalBlockLength(d);
  const observed = finish(
    (() => {
      const acc = fresh();
      for (let t = 0; t < n; t++) add(acc, a[t], b[t], la[t], lb[t]);
      return acc;
    })(),
    n,
    ann,
  );
  const points = Math.max(1, Math.min(o.bandPoints ?? 200, n));
  const index = Array.from({ length: points }, (_, k) => Math.max(1, Math.round(((k + 1) * n) / points)) - 1);
  const draws = PAIRED_STATISTICS.map(() => new Float64Array(B));
  const band = Array.from({ length: points }, () => new Float64Array(B));
  // hot loop. One draw per block start and one per block length (geometric with mean b, the
  // stationary bootstrap's law). Sums over a block come from prefix sums in O(1); only the
  // drawdowns walk the block bar by bar (2 adds, 2-4 compares per bar).
  const prefix = (f: (i: number) => number) => {
    const P = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) P[i + 1] = P[i] + f(i);
    return P;
  };
  const PA = prefix((i) => a[i]);
  const PA2 = prefix((i) => a[i] * a[i]);
  const PB = prefix((i) => b[i]);
  const PB2 = prefix((i) => b[i] * b[i]);
  const PHA = prefix((i) => (a[i] > 0 ? 1 : 0));
  const PNA = prefix((i) => (a[i] !== 0 ? 1 : 0));
  const PHB = prefix((i) => (b[i] > 0 ? 1 : 0));
  const PNB = prefix((i) => (b[i] !== 0 ? 1 : 0));
  const PD = prefix((i) => d[i]);
  const blocks = new StationaryBlocks(n, blockLength, seed);
  const { starts, ends } = blocks;
  for (let r = 0; r < B; r++) {
    const segments = blocks.next();
    let sa = 0,
      sa2 = 0,
      sb = 0,
      sb2 = 0,
      ca = 0,
      cb = 0,
      pa = 0,
      pb = 0,
      da = 0,
      db = 0;
    let ha = 0,
      na = 0,
      hb = 0,
      nb = 0,
      cum = 0;
    let t = 0;
    let point = 0;
    for (let s = 0; s < segments; s++) {
      const j = starts[s];
      const e = ends[s];
      const m = e - j;
      sa += PA[e] - PA[j];
      sa2 += PA2[e] - PA2[j];
      sb += PB[e] - PB[j];
      sb2 += PB2[e] - PB2[j];
      ha += PHA[e] - PHA[j];
      na += PNA[e] - PNA[j];
      hb += PHB[e] - PHB[j];
      nb += PNB[e] - PNB[j];
      while (point < points && index[point] < t + m) {
        const tt = index[point];
        band[point][r] = cum + PD[j + tt - t + 1] - PD[j] - (tt + 1) * dbar;
        point++;
      }
      cum += PD[e] - PD[j];
      for (let k = j; k < e; k++) {
        ca += la[k];
        cb += lb[k];
        if (ca > pa) pa = ca;
        else if (ca - pa < da) da = ca - pa;
        if (cb > pb) pb = cb;
        else if (cb - pb < db) db = cb - pb;
      }
      t += m;
    }
    // the four statistics, as `finish` computes them, written in place (no object per resample)
    const ma = sa / n;
    const mb = sb / n;
    const va = sa2 / n - ma * ma;
    const vb = sb2 / n - mb * mb;
    const sra = va > 0 ? (ma / Math.sqrt(va)) * ann : 0;
    const srb = vb > 0 ? (mb / Math.sqrt(vb)) * ann : 0;
    draws[0][r] = sra - srb;
    draws[1][r] = (Math.expm1(ca) - Math.expm1(cb)) * 100;
    draws[2][r] = (Math.expm1(da) - Math.expm1(db)) * 100;
    draws[3][r] = (na > 0 ? ha / na : 0) - (nb > 0 ? hb / nb : 0);
  }
  const lo = (1 - level) / 2;
  const stats = {} as Record<PairedStatistic, BootstrapInterval>;
  PAIRED_STATISTICS.forEach((name, k) => {
    const x = draws[k];
    const est = observed[k];
    let m = 0;
    for (let r = 0; r < B; r++) m += x[r];
    m /= B;
    let v = 0;
    let extreme = 0;
    for (let r = 0; r < B; r++) {
      v += (x[r] - m) ** 2;
      if (Math.abs(x[r] - est) >= Math.abs(est)) extreme++;
    }
    const sorted = x.slice().sort();
    stats[name] = {
      estimate: est,
      se: Math.sqrt(v / Math.max(1, B - 1)),
      lo: quantileSorted(sorted, lo),
      hi: quantileSorted(sorted, 1 - lo),
      p_value: (1 + extreme) / (1 + B),
    };
  });
  const obsCum: number[] = [];
  let c = 0;
  let k = 0;
  for (let t = 0; t < n && k < points; t++) {
    c += d[t];
    if (t === index[k]) {
      obsCum.push(c);
      k++;
    }
  }
  const bandLo: number[] = [];
  const bandHi: number[] = [];
  for (let q = 0; q < points; q++) {
    const s = band[q].slice().sort();
    bandLo.push(quantileSorted(s, lo));
    bandHi.push(quantileSorted(s, 1 - lo));
  }
  return {
    n,
    resamples: B,
    block_length: blockLength,
    seed,
    level,
    stats,
    band: { index, observed: obsCum, lo: bandLo, hi: bandHi },
  };
}
