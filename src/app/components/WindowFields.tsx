/** The walk-forward windows (train, test): the same inputs in every panel that runs folds. */
import { Field } from './Field';

export interface Windows {
  train_window: string;
  test_window: string;
}

const WINDOW_HINT = 'A length such as 365d, 30d, 12h, 4w, or a number of bars.';

export function WindowFields({
  value,
  onChange,
  errorOf,
}: {
  value: Windows;
  onChange: (patch: Partial<Windows>) => void;
  errorOf?: (field: keyof Windows) => string | null;
}) {
  return (
    <>
      <Field
        label="Train window"
        hint={`Each fold trains on this much history before its test window. ${WINDOW_HINT}`}
        value={value.train_window}
        error={errorOf?.('train_window')}
        onChange={(e) => onChange({ train_window: e.target.value })}
      />
      <Field
        label="Test window"
        hint={`Each fold trades this much out of sample; the next fold starts after it. ${WINDOW_HINT}`}
        value={value.test_window}
        error={errorOf?.('test_window')}
        onChange={(e) => onChange({ test_window: e.target.value })}
      />
    </>
  );
}
