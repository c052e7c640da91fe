/** Settings: the Hugging Face hub endpoint and the compute backend, with what is active now. */
import { useId, useState, type FormEvent } from 'react';
import type { BackendPreference } from '../../core/compute/backend-types';
import { usePipeline } from '../hooks/pipeline-context';
import { StorageCard } from './StorageCard';
import { CrossCheck } from './CrossCheck';
import {
  BACKENDS,
  DEFAULT_HUB_ENDPOINT,
  normaliseHubEndpoint,
  useSettings,
  validateHubEndpoint,
} from '../settings';

const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: 'Automatic (WebGPU, then WebGL, WASM, CPU)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

export function SettingsPanel() {
  const [settings, setSettings] = useSettings();
  const { compute } = usePipeline();
  const [hubDraft, setHubDraft] = useState(settings.hubEndpoint);
  const [hubError, setHubError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const hubId = useId();
  const backendId = useId();

  const saveHub = (e: FormEvent) => {
    e.preventDefault();
    const value = normaliseHubEndpoint(hubDraft);
    const err = validateHubEndpoint(value);
    setHubError(err);
    if (!err) {
      setSettings({ hubEndpoint: value });
      setHubDraft(value);
      setSaved(true);
    }
  };

  return (
    <section className="panel-body">
      <h2>Settings</h2>
      <form className="card" noValidate onSubmit={saveHub} aria-labelledby={`${hubId}-legend`}>
        <h3 id={`${hubId}-legend`}>Hugging Face hub</h3>
        <label htmlFor={hubId}>Hub endpoint</label>
        <div className="row">
          <input
            id={hubId}
            type="url"
            value={hubDraft}
            onChange={(e) => {
              setHubDraft(e.target.value);
              setSaved(false);
            }}
            aria-invalid={hubError ? true : undefined}
            aria-describedby={`${hubId}-help`}
            spellCheck={false}
          />
          <button type="submit">Save endpoint</button>
          <button
            type="button"
            onClick={() => {
              setHubDraft(DEFAULT_HUB_ENDPOINT);
              setSettings({ hubEndpoint: DEFAULT_HUB_ENDPOINT });
              setHubError(null);
              setSaved(true);
            }}
          >
            Reset to default
          </button>
        </div>
        <p id={`${hubId}-help`} className="help">
          Like the <code>HF_ENDPOINT</code> convention: use a mirror or a local mock hub. Default{' '}
          <code>{DEFAULT_HUB_ENDPOINT}</code>. An access token is kept for the hub it was entered for and sent
          to another hub only after you confirm it.
        </p>
        {hubError && (
          <p role="alert" className="error">
            {hubError}
          </p>
        )}
        {saved && !hubError && (
          <p role="status" className="ok" data-testid="hub-saved">
            Saved: {settings.hubEndpoint}
          </p>
        )}
      </form>

      <div className="card">
        <h3>Compute backend</h3>
        <label htmlFor={backendId}>TensorFlow.js backend</label>
        <select
          id={backendId}
          value={settings.backend}
          onChange={(e) => setSettings({ backend: e.target.value as BackendPreference })}
        >
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {BACKEND_LABELS[b]}
            </option>
          ))}
        </select>
        <dl className="facts" aria-live="polite" data-testid="compute-facts">
          <dt>In use</dt>
          <dd data-testid="settings-backend">
            {compute.status === 'ready'
              ? compute.info?.backend
              : compute.status === 'error'
                ? 'none'
                : 'starting…'}
          </dd>
          <dt>Adapter</dt>
          <dd data-testid="settings-adapter">{compute.info?.adapter ?? '—'}</dd>
          {compute.info && compute.info.fallbacks.length > 0 && (
            <>
              <dt>Skipped</dt>
              <dd>{compute.info.fallbacks.join('; ')}</dd>
            </>
          )}
          <dt>Self-test</dt>
          <dd data-testid="settings-selftest">
            {compute.selfTest
              ? `${compute.selfTest.ok ? 'passed' : 'FAILED'}: ${compute.selfTest.description}; max |Δ| vs cpu ${compute.selfTest.maxAbsDiff.toExponential(2)} (tolerance ${compute.selfTest.tolerance}); checksum ${compute.selfTest.checksum.toFixed(4)}; ${compute.selfTest.millis.toFixed(0)} ms`
              : '—'}
          </dd>
        </dl>
        {compute.status === 'error' && (
          <p role="alert" className="error">
            {compute.error} Try another backend above, or reload the page.
          </p>
        )}
      </div>
      <CrossCheck />
      <StorageCard />
      <p className="help">Candle Lab {__APP_VERSION__}</p>
    </section>
  );
}
