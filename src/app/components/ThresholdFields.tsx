/**
 * Buy and sell thresholds: long at or above `buy`, flat (short with long/short) at or below
 * `sell`. The Backtest panel's are probabilities in [0, 1]; the optimizer's are blended scores
 * in [-1, 1]: the range comes from the caller.
 */
import { Field } from './Field';

export interface Thresholds {
  buy_threshold: number;
  sell_threshold: number;
}

export function ThresholdFields({
  value,
  onChange,
  errorOf,
  min,
  max,
  step = 0.01,
  what,
  disabled,
}: {
  value: Thresholds;
  onChange: (patch: Partial<Thresholds>) => void;
  errorOf?: (field: keyof Thresholds) => string | null;
  min: number;
  max: number;
  step?: number;
  /** what is compared with the thresholds, e.g. 'P(up)' or 'the blended score' */
  what: string;
  disabled?: boolean;
}) {
  return (
    <>
      <Field
        label="Buy threshold"
        hint={`Go long when ${what} is at or above this.`}
        type="number"
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={value.buy_threshold}
        error={errorOf?.('buy_threshold')}
        onChange={(e) => onChange({ buy_threshold: Number(e.target.value) })}
      />
      <Field
        label="Sell threshold"
        hint={`Go flat (short with long/short) when ${what} is at or below this; at most the buy threshold.`}
        type="number"
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={value.sell_threshold}
        error={errorOf?.('sell_threshold')}
        onChange={(e) => onChange({ sell_threshold: Number(e.target.value) })}
      />
    </>
  );
}
