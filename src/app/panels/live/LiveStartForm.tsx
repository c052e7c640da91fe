/** The form that starts a live paper-trading session: model, symbol, source, settings, webhook. */
import { useEffect, useState, type FormEvent } from 'react';
import type { LiveStartRequest } from '../../../../workers/live-api';
import { InputError } from '../../../core/errors';
import { usePipeline } from '../../hooks/pipeline-context';
import { useSettings } from '../../settings';
import {
  describeRunSettings,
  formFieldOf,
  liveRequest,
  readLiveForm,
  saveLiveForm,
  type LiveForm,
} from './live-form';
import { LiveSourceFields } from './LiveSourceFields';

export function LiveStartForm({ onStart }: { onStart: (req: LiveStartRequest) => void }) {
  const { client } = usePipeline();
  const [settings] = useSettings();
  const [form, setForm] = useState<LiveForm>(readLiveForm);
  const [models, setModels] = useState<string[]>([]);
  const [error, setError] = useState<{ field?: keyof LiveForm; message: string } | null>(null);
  useEffect(() => saveLiveForm(form), [form]);
  useEffect(() => {
    void client.api.models.list().then(
      (l) => setModels(l.map((m) => m.id)),
      () => undefined,
    );
  }, [client]);
  const patch = (p: Partial<LiveForm>) => setForm((f) => ({ ...f, ...p }));
  const invalid = (k: keyof LiveForm) => error?.field === k || undefined;
  const text = (k: keyof LiveForm, label: string, hint?: string) => (
    <label>
      {label}
      <input
        value={String(form[k])}
        onChange={(e) => patch({ [k]: e.target.value })}
        name={k}
        title={hint}
        aria-invalid={invalid(k)}
      />
    </label>
  );
  const num = (k: keyof LiveForm, label: string, step = '0.01') => (
    <label>
      {label}
      <input
        type="number"
        step={step}
        value={Number(form[k])}
        name={k}
        aria-invalid={invalid(k)}
        onChange={(e) => patch({ [k]: Number(e.target.value) })}
      />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const req = liveRequest(form, settings.hubEndpoint);
      setError(null);
      onStart(req);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      setError({ field: formFieldOf(err.field), message: err.message });
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Start a live session">
      <h3>New session</h3>
      <label>
        Model
        <select name="model_id" value={form.model_id} onChange={(e) => patch({ model_id: e.target.value })}>
          <option value="">choose a saved model</option>
          {[...new Set([form.model_id, ...models].filter(Boolean))].map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {text('symbol', 'Symbol')}
      <LiveSourceFields form={form} patch={patch} settingsHub={settings.hubEndpoint} invalid={error?.field} />
      {text('interval', 'Interval')}
      {text('train_window', 'Train window')}
      {text('test_window', 'Retrain every (test window)')}
      {num('buy_threshold', 'Buy threshold')}
      {num('sell_threshold', 'Sell threshold')}
      {num('fees_bps', 'Fees (bps)', '1')}
      {num('slippage_bps', 'Slippage (bps)', '1')}
      <label>
        <input type="checkbox" checked={form.online} onChange={(e) => patch({ online: e.target.checked })} />{' '}
        Learn online (sgdc, sgdr row by row; mlp, lstm, transformer fine-tune in batches)
      </label>
      {describeRunSettings(form.run_settings) && (
        <p className="hint" data-testid="live-run-settings">
          Also from the promoted run: {describeRunSettings(form.run_settings)}.{' '}
          <button type="button" onClick={() => patch({ run_settings: undefined })}>
            Use the defaults instead
          </button>
        </p>
      )}
      {num('poll_every_s', 'Poll at least every (s)', '1')}
      {text('webhook_url', 'Webhook URL (optional)', 'POST each signal change as JSON')}
      {error && (
        <p role="alert" className="error" data-testid="live-form-error">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={!form.model_id}>
        Start session
      </button>
    </form>
  );
}
