/** The form that starts a live paper-trading session: model, symbol, source, settings, webhook. */
import { useEffect, useState, type FormEvent } from 'react';
import type { LiveStartRequest } from '../../../../workers/live-api';
import { usePipeline } from '../../hooks/pipeline-context';
import { liveRequest, readLiveForm, saveLiveForm, type LiveForm } from './live-form';

export function LiveStartForm({ onStart }: { onStart: (req: LiveStartRequest) => void }) {
  const { client } = usePipeline();
  const [form, setForm] = useState<LiveForm>(readLiveForm);
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => saveLiveForm(form), [form]);
  useEffect(() => {
    void client.api.models.list().then(
      (l) => setModels(l.map((m) => m.id)),
      () => undefined,
    );
  }, [client]);
  const patch = (p: Partial<LiveForm>) => setForm((f) => ({ ...f, ...p }));
  const text = (k: keyof LiveForm, label: string, hint?: string) => (
    <label>
      {label}
      <input value={String(form[k])} onChange={(e) => patch({ [k]: e.target.value })} name={k} title={hint} />
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
        onChange={(e) => patch({ [k]: Number(e.target.value) })}
      />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart(liveRequest(form));
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
      {text('base_url', 'Kline source URL', 'GET {url}/api/v3/klines and /api/v3/time')}
      {text('interval', 'Interval')}
      {text('train_window', 'Train window')}
      {text('test_window', 'Retrain every (test window)')}
      {num('buy_threshold', 'Buy threshold')}
      {num('sell_threshold', 'Sell threshold')}
      {num('fees_bps', 'Fees (bps)', '1')}
      {num('slippage_bps', 'Slippage (bps)', '1')}
      <label>
        <input type="checkbox" checked={form.online} onChange={(e) => patch({ online: e.target.checked })} />{' '}
        Learn online (sgdc, sgdr)
      </label>
      {num('poll_every_s', 'Poll at least every (s)', '1')}
      {text('webhook_url', 'Webhook URL (optional)', 'POST each signal change as JSON')}
      <button type="submit" className="primary" disabled={!form.model_id}>
        Start session
      </button>
    </form>
  );
}
