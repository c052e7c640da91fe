/**
 * The start form's source of bars: an exchange's kline endpoint (or the local replay server),
 * or a Hugging Face dataset re-read on a schedule. A dataset's access token is the one the
 * token store keeps for that hub (Data or Settings panel); it is never part of the form.
 */
import type { LiveForm } from './live-form';

export function LiveSourceFields({
  form,
  patch,
  settingsHub,
  invalid,
}: {
  form: LiveForm;
  patch: (p: Partial<LiveForm>) => void;
  /** the app's hub (Settings), used when the hub URL is left empty */
  settingsHub: string;
  invalid?: keyof LiveForm;
}) {
  const text = (k: 'base_url' | 'dataset' | 'revision' | 'hub_url', label: string, placeholder?: string) => (
    <label>
      {label}
      <input
        name={k}
        value={form[k]}
        placeholder={placeholder}
        aria-invalid={invalid === k || undefined}
        onChange={(e) => patch({ [k]: e.target.value })}
      />
    </label>
  );
  return (
    <>
      <label>
        Source
        <select
          name="source_kind"
          value={form.source_kind}
          aria-invalid={invalid === 'source_kind' || undefined}
          onChange={(e) => patch({ source_kind: e.target.value as LiveForm['source_kind'] })}
        >
          <option value="kline">Exchange klines (REST)</option>
          <option value="hub">Hugging Face dataset</option>
        </select>
      </label>
      {form.source_kind === 'kline' ? (
        text('base_url', 'Kline source URL', 'GET {url}/api/v3/klines and /api/v3/time')
      ) : (
        <>
          {text('dataset', 'Dataset', 'owner/name')}
          {text('revision', 'Revision', 'main')}
          <label>
            Refresh every (s)
            <input
              type="number"
              step="1"
              min="1"
              name="refresh_s"
              value={form.refresh_s}
              aria-invalid={invalid === 'refresh_s' || undefined}
              onChange={(e) => patch({ refresh_s: Number(e.target.value) })}
            />
          </label>
          {text('hub_url', 'Hub URL', settingsHub)}
          <p className="help">
            Empty hub URL: the hub of Settings. A private dataset uses the token saved for its hub.
          </p>
        </>
      )}
    </>
  );
}
