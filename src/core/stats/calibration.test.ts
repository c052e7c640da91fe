// Calibration of the paired tests on synthetic random-walk data (synthetic on purpose: the null
// "no edge" is known to hold). Two rules with no edge on a driftless random walk: the 5% test of
// the Sharpe difference should reject in about 5% of 200 seeded cases; with a planted edge it
// should reject nearly always.
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { pairedBootstrap } from './paired-bootstrap';
import { sharpeDiffHac } from './sharpe-hac';

const N = 1000;

/** Per-bar returns of two no-edge rules (1-bar and 5-bar momentum) on one synthetic random walk. */
function syntheticPair(seed: number, edge = 0): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const r = Float64Array.from({ length: N + 6 }, () => 0.01 * rng.normal());
  const a = new Float64Array(N);
  const b = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    const i = t + 5;
    const m5 = r[i - 1] + r[i - 2] + r[i - 3] + r[i - 4] + r[i - 5];
    a[t] = Math.sign(r[i - 1]) * r[i] + edge * (0.5 + rng.next());
    b[t] = Math.sign(m5) * r[i];
  }
  return [a, b];
}

describe('calibration on synthetic random walks', () => {
  it('rejects about 5% of the time without an edge and nearly always with one', () => {
    const cpu0 = process.cpuUsage();
    let bootReject = 0;
    let hacReject = 0;
    let edgeBoot = 0;
    let edgeHac = 0;
    const cases = 200;
    for (let s = 0; s < cases; s++) {
      const [a, b] = syntheticPair(1000 + s);
      const boot = pairedBootstrap(a, b, { barsPerYear: 8760, resamples: 199, seed: s, bandPoints: 1 });
      if (boot.stats.sharpe_diff.p_value < 0.05) bootReject++;
      if (sharpeDiffHac(a, b).p_value < 0.05) hacReject++;
      if (s < 50) {
        const [ea, eb] = syntheticPair(5000 + s, 0.002);
        const eboot = pairedBootstrap(ea, eb, { barsPerYear: 8760, resamples: 199, seed: s, bandPoints: 1 });
        if (eboot.stats.sharpe_diff.p_value < 0.05) edgeBoot++;
        if (sharpeDiffHac(ea, eb).p_value < 0.05) edgeHac++;
      }
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; rejection at 5%, ${cases} no-edge cases: bootstrap ${((100 * bootReject) / cases).toFixed(1)}%, HAC ${((100 * hacReject) / cases).toFixed(1)}%; planted edge (50 cases): bootstrap ${edgeBoot * 2}%, HAC ${edgeHac * 2}%`,
    );
    // binomial(200, 0.05): mean 10, sd 3.1; [2, 20] is beyond 3 sd either way
    expect(bootReject).toBeGreaterThanOrEqual(2);
    expect(bootReject).toBeLessThanOrEqual(20);
    expect(hacReject).toBeGreaterThanOrEqual(2);
    expect(hacReject).toBeLessThanOrEqual(20);
    expect(edgeBoot).toBeGreaterThanOrEqual(48);
    expect(edgeHac).toBeGreaterThanOrEqual(48);
  }, 90_000);
});
