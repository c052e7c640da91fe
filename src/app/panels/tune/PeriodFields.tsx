/** Where the folds come from and where tuning ends: windows, the fold limit and the evaluation date. */
import { Field } from '../../components/Field';
import { WindowFields } from '../../components/WindowFields';
import type { TuneFormProps } from './TuneSettings';

export function PeriodFields({ form, patch, errorOf }: TuneFormProps) {
  return (
    <>
      <WindowFields value={form} onChange={patch} errorOf={errorOf} />
      <Field
        label="Max folds"
        value={form.max_folds}
        error={errorOf('max_folds')}
        hint="Blank: every fold that fits (tuning and evaluation together)."
        onChange={(e) => patch({ max_folds: e.target.value })}
      />
      <Field
        label="Evaluation starts"
        type="date"
        value={form.eval_start}
        error={errorOf('eval_start')}
        hint="Blank: the first 60% of the folds tune, the rest evaluate. Trials never see a bar from this date on."
        onChange={(e) => patch({ eval_start: e.target.value })}
      />
    </>
  );
}
