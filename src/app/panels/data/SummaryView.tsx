/** What was loaded: origin and pinned commit, files, column mapping, timestamps, warnings, timings. */
import type { DatasetSummary } from '../../../core/data/load';
import { formatBytes, formatInt, formatMs } from '../../format';

export function SummaryView({ summary }: { summary: DatasetSummary }) {
  const m = summary.mapping;
  return (
    <div className="card" data-testid="dataset-summary">
      <h3>Dataset</h3>
      <dl className="facts">
        <dt>Dataset</dt>
        <dd data-testid="summary-dataset">{summary.dataset}</dd>
        {summary.origin === 'hub' && (
          <>
            <dt>Hub</dt>
            <dd>{summary.hubUrl}</dd>
            <dt>Revision</dt>
            <dd>
              {summary.revision} → commit{' '}
              <code data-testid="summary-commit">{summary.commit?.slice(0, 12)}</code>
              {summary.filesCommit && summary.filesCommit !== summary.commit
                ? ` (files at ${summary.filesCommit.slice(0, 12)})`
                : ''}
            </dd>
          </>
        )}
        <dt>Read from</dt>
        <dd data-testid="summary-source">
          {summary.source}
          {summary.offline ? ' · offline, from the cache' : ''}
        </dd>
        <dt>Symbols</dt>
        <dd data-testid="summary-symbols">{summary.symbols.join(', ')}</dd>
        <dt>Timeframe</dt>
        <dd>{summary.timeframe}</dd>
        <dt>Timestamps</dt>
        <dd data-testid="summary-timestamps">
          {summary.timestamps.unit} ({summary.timestamps.how})
        </dd>
        <dt>Columns</dt>
        <dd data-testid="summary-mapping">
          time ← {m.time}, open ← {m.open}, high ← {m.high}, low ← {m.low}, close ← {m.close}, volume ←{' '}
          {m.volume ?? 'none'}, symbol ← {m.symbol ?? 'file name'}
        </dd>
        <dt>Timings</dt>
        <dd>
          total {formatMs(summary.timings.totalMs)} (resolve {formatMs(summary.timings.resolveMs)}, download{' '}
          {formatMs(summary.timings.downloadMs)}, decode {formatMs(summary.timings.decodeMs)}, validate{' '}
          {formatMs(summary.timings.validateMs)})
        </dd>
      </dl>
      <table aria-label="Files read">
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th>Size</th>
            <th>Rows</th>
            <th>Cache</th>
          </tr>
        </thead>
        <tbody>
          {summary.files.map((f) => (
            <tr key={f.path}>
              <td>{f.path}</td>
              <td>{f.format}</td>
              <td>{formatBytes(f.size)}</td>
              <td>{formatInt(f.rows)}</td>
              <td data-testid="file-cache">
                {f.fromCache ? 'from cache' : summary.origin === 'hub' ? 'downloaded' : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {summary.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
