/** A session's price with its paper fills, and its paper equity beside buy-and-hold. */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { simpleEquityOption } from '../../../charts/equity-simple';
import { livePriceOption } from '../../../charts/live';
import type { LiveDecision } from '../../../core/live/types';

export function LiveCharts({ decisions, symbol }: { decisions: LiveDecision[]; symbol: string }) {
  const price = useMemo(() => livePriceOption(decisions, symbol), [decisions, symbol]);
  const equity = useMemo(
    () =>
      simpleEquityOption({
        time: decisions.map((d) => d.time),
        equity: decisions.map((d) => d.equity),
        buyAndHold: decisions.map((d) => d.buy_and_hold),
        name: 'Paper equity',
      }),
    [decisions],
  );
  if (decisions.length === 0) return <p className="help">No closed bar processed yet.</p>;
  return (
    <div className="grid-2">
      <Chart option={price} label={`${symbol} closes with paper fills`} height={260} testId="live-price" />
      <Chart option={equity} label="Paper equity beside buy-and-hold" height={260} testId="live-equity" />
    </div>
  );
}
