/** The Advanced section: the seed and the chosen model family's hyperparameters (scikit-learn names). */
import { Field } from '../../components/Field';
import { ADVANCED_PARAMS, familyOf, type TrainForm } from './train-form';

export function AdvancedFields({
  form,
  onChange,
  errorOf,
}: {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  /** the message of a request check that named this field */
  errorOf?: (field: string) => string | null;
}) {
  return (
    <details
      open={ADVANCED_PARAMS[familyOf(form.model)].some((p) => errorOf?.(`params.${p.name}`)) || undefined}
    >
      <summary>Advanced</summary>
      <div className="grid3">
        <Field
          label="Seed"
          hint="same seed, data and settings: the same model"
          type="number"
          value={form.seed}
          onChange={(e) => onChange({ seed: Math.round(Number(e.target.value)) })}
        />
        {ADVANCED_PARAMS[familyOf(form.model)].map((p) => (
          <Field
            key={p.name}
            label={p.label}
            type="text"
            placeholder={p.hint}
            value={form.params[`${form.model}.${p.name}`] ?? ''}
            error={errorOf?.(`params.${p.name}`)}
            onChange={(e) =>
              onChange({ params: { ...form.params, [`${form.model}.${p.name}`]: e.target.value } })
            }
          />
        ))}
      </div>
      <p className="help">
        Windows: durations like 365d, 12h, 4w, or a bar count. The validation window follows the training
        window; the last {form.target_horizon} training rows are purged because their labels reach into it.
      </p>
    </details>
  );
}
