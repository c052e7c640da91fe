/** The price of one symbol of the run with its entries and exits (a picker when there are several). */
import { useId, useMemo, useState } from 'react';
import { Chart } from '../../../charts/Chart';
import { tradesOption } from '../../../charts/trades';
import type { BacktestView } from '../../../core/pipeline/backtest-view';

export function TradesOnPrice({ view }: { view: BacktestView }) {
  const symbols = Object.keys(view.prices);
  const [symbol, setSymbol] = useState(symbols[0]);
  const sid = useId();
  const current = symbol && view.prices[symbol] ? symbol : symbols[0];
  const option = useMemo(() => {
    if (!current) return null;
    const p = view.prices[current];
    const trades = view.trades
      .filter((t) => t.symbol === current)
      .map((t) => ({
        side: t.side,
        entryTime: t.entry_time,
        entryPrice: t.entry_price,
        exitTime: t.exit_time,
        exitPrice: t.exit_price,
        returnPct: t.return_pct,
      }));
    return tradesOption(current, p.time, p.close, trades);
  }, [view, current]);
  if (!option) return null;
  return (
    <div className="card">
      <div className="row spread">
        <h3>Trades on the price</h3>
        {symbols.length > 1 && (
          <div className="row">
            <label htmlFor={sid} className="inline">
              Symbol
            </label>
            <select id={sid} value={current} onChange={(e) => setSymbol(e.target.value)}>
              {symbols.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </div>
        )}
      </div>
      <Chart
        option={option}
        label={`${current} price with entries and exits`}
        height={360}
        testId="price-chart"
      />
    </div>
  );
}
