/** The time-ordered split: the training window, then the validation window after it. */
import { Field } from '../../components/Field';
import type { TrainForm } from './train-form';

export function WindowFields({
  form,
  onChange,
}: {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
}) {
  return (
    <>
      <Field
        label="Train window"
        hint="history the model learns from, e.g. 365d or a bar count"
        type="text"
        value={form.trainWindow}
        onChange={(e) => onChange({ trainWindow: e.target.value })}
      />
      <Field
        label="Valid window"
        hint="the most recent span, held out to score the model, e.g. 30d"
        type="text"
        value={form.validWindow}
        onChange={(e) => onChange({ validWindow: e.target.value })}
      />
    </>
  );
}
