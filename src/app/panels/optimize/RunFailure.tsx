/**
 * How a run that did not finish ends: cancelled (nothing saved), or failed. A mistake in a
 * field the form shows stands beside that field, so nothing more is shown here; any other
 * failure (the data, the hub, storage, or a fault in Candle Lab) is a box saying what happened
 * and what to do next.
 */
import type { JobState } from '../../../client/job-store';
import { JobFailure } from '../../components/JobFailure';
import { FIELDS_IN_FORM } from './optimize-form';

export function RunFailure({ state }: { state: JobState<unknown> }) {
  if (state.status === 'cancelled')
    return (
      <p role="status" className="notice" data-testid="ga-cancelled">
        Optimisation cancelled. Nothing was saved.
      </p>
    );
  if (state.status !== 'error') return null;
  if (state.errorCategory === 'input' && state.errorField && FIELDS_IN_FORM.has(state.errorField))
    return null;
  return <JobFailure state={state} what="Optimisation" testId="ga-error" />;
}
