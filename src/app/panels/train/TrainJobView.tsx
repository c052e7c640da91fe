/** A training job's progress (with Cancel and the live loss), its cancellation or error, and its result. */
import type { ModelMetricsJson } from '../../../core/train/metrics-json';
import type { JobState } from '../../hooks/useJob';
import { JobFailure } from '../../components/JobFailure';
import { ProgressBar } from '../../components/ProgressBar';
import { LossArea } from './LossArea';
import { TrainResult } from './TrainResult';
import { liveLossHistory } from './train-view';

export interface TrainOutcome {
  model_id: string;
  metrics: ModelMetricsJson;
}

export function TrainJobView({ state, onCancel }: { state: JobState<TrainOutcome>; onCancel: () => void }) {
  const running = state.status === 'running';
  return (
    <>
      {running && <ProgressBar label="Training" progress={state.progress} onCancel={onCancel} />}
      {running && (
        <LossArea
          history={liveLossHistory(state.history)}
          title="Live training loss"
          label="Live training loss"
          testId="live-loss"
        />
      )}
      {state.status === 'cancelled' && (
        <p role="status" className="notice" data-testid="train-cancelled">
          Training cancelled. Nothing was saved.
        </p>
      )}
      <JobFailure state={state} what="Training" testId="train-error" />
      {state.result && state.status === 'done' && <TrainResult metrics={state.result.metrics} />}
    </>
  );
}
