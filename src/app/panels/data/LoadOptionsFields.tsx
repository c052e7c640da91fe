/**
 * Which symbols to keep and the timeframe to resample to, for any source. The timeframes
 * offered are the multiples of the loaded dataset's bar size (all common ones before a load).
 */
import { resampleChoices } from '../../../core/data/timeframe';
import { useDataset } from '../../hooks/dataset-context';

export function LoadOptionsFields({
  id,
  symbols,
  timeframe,
  onSymbols,
  onTimeframe,
}: {
  id: string;
  symbols: string;
  timeframe: string;
  onSymbols: (value: string) => void;
  onTimeframe: (value: string) => void;
}) {
  const { state } = useDataset();
  const barSizes = Object.values(state.loaded?.summary.validation ?? {}).map((v) => v.barMs);
  return (
    <div className="grid2">
      <div>
        <label htmlFor={`${id}-sym`}>Symbols (comma-separated; blank for all)</label>
        <input
          id={`${id}-sym`}
          type="text"
          value={symbols}
          placeholder="BTC/USDT, ETH/USDT"
          onChange={(e) => onSymbols(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-tf`}>Timeframe</label>
        <select id={`${id}-tf`} value={timeframe} onChange={(e) => onTimeframe(e.target.value)}>
          {['', ...resampleChoices(barSizes, timeframe)].map((t) => (
            <option key={t} value={t}>
              {t === '' ? 'As in the data' : `Resample to ${t}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
