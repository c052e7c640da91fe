/** Every trade of a run, sortable and paged. */
import type { TradeRow } from '../../../core/pipeline/backtest-view';
import { SortableTable, type Column } from '../../components/SortableTable';

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const COLUMNS: Column<TradeRow>[] = [
  { key: 'symbol', label: 'Symbol', sortValue: (t) => t.symbol, render: (t) => t.symbol },
  { key: 'side', label: 'Side', sortValue: (t) => t.side, render: (t) => t.side },
  { key: 'entry', label: 'Entry (UTC)', sortValue: (t) => t.entry_time, render: (t) => utc(t.entry_time) },
  {
    key: 'entry_price',
    label: 'Entry price',
    sortValue: (t) => t.entry_price,
    render: (t) => t.entry_price.toFixed(2),
  },
  { key: 'exit', label: 'Exit (UTC)', sortValue: (t) => t.exit_time, render: (t) => utc(t.exit_time) },
  {
    key: 'exit_price',
    label: 'Exit price',
    sortValue: (t) => t.exit_price,
    render: (t) => t.exit_price.toFixed(2),
  },
  { key: 'pnl', label: 'PnL', sortValue: (t) => t.pnl, render: (t) => t.pnl.toFixed(2) },
  { key: 'ret', label: 'Return %', sortValue: (t) => t.return_pct, render: (t) => t.return_pct.toFixed(2) },
  {
    key: 'costs',
    label: 'Fees + slippage',
    sortValue: (t) => t.fees + t.slippage,
    render: (t) => (t.fees + t.slippage).toFixed(2),
  },
  { key: 'held', label: 'Bars held', sortValue: (t) => t.bars_held, render: (t) => String(t.bars_held) },
  { key: 'fold', label: 'Fold', sortValue: (t) => t.fold, render: (t) => String(t.fold) },
];

export function TradesTable({ trades }: { trades: TradeRow[] }) {
  return (
    <div className="card">
      <h3>Trades ({trades.length})</h3>
      <SortableTable
        rows={trades}
        columns={COLUMNS}
        rowKey={(t) => `${t.symbol}|${t.entry_time}|${t.side}`}
        label="Trades"
        pageSize={25}
        testId="trades-table"
      />
    </div>
  );
}
