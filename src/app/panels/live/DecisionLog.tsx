/** Every decision of a session, newest first, with its inputs (features) and what it traded. */
import type { LiveDecision } from '../../../core/live/types';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const f = (v: number | null, d = 4) => (v === null ? '—' : v.toFixed(d));

export function DecisionLog({ decisions }: { decisions: LiveDecision[] }) {
  const rows = decisions.slice(-100).reverse();
  return (
    <details className="card" open>
      <summary>Decision log ({decisions.length} bars)</summary>
      <table className="table" data-testid="live-log">
        <thead>
          <tr>
            <th>bar (UTC)</th>
            <th>close</th>
            <th>fold</th>
            <th>prediction</th>
            <th>target</th>
            <th>fills</th>
            <th>equity</th>
            <th>inputs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.time}>
              <td>{iso(d.time)}</td>
              <td>{d.close}</td>
              <td>
                {d.fold}
                {d.retrained ? ' (retrained)' : ''}
              </td>
              <td>{f(d.signal)}</td>
              <td>{d.target}</td>
              <td>
                {d.fills
                  .map(
                    (x) =>
                      `${x.quantity > 0 ? 'buy' : 'sell'} ${Math.abs(x.quantity).toFixed(5)} @ ${x.price.toFixed(2)}`,
                  )
                  .join('; ')}
              </td>
              <td>{d.equity.toFixed(2)}</td>
              <td>
                {d.features ? (
                  <details>
                    <summary>features</summary>
                    <code>
                      {Object.entries(d.features)
                        .map(([k, v]) => `${k}=${v.toPrecision(5)}`)
                        .join(' ')}
                    </code>
                  </details>
                ) : (
                  'warm-up'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
