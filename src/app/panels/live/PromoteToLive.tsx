/** "Promote to live" on a backtest result: a live session with that run's model and settings. */
import type { WalkForwardReport } from '../../../core/walkforward/report-type';
import { navigate } from '../../navigation';
import { promoteToLive } from './live-form';

export function PromoteToLive({ report }: { report: WalkForwardReport }) {
  if (!report.config.model.model_id) return null;
  return (
    <button
      type="button"
      data-testid="promote-live"
      title="Start a paper-trading session with this run's model, thresholds, windows and costs"
      onClick={() => {
        promoteToLive(report);
        navigate('live', { start: '1' });
      }}
    >
      Promote to live
    </button>
  );
}
