/** The walk-forward folds the optimizer runs: train and test windows, and how many of the latest folds. */
import { Field } from '../../components/Field';
import { WindowFields } from '../../components/WindowFields';
import type { OptimizeForm } from './optimize-form';

type FoldForm = Pick<OptimizeForm, 'train_window' | 'test_window' | 'max_folds'>;

export function FoldFields({
  value,
  onChange,
  errorOf,
}: {
  value: FoldForm;
  onChange: (patch: Partial<FoldForm>) => void;
  errorOf: (field: keyof FoldForm) => string | null;
}) {
  return (
    <>
      <WindowFields value={value} onChange={onChange} errorOf={errorOf} />
      <Field
        label="Latest folds to run (0: all)"
        hint="Each fold runs the whole genetic algorithm: fewer folds finish sooner."
        type="number"
        min={0}
        value={value.max_folds}
        error={errorOf('max_folds')}
        onChange={(e) => onChange({ max_folds: Math.max(0, Math.round(Number(e.target.value))) })}
      />
    </>
  );
}
