// The seed's own pandas code is the reference: golden/make_golden.py ran seed_reference.py's
// features() on BTC/USDT and wrote rows 0..299 and every 97th row after at full precision.
// Tolerance: exact equality, except the log-return features (ret_*, vol_chg), allowed 2 ulp
// (V8's Math.log and numpy's log may round the last bit differently; measured: 1 ulp max).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { computeFeatures } from './compute';

const here = path.dirname(fileURLToPath(import.meta.url));

function readGolden() {
  const lines = readFileSync(path.join(here, 'golden/seed_features_btc.csv'), 'utf8').trim().split('\n');
  const names = lines[0].split(',').slice(1);
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(',');
    return { row: Number(cells[0]), values: cells.slice(1).map((c) => (c === '' ? NaN : Number(c))) };
  });
  return { names, rows };
}

describe('features match the seed (pandas) on BTC/USDT', () => {
  const golden = readGolden();
  const bars = loadSampleBars('BTC/USDT');
  const seed = computeFeatures(bars, { warmup: 'seed' });
  const strict = computeFeatures(bars, { warmup: 'strict' });

  it('names the seed columns in the seed order', () => {
    expect(seed.names).toEqual(golden.names);
    expect(golden.rows.length).toBeGreaterThan(600);
  });

  it('seed warm-up: same values and the same NaNs at every golden row', () => {
    const isLog = (n: string) => n.startsWith('ret_') || n === 'vol_chg';
    let maxUlpRel = 0;
    for (const { row, values } of golden.rows) {
      values.forEach((want, j) => {
        const got = seed.columns[j][row];
        const name = golden.names[j];
        if (Number.isNaN(want)) {
          expect(got, `${name}[${row}]`).toBeNaN();
        } else if (isLog(name)) {
          const rel = Math.abs(got - want) / Math.abs(want || 1);
          maxUlpRel = Math.max(maxUlpRel, rel);
          expect(rel, `${name}[${row}] ${got} vs ${want}`).toBeLessThanOrEqual(2 * Number.EPSILON);
        } else {
          expect(got, `${name}[${row}]`).toBe(want);
        }
      });
    }
    console.log(
      `golden: ${golden.rows.length} rows x 19; log features max rel diff ${maxUlpRel.toExponential(2)}`,
    );
  });

  it('seed warm-up starts at bar 24, strict at bar 199, with the seed values where defined', () => {
    expect(seed.warmup).toBe(24);
    expect(seed.excludedWarmupRows).toBe(24);
    expect(strict.warmup).toBe(199);
    expect(strict.excludedWarmupRows).toBe(199);
    expect(seed.excludedUndefinedRows).toBe(0);
    expect(strict.validRows).toBe(bars.close.length - 199);
    for (let j = 0; j < strict.names.length; j++) {
      for (let t = 0; t < bars.close.length; t++) {
        const s = strict.columns[j][t];
        if (t < strict.lookbacks[j]) expect(s).toBeNaN();
        else if (s !== seed.columns[j][t]) expect.fail(`${strict.names[j]}[${t}] differs from seed`);
      }
    }
  });
});
