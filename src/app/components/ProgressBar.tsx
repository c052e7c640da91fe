/** A labelled progress bar with stage text and an optional Cancel button. */
import type { Progress } from '../../core/util/progress';

export function ProgressBar({
  progress,
  label,
  onCancel,
}: {
  progress?: Progress;
  label: string;
  onCancel?: () => void;
}) {
  const pct = Math.round((progress?.fraction ?? 0) * 100);
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="row">
        <progress
          max={100}
          value={pct}
          aria-label={label}
          aria-valuetext={`${pct}% ${progress?.stage ?? ''}`}
        />
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p className="help" aria-live="polite" data-testid="progress-text">
        {pct}% · {progress?.stage ?? 'starting'}
        {progress?.message ? ` · ${progress.message}` : ''}
      </p>
    </div>
  );
}
