// Features computed once for a batch of bars about to be stepped (prime) give the same decisions,
// bit for bit, as features computed at every bar: on a replay of real bars long enough for the
// bar buffer to trim twice (the batch's rest is then computed again over the bars held), and
// when the bars stepped are not the ones announced.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { smallGbcRequest } from '../walkforward/test-utils/fixtures';
import { liveBarAt } from './bar-buffer';
import { LiveEngine } from './engine';
import type { LiveBar, LiveDecision } from './types';

const all = loadSampleBars('BTC/USDT');
const H0 = all.time.length - 3600; // history: 1,200 bars; replay: 2,400
const REPLAY = 2400;
const barAt = (t: number): LiveBar => liveBarAt(all, t);
const request = smallGbcRequest({ train_window: '600', test_window: '400' });

async function replay(primeEvery: number | null): Promise<{ decisions: LiveDecision[]; trimmed: number }> {
  const engine = await LiveEngine.create({ request, history: sliceBars(all, H0 - 1200, H0), margin: 0 });
  const decisions: LiveDecision[] = [];
  for (let t = H0; t < H0 + REPLAY; t++) {
    if (primeEvery !== null && (t - H0) % primeEvery === 0)
      engine.prime(Array.from({ length: Math.min(primeEvery, H0 + REPLAY - t) }, (_, k) => barAt(t + k)));
    decisions.push(await engine.step(barAt(t)));
  }
  const trimmed = engine.bars.base;
  engine.dispose();
  return { decisions, trimmed };
}

describe('LiveEngine.prime', () => {
  it('decides every bar of a primed replay exactly as bar by bar, across buffer trims', async () => {
    const plain = await replay(null);
    const primed = await replay(700);
    expect(plain.trimmed).toBeGreaterThanOrEqual(2000); // the buffer trimmed inside primed batches
    expect(primed.decisions.filter((d) => d.signal !== null).length).toBeGreaterThan(REPLAY / 2);
    expect(primed.decisions.map((d) => JSON.stringify(d))).toEqual(
      plain.decisions.map((d) => JSON.stringify(d)),
    );
  }, 60_000);

  it('ignores an announcement the bars stepped do not follow', async () => {
    const engine = await LiveEngine.create({ request, history: sliceBars(all, H0 - 1200, H0) });
    const other = await LiveEngine.create({ request, history: sliceBars(all, H0 - 1200, H0) });
    engine.prime([barAt(H0), { ...barAt(H0 + 1), close: barAt(H0 + 1).close * 2 }]);
    for (let t = H0; t < H0 + 3; t++)
      expect(JSON.stringify(await engine.step(barAt(t)))).toBe(JSON.stringify(await other.step(barAt(t))));
    engine.dispose();
    other.dispose();
  }, 30_000);
});
