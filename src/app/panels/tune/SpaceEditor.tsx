/** The search space, one row per parameter: type, range or choices, log scale; defaults per model kind. */
import { defaultSpace, type ParamSpec, type SearchSpace } from '../../../core/tune/space';
import { SpaceRow } from './SpaceRow';
import type { TuneFormProps } from './TuneSettings';

export function SpaceEditor({ form, patch, errorOf }: TuneFormProps) {
  const set = (name: string, p: ParamSpec) => patch({ space: { ...form.space, [name]: p } });
  const drop = (name: string) => {
    const { [name]: _gone, ...rest } = form.space;
    patch({ space: rest as SearchSpace });
  };
  return (
    <fieldset className="card" aria-label="Search space">
      <legend>Search space ({form.model})</legend>
      <table className="table" data-testid="space-table">
        <thead>
          <tr>
            <th>parameter</th>
            <th>type</th>
            <th>low</th>
            <th>high</th>
            <th>log</th>
            <th>condition</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(form.space).map(([name, p]) => (
            <SpaceRow
              key={`${form.model}-${name}`}
              name={name}
              p={p}
              set={(q) => set(name, q)}
              error={errorOf(`space.${name}`)}
            />
          ))}
        </tbody>
      </table>
      <div className="row">
        {Object.keys(form.space).length > 1 && (
          <select
            aria-label="Remove a parameter"
            value=""
            onChange={(e) => e.target.value && drop(e.target.value)}
          >
            <option value="">remove a parameter…</option>
            {Object.keys(form.space).map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        )}
        <button type="button" onClick={() => patch({ space: defaultSpace(form.model) })}>
          Reset to defaults
        </button>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.tune_horizon}
            onChange={(e) => patch({ tune_horizon: e.target.checked })}
          />{' '}
          also tune the label horizon (4-48 bars)
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.tune_thresholds}
            onChange={(e) => patch({ tune_thresholds: e.target.checked })}
          />{' '}
          also tune buy / sell thresholds
        </label>
      </div>
      {errorOf('space') && (
        <p className="field-error" role="alert">
          {errorOf('space')}
        </p>
      )}
    </fieldset>
  );
}
