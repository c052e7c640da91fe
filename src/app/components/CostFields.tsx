/** Fees and slippage in basis points per fill: the same two inputs wherever trades are simulated. */
import { Field } from './Field';

export interface Costs {
  fees_bps: number;
  slippage_bps: number;
}

export function CostFields({
  value,
  onChange,
  errorOf,
}: {
  value: Costs;
  onChange: (patch: Partial<Costs>) => void;
  /** the message of a request check that named this field */
  errorOf?: (field: keyof Costs) => string | null;
}) {
  return (
    <>
      <Field
        label="Fees (bps per fill)"
        hint="Charged on the notional of every fill, entry and exit (10 bps = 0.1 %)."
        type="number"
        min={0}
        step={0.5}
        value={value.fees_bps}
        error={errorOf?.('fees_bps')}
        onChange={(e) => onChange({ fees_bps: Number(e.target.value) })}
      />
      <Field
        label="Slippage (bps per fill)"
        hint="The fill price moves this much against you on every fill."
        type="number"
        min={0}
        step={0.5}
        value={value.slippage_bps}
        error={errorOf?.('slippage_bps')}
        onChange={(e) => onChange({ slippage_bps: Number(e.target.value) })}
      />
    </>
  );
}
