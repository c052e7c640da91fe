/**
 * The genetic algorithm's best and median fitness per generation, as chart points: live from
 * the job's progress messages while it runs, and from the report once it is done.
 */
import type { GaHistoryPoint } from '../../../charts/ga';
import type { OptimizeReportJson } from '../../../core/optimize/report';
import type { Progress } from '../../../core/util/progress';

/** points from the 'optimize' progress messages so far */
export function livePoints(history: readonly Progress[], population: number): GaHistoryPoint[] {
  const out: GaHistoryPoint[] = [];
  for (const p of history) {
    const d = p.detail;
    if (p.stage !== 'optimize' || !d) continue;
    out.push({
      fold: Number(d.fold),
      generation: Number(d.generation),
      best: Number(d.best),
      median: Number(d.median),
      feasible: Number(d.feasible),
      population,
    });
  }
  return out;
}

/** points from the report (after the run) */
export function historyPoints(report: OptimizeReportJson): GaHistoryPoint[] {
  return report.folds.flatMap((f, k) =>
    f.history.map((h) => ({
      fold: k,
      generation: h.generation,
      best: h.best,
      median: h.median,
      feasible: h.feasible,
      population: report.settings.population,
    })),
  );
}
