/** The time-ordered split: the training window, then the validation window after it. */
import { Field } from '../../components/Field';
import type { TrainForm } from './train-form';

export function WindowFields({
  form,
  onChange,
  errorOf,
}: {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  errorOf?: (field: string) => string | null;
}) {
  return (
    <>
      <Field
        label="Train window"
        hint="history the model learns from, e.g. 365d or a bar count"
        type="text"
        value={form.train_window}
        error={errorOf?.('train_window')}
        onChange={(e) => onChange({ train_window: e.target.value })}
      />
      <Field
        label="Valid window"
        hint="the most recent span, held out to score the model, e.g. 30d"
        type="text"
        value={form.valid_window}
        error={errorOf?.('valid_window')}
        onChange={(e) => onChange({ valid_window: e.target.value })}
      />
    </>
  );
}
