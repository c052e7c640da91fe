/** Charts of the trials: objective over trials with the best so far, one parameter against the objective, importance. */
import { useMemo, useState } from 'react';
import { Chart } from '../../../charts/Chart';
import { importanceBarOption, paramScatterOption, trialHistoryOption } from '../../../charts/tune';
import type { TrialRecord } from '../../../core/store/studies';
import { paramImportance } from '../../../core/tune/importance';
import type { SearchSpace } from '../../../core/tune/space';

export function TrialCharts({
  trials,
  space,
  objective,
  minimize,
}: {
  trials: TrialRecord[];
  space: SearchSpace;
  objective: string;
  minimize: boolean;
}) {
  const names = Object.keys(space);
  const [param, setParam] = useState(names[0] ?? '');
  const shown = names.includes(param) ? param : (names[0] ?? '');
  const importance = useMemo(() => paramImportance(space, trials), [space, trials]);
  if (trials.length === 0) return null;
  return (
    <div className="card">
      <h3>Trials</h3>
      <Chart
        option={trialHistoryOption(trials, objective, minimize)}
        label={`${objective} of every trial`}
        height={260}
        testId="trial-history-chart"
      />
      <div className="row">
        <label>
          Parameter{' '}
          <select value={shown} onChange={(e) => setParam(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      <Chart
        option={paramScatterOption(trials, shown, objective)}
        label={`${objective} against ${shown}`}
        height={240}
      />
      <h3>Parameter importance</h3>
      <p className="help">
        Share of the objective&apos;s variance over complete trials that each parameter&apos;s values explain.
      </p>
      <Chart
        option={importanceBarOption(importance)}
        label="parameter importance"
        height={Math.max(120, 28 * names.length)}
      />
    </div>
  );
}
