/**
 * How a failed job is shown: a mistake in the request (an InputError) as a short note that
 * points at the field, whose own message stands beside it; the data, the hub or storage as
 * what happened and what to do; a fault in the app as a fault, with what to report.
 */
import type { JobState } from '../../client/job-store';

const HEADINGS = {
  input: 'Check the settings.',
  data: 'The data cannot be used as it is.',
  hub: 'The hub did not deliver.',
  storage: "The browser's storage failed.",
  refused: 'Refused.',
  cancelled: 'Cancelled.',
  internal: 'This is a fault in Candle Lab, not in your settings.',
} as const;

export function JobFailure({
  state,
  what,
  testId,
}: {
  state: JobState<unknown>;
  what: string;
  testId?: string;
}) {
  if (state.status !== 'error') return null;
  const category = state.errorCategory ?? 'internal';
  return (
    <div role="alert" className="card error" data-testid={testId} data-category={category}>
      <strong>
        {what} failed. {HEADINGS[category]}
      </strong>{' '}
      {state.error}
      {category === 'input' && state.errorField && (
        <span className="help"> (the field is marked in the form)</span>
      )}
      {category === 'internal' && (
        <p className="help">
          Try again; if it happens again, download the job log or the run and report what you did and this
          message.
        </p>
      )}
    </div>
  );
}

/** The message of an InputError for `field`, for the `errorOf` prop of the form components. */
export function fieldErrorOf(state: JobState<unknown>, extra?: { field?: string; message: string } | null) {
  return (field: string): string | null => {
    if (extra?.field === field) return extra.message;
    return state.status === 'error' && state.errorCategory === 'input' && state.errorField === field
      ? (state.error ?? null)
      : null;
  };
}
