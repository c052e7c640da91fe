/** A running optimisation: its progress with Cancel, and the best and median fitness per generation so far. */
import { Chart } from '../../../charts/Chart';
import { gaHistoryOption } from '../../../charts/ga';
import type { Progress } from '../../../core/util/progress';
import { ProgressBar } from '../../components/ProgressBar';
import { livePoints } from './ga-history';

export function RunProgress({
  progress,
  history,
  population,
  objective,
  onCancel,
}: {
  progress?: Progress;
  history: readonly Progress[];
  population: number;
  /** the objective's label, e.g. 'Sharpe ratio' */
  objective: string;
  onCancel: () => void;
}) {
  const live = livePoints(history, population);
  return (
    <>
      <ProgressBar label="Optimizing" progress={progress} onCancel={onCancel} />
      {live.length > 0 && (
        <Chart
          option={gaHistoryOption(live, objective)}
          label="Best and median fitness per generation (live)"
          height={280}
          testId="ga-history-chart"
        />
      )}
    </>
  );
}
