// predictions.csv holds every traded out-of-sample prediction with its label: the same rows
// and values the run's model metrics were computed on.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { delongTest } from '../stats/delong';
import { buildArtifacts, PREDICTIONS_COLUMNS } from './artifacts';
import { runWalkForward } from './run';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';

describe('predictions.csv', () => {
  it('lists every predicted test bar with its signal and label', async () => {
    const bars = sampleSlice('BTC/USDT', 3600);
    const r = await runWalkForward({ request: smallGbcRequest(), bars: [bars] });
    const csv = buildArtifacts(r)['predictions.csv'];
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(Object.keys(rows[0])).toEqual([...PREDICTIONS_COLUMNS]);
    const p = r.per_symbol[0];
    expect(rows.length).toBe(p.model_metrics.rows);
    for (const row of rows.slice(0, 50)) {
      const b = bars.time.indexOf(Date.parse(row.timestamp));
      expect(Number(row.prediction)).toBe(p.signal[b]);
      expect(Number(row.label)).toBe(p.label[b]);
    }
    const pred = rows.map((x) => Number(x.prediction));
    const y = rows.map((x) => Number(x.label));
    expect(delongTest(pred, pred, y).auc_a).toBeCloseTo(p.model_metrics.auc!, 12);
  }, 60_000);
});
