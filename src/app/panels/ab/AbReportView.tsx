/**
 * An A/B report: a verdict line per comparison, the Sharpe differences as intervals, the
 * cumulative difference of the chosen comparison with its band, every run on the common bars,
 * every statistic with its definition, the notes and the report's files.
 */
import { useMemo, useState } from 'react';
import type { AbReport } from '../../../core/ab/report-type';
import { Chart } from '../../../charts/Chart';
import { cumulativeDifferenceOption, intervalOption } from '../../../charts/ab';
import { DownloadButtons } from '../models/DownloadButtons';
import { AbRunsTable } from './AbRunsTable';
import { AbStatsTable } from './AbStatsTable';

export function AbReportView({
  report,
  saved = true,
}: {
  report: AbReport;
  /** false for a report that is not stored (live sessions): no downloads of its files */
  saved?: boolean;
}) {
  const [chosen, setChosen] = useState(0);
  const name = (i: number) => report.runs[i].name;
  const label = (k: number) => `${name(report.pairs[k].a)} vs ${name(report.pairs[k].b)}`;
  const intervals = useMemo(
    () =>
      intervalOption(
        report.pairs.map((p, k) => ({ label: label(k), ...p.bootstrap.stats.sharpe_diff })),
        'Sharpe difference (a year)',
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- label depends on report only
    [report],
  );
  const pair = report.pairs[chosen];
  const cumulative = useMemo(
    () =>
      pair &&
      cumulativeDifferenceOption({
        time: report.band_time.map((t) => Date.parse(t)),
        ...pair.bootstrap.band,
        name: `${report.runs[pair.a].name} - ${report.runs[pair.b].name}`,
      }),
    [pair, report],
  );
  return (
    <div className="card" data-testid="ab-report">
      <h3>
        A/B report <code>{report.run_id}</code>
      </h3>
      <p className="help">
        {report.common.bars.toLocaleString('en-US')} common out-of-sample bars,{' '}
        {report.common.first.slice(0, 16)} to {report.common.last.slice(0, 16)} UTC; {report.config.resamples}{' '}
        bootstrap resamples, seed {report.config.seed}.
      </p>
      <ul data-testid="ab-verdicts">
        {report.pairs.map((p, k) => (
          <li key={label(k)} data-testid="ab-verdict" data-better={p.better}>
            {p.verdict}
          </li>
        ))}
      </ul>
      <Chart
        option={intervals}
        label="Sharpe differences with their intervals"
        height={120 + 40 * report.pairs.length}
        testId="ab-intervals"
      />
      {report.pairs.length > 1 && (
        <label>
          Cumulative difference of{' '}
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {report.pairs.map((_, k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        </label>
      )}
      {cumulative && (
        <Chart
          option={cumulative}
          label="Cumulative difference of per-bar returns with its band"
          height={300}
          testId="ab-cumulative"
        />
      )}
      <AbRunsTable report={report} />
      <AbStatsTable report={report} />
      <ul className="help">
        {report.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {saved && <DownloadButtons kind="artifact" id={report.run_id} />}
    </div>
  );
}
