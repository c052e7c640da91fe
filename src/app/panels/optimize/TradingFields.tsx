/**
 * How the blended score trades: fees and slippage, the buy and sell thresholds (scores in
 * [-1, 1], fixed or optimised with the weights), and long / flat or long / short. Folded away
 * by default; open while one of its fields has an error.
 */
import { CostFields } from '../../components/CostFields';
import { ThresholdFields } from '../../components/ThresholdFields';
import type { OptimizeForm } from './optimize-form';

type TradingForm = Pick<
  OptimizeForm,
  'fees_bps' | 'slippage_bps' | 'optimize_thresholds' | 'buy_threshold' | 'sell_threshold' | 'long_short'
>;

const FIELDS = ['fees_bps', 'slippage_bps', 'buy_threshold', 'sell_threshold'] as const;

export function TradingFields({
  value,
  onChange,
  errorOf,
}: {
  value: TradingForm;
  onChange: (patch: Partial<TradingForm>) => void;
  errorOf: (field: keyof TradingForm) => string | null;
}) {
  const hasError = FIELDS.some((f) => errorOf(f));
  return (
    <details open={hasError || undefined}>
      <summary>Costs and thresholds</summary>
      <div className="grid3">
        <CostFields value={value} onChange={onChange} errorOf={errorOf} />
        <ThresholdFields
          value={value}
          onChange={onChange}
          errorOf={errorOf}
          min={-1}
          max={1}
          what="the blended score"
          disabled={value.optimize_thresholds}
        />
      </div>
      <div className="row">
        <label className="inline">
          <input
            type="checkbox"
            checked={value.optimize_thresholds}
            onChange={(e) => onChange({ optimize_thresholds: e.target.checked })}
          />{' '}
          Optimise the buy and sell thresholds too
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={value.long_short}
            onChange={(e) => onChange({ long_short: e.target.checked })}
          />{' '}
          Short on sell signals (long / short)
        </label>
      </div>
    </details>
  );
}
