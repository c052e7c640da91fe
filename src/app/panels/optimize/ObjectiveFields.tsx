/**
 * What the optimizer maximises and the constraints a candidate must meet (blank: no limit).
 * The constraints are typed as text in percent; optimize-form.ts converts them, and a mistake
 * names the constraint (max_drawdown, min_win_rate, min_trades).
 */
import { useId } from 'react';
import { OBJECTIVES, type Objective } from '../../../core/optimize/objective';
import { Field } from '../../components/Field';
import { OBJECTIVE_LABELS, type OptimizeForm } from './optimize-form';

type ObjectiveForm = Pick<OptimizeForm, 'objective' | 'max_drawdown_pct' | 'min_win_rate_pct' | 'min_trades'>;

export function ObjectiveFields({
  value,
  onChange,
  errorOf,
}: {
  value: ObjectiveForm;
  onChange: (patch: Partial<ObjectiveForm>) => void;
  errorOf: (field: string) => string | null;
}) {
  const id = useId();
  const objectiveError = errorOf('objective');
  return (
    <>
      <div>
        <label htmlFor={id}>Objective</label>
        <select
          id={id}
          value={value.objective}
          aria-invalid={objectiveError ? true : undefined}
          aria-describedby={objectiveError ? `${id}-error` : undefined}
          onChange={(e) => onChange({ objective: e.target.value as Objective })}
        >
          {OBJECTIVES.map((o) => (
            <option key={o} value={o}>
              {OBJECTIVE_LABELS[o]}
            </option>
          ))}
        </select>
        {objectiveError && (
          <small id={`${id}-error`} className="field-error" role="alert">
            {objectiveError}
          </small>
        )}
      </div>
      <Field
        label="Max drawdown % (blank: no limit)"
        type="text"
        inputMode="decimal"
        value={value.max_drawdown_pct}
        error={errorOf('max_drawdown')}
        onChange={(e) => onChange({ max_drawdown_pct: e.target.value })}
      />
      <Field
        label="Min win rate % (blank: no limit)"
        type="text"
        inputMode="decimal"
        value={value.min_win_rate_pct}
        error={errorOf('min_win_rate')}
        onChange={(e) => onChange({ min_win_rate_pct: e.target.value })}
      />
      <Field
        label="Min trades (blank: no limit)"
        type="text"
        inputMode="numeric"
        value={value.min_trades}
        error={errorOf('min_trades')}
        onChange={(e) => onChange({ min_trades: e.target.value })}
      />
    </>
  );
}
