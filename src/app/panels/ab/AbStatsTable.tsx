/** Every statistic of an A/B report, per comparison, with how it is computed. */
import type { AbPair, AbReport } from '../../../core/ab/report-type';
import { PAIRED_STATISTICS } from '../../../core/stats/paired-bootstrap';

const f = (v: number | null | undefined, d = 3) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—';
const p = (v: number) => (v < 0.001 ? '< 0.001' : f(v));

interface Row {
  name: string;
  definition: string;
  cell: (pair: AbPair) => string;
}

function rows(r: AbReport): Row[] {
  const d = r.definitions;
  const model = (pair: AbPair) => (typeof pair.model === 'string' ? null : pair.model);
  return [
    ...PAIRED_STATISTICS.map((k) => ({
      name: k,
      definition: d[k],
      cell: (pair: AbPair) => {
        const s = pair.bootstrap.stats[k];
        return `${f(s.estimate)} [${f(s.lo)}, ${f(s.hi)}], p ${p(s.p_value)}`;
      },
    })),
    {
      name: 'ledoit_wolf',
      definition: d.ledoit_wolf,
      cell: (pair) => `z ${f(pair.ledoit_wolf.z, 2)}, p ${p(pair.ledoit_wolf.p_value)}`,
    },
    {
      name: 'diebold_mariano',
      definition: d.diebold_mariano,
      cell: (pair) => {
        const m = model(pair);
        return m
          ? `${m.loss}: DM ${f(m.diebold_mariano.statistic, 2)}, p ${p(m.diebold_mariano.p_value)}`
          : '—';
      },
    },
    {
      name: 'delong',
      definition: d.delong,
      cell: (pair) => {
        const m = model(pair)?.delong;
        return m ? `AUC ${f(m.auc_a)} vs ${f(m.auc_b)}, p ${p(m.p_value)}` : '—';
      },
    },
    { name: 'power', definition: d.power, cell: (pair) => pair.power.text },
    {
      name: 'bootstrap',
      definition: d.bootstrap,
      cell: (pair) => `${pair.bootstrap.resamples} resamples, mean block ${pair.bootstrap.block_length} bars`,
    },
  ];
}

export function AbStatsTable({ report }: { report: AbReport }) {
  const names = (pair: AbPair) => `${report.runs[pair.a].name} vs ${report.runs[pair.b].name}`;
  return (
    <div className="scroll-x">
      <table aria-label="Statistics of the comparison" data-testid="ab-stats">
        <thead>
          <tr>
            <th>Statistic</th>
            {report.pairs.map((pair) => (
              <th key={names(pair)}>{names(pair)}</th>
            ))}
            <th>Definition</th>
          </tr>
        </thead>
        <tbody>
          {rows(report).map((row) => (
            <tr key={row.name}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              {report.pairs.map((pair) => (
                <td key={names(pair)}>{row.cell(pair)}</td>
              ))}
              <td className="help">{row.definition}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
