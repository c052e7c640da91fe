/** One parameter of the search space: its type, range (or choices), log scale and condition, editable. */
import type { Choice, ParamSpec } from '../../../core/tune/space';

const parseChoice = (s: string): Choice => {
  const t = s.trim();
  if (t === 'null') return null;
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
};

export function SpaceRow({
  name,
  p,
  set,
  error,
}: {
  name: string;
  p: ParamSpec;
  set: (p: ParamSpec) => void;
  error: string | null;
}) {
  return (
    <tr aria-invalid={error ? true : undefined}>
      <th scope="row">{name}</th>
      <td>{p.type}</td>
      {p.type === 'categorical' ? (
        <td colSpan={3}>
          <input
            aria-label={`${name} choices`}
            defaultValue={p.choices.map(String).join(', ')}
            onBlur={(e) => set({ ...p, choices: e.target.value.split(',').map(parseChoice) })}
          />
        </td>
      ) : (
        <>
          <td>
            <input
              aria-label={`${name} low`}
              type="number"
              step="any"
              value={p.low}
              onChange={(e) => set({ ...p, low: Number(e.target.value) })}
            />
          </td>
          <td>
            <input
              aria-label={`${name} high`}
              type="number"
              step="any"
              value={p.high}
              onChange={(e) => set({ ...p, high: Number(e.target.value) })}
            />
          </td>
          <td>
            <input
              aria-label={`${name} log scale`}
              type="checkbox"
              checked={p.log ?? false}
              onChange={(e) => set({ ...p, log: e.target.checked })}
            />
          </td>
        </>
      )}
      <td>
        {p.when ? `when ${p.when.param} is ${p.when.in.join(' or ')}` : ''}
        {error && (
          <small className="field-error" role="alert">
            {' '}
            {error}
          </small>
        )}
      </td>
    </tr>
  );
}
