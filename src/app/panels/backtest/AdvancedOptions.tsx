/** The Backtest form's advanced options: fold step and embargo, fills, accounting, capital, modes. */
import { useId } from 'react';
import { Field } from '../../components/Field';
import type { BacktestForm } from './backtest-form';
import type { FormProps } from './BacktestSettings';

const CHECKBOXES: [keyof BacktestForm, string][] = [
  ['expanding', 'Expanding training window'],
  ['long_short', 'Long and short'],
  ['pooled', 'One pooled model for all symbols'],
];

export function AdvancedOptions({ form, patch, errorOf }: FormProps) {
  const id = useId();
  const fillError = errorOf('fill');
  const accountingError = errorOf('accounting');
  return (
    <details open={Boolean(errorOf('step') || errorOf('embargo') || fillError || accountingError)}>
      <summary>Advanced</summary>
      <div className="grid3">
        <Field
          label="Step between folds (blank: the test window)"
          value={form.step}
          error={errorOf('step')}
          onChange={(e) => patch({ step: e.target.value })}
        />
        <Field
          label="Embargo (extra gap before each test window)"
          value={form.embargo}
          placeholder="0"
          error={errorOf('embargo')}
          onChange={(e) => patch({ embargo: e.target.value })}
        />
        <div>
          <label htmlFor={`${id}-fill`}>Fill</label>
          <select
            id={`${id}-fill`}
            value={form.fill}
            aria-invalid={fillError ? true : undefined}
            onChange={(e) => patch({ fill: e.target.value as BacktestForm['fill'] })}
          >
            <option value="next_open">Next bar&apos;s open (decided at the close)</option>
            <option value="close">The deciding bar&apos;s close</option>
          </select>
          {fillError && (
            <small className="field-error" role="alert">
              {fillError}
            </small>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-acc`}>Accounting</label>
          <select
            id={`${id}-acc`}
            value={form.accounting}
            aria-invalid={accountingError ? true : undefined}
            aria-describedby={`${id}-acc-hint`}
            onChange={(e) => patch({ accounting: e.target.value as BacktestForm['accounting'] })}
          >
            <option value="fills">Per fill (quantities, fees on notional)</option>
            <option value="seed">The seed&apos;s arithmetic (fill at the close only)</option>
          </select>
          <small id={`${id}-acc-hint`} className="hint">
            &apos;seed&apos; reproduces the original Python design&apos;s numbers; it needs Fill = the
            deciding bar&apos;s close.
          </small>
          {accountingError && (
            <small className="field-error" role="alert">
              {accountingError}
            </small>
          )}
        </div>
        <Field
          label="Initial capital"
          type="number"
          min={1}
          value={form.initial_capital}
          error={errorOf('initial_capital')}
          onChange={(e) => patch({ initial_capital: Number(e.target.value) })}
        />
      </div>
      <div className="row">
        {CHECKBOXES.map(([key, label]) => (
          <label className="inline" key={key}>
            <input
              type="checkbox"
              checked={form[key] as boolean}
              onChange={(e) => patch({ [key]: e.target.checked })}
            />{' '}
            {label}
          </label>
        ))}
      </div>
    </details>
  );
}
