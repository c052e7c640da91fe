/** Studies a reload or a cancel left unfinished, with their stored trials; Resume continues one. */
import type { StudyRecord } from '../../../core/store/studies';

export function UnfinishedStudies({
  studies,
  onResume,
  disabled,
}: {
  studies: (StudyRecord & { trials: number })[];
  onResume: (id: string) => void;
  disabled: boolean;
}) {
  if (studies.length === 0) return null;
  return (
    <div className="card" data-testid="unfinished-studies">
      <h3>Unfinished studies</h3>
      <ul>
        {studies.map((s) => (
          <li key={s.id}>
            {s.id} ({String(s.request.model)}, {s.trials}/{String(s.request.trials)} trials stored,{' '}
            {s.status === 'running' ? 'interrupted' : s.status}) on {s.dataset}{' '}
            <button type="button" onClick={() => onResume(s.id)} disabled={disabled}>
              Resume
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
