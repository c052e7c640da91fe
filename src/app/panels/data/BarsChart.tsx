/** Candlesticks with volume and zoom for one symbol of the loaded dataset. */
import { useEffect, useId, useMemo, useState } from 'react';
import { Chart } from '../../../charts/Chart';
import { candlestickOption, type CandleSeries } from '../../../charts/candles';
import { usePipeline } from '../../hooks/pipeline-context';
import { errorMessage } from '../../format';

export function BarsChart({ handle, symbols }: { handle: string; symbols: string[] }) {
  const { client } = usePipeline();
  const [symbol, setSymbol] = useState(symbols[0]);
  const [series, setSeries] = useState<CandleSeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const current = symbols.includes(symbol) ? symbol : symbols[0];

  useEffect(() => {
    let stale = false;
    client.api.data
      .bars(handle, current)
      .then((s) => !stale && (setSeries(s), setError(null)))
      .catch((e) => !stale && setError(errorMessage(e)));
    return () => {
      stale = true;
    };
  }, [client, handle, current]);

  const option = useMemo(() => (series ? candlestickOption(series) : null), [series]);
  return (
    <div className="card">
      <div className="row spread">
        <h3>Chart</h3>
        <div className="row">
          <label htmlFor={id} className="inline">
            Symbol
          </label>
          <select id={id} value={current} onChange={(e) => setSymbol(e.target.value)}>
            {symbols.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {option && (
        <Chart option={option} label={`${current} candles with volume`} height={460} testId="candles-chart" />
      )}
    </div>
  );
}
