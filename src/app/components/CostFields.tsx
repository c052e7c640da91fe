/** Fees and slippage in basis points per fill: the same two inputs wherever trades are simulated. */
import { Field } from './Field';

export function CostFields({
  feesBps,
  slippageBps,
  onChange,
}: {
  feesBps: number;
  slippageBps: number;
  onChange: (patch: { feesBps?: number; slippageBps?: number }) => void;
}) {
  return (
    <>
      <Field
        label="Fees (bps per fill)"
        type="number"
        min={0}
        step={0.5}
        value={feesBps}
        onChange={(e) => onChange({ feesBps: Number(e.target.value) })}
      />
      <Field
        label="Slippage (bps per fill)"
        type="number"
        min={0}
        step={0.5}
        value={slippageBps}
        onChange={(e) => onChange({ slippageBps: Number(e.target.value) })}
      />
    </>
  );
}
