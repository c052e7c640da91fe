/** The per-symbol validation report: every fix counted, nothing dropped silently. */
import type { ValidationReport } from '../../../core/data/validate';
import { formatInt } from '../../format';

const ROWS: [string, (r: ValidationReport) => string][] = [
  ['Rows', (r) => formatInt(r.rows)],
  ['First bar (UTC)', (r) => r.firstTime ?? '—'],
  ['Last bar (UTC)', (r) => r.lastTime ?? '—'],
  ['Bar size', (r) => r.barSize],
  ['Duplicates removed', (r) => formatInt(r.duplicatesRemoved)],
  ['Rows out of order', (r) => formatInt(r.outOfOrder)],
  ['Bad prices dropped', (r) => formatInt(r.droppedInvalidPrice)],
  ['Bad times dropped', (r) => formatInt(r.droppedInvalidTime)],
  ['OHLC inconsistencies (flagged)', (r) => formatInt(r.ohlcInconsistent)],
  ['Gaps', (r) => formatInt(r.gaps.count)],
  ['Largest gap (bars)', (r) => formatInt(r.gaps.largestBars)],
  ['Missing bars', (r) => formatInt(r.gaps.missingBars)],
];

export function ValidationTable({ reports }: { reports: Record<string, ValidationReport> }) {
  const symbols = Object.keys(reports);
  return (
    <div className="card">
      <h3>Validation</h3>
      <div className="scroll-x">
        <table aria-label="Validation report" data-testid="validation-table">
          <thead>
            <tr>
              <th scope="col">Check</th>
              {symbols.map((s) => (
                <th scope="col" key={s}>
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([name, get]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {symbols.map((s) => (
                  <td key={s}>{get(reports[s])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
