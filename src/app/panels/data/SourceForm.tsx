/**
 * Where the candles come from: the built-in real sample, a Hugging Face dataset
 * (id, revision, files, token) or a local parquet/CSV file (pick or drop). Deep links
 * `?dataset=owner/name&revision=...&hub=...` preload the hub form (never a token).
 */
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { LoadOptions } from '../../../core/data/load';
import { useDataset, type DataSource } from '../../hooks/dataset-context';
import { useSettings } from '../../settings';

const TOKEN_KEY = 'candle-lab.hf-token.v1';
const TIMEFRAMES = ['', '2h', '4h', '6h', '12h', '1d'];

function deepLink(): { dataset?: string; revision?: string; hub?: string } {
  const q = new URLSearchParams(window.location.search);
  return {
    dataset: q.get('dataset') ?? undefined,
    revision: q.get('revision') ?? undefined,
    hub: q.get('hub') ?? undefined,
  };
}

export function SourceForm() {
  const { state, load } = useDataset();
  const [settings] = useSettings();
  const link = deepLink();
  const last = state.request?.source;
  const lastHub = last?.kind === 'hub' ? last : undefined;
  const [kind, setKind] = useState<DataSource['kind']>(link.dataset ? 'hub' : (last?.kind ?? 'sample'));
  const [hubUrl, setHubUrl] = useState(link.hub ?? lastHub?.hubUrl ?? settings.hubEndpoint);
  const [dataset, setDataset] = useState(link.dataset ?? lastHub?.dataset ?? '');
  const [revision, setRevision] = useState(link.revision ?? lastHub?.revision ?? '');
  const [pattern, setPattern] = useState(lastHub?.pattern ?? '');
  const [config, setConfig] = useState(lastHub?.config ?? '');
  const [split, setSplit] = useState(lastHub?.split ?? '');
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const [remember, setRemember] = useState(() => localStorage.getItem(TOKEN_KEY) !== null);
  const [symbols, setSymbols] = useState((state.request?.options.symbols ?? []).join(', '));
  const [timeframe, setTimeframe] = useState(state.request?.options.timeframe ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();
  const busy = state.status === 'loading';

  const options = (): LoadOptions => {
    const list = symbols
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { symbols: list.length ? list : undefined, timeframe: timeframe || undefined };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (kind === 'sample') return void load({ source: { kind: 'sample' }, options: options() });
    if (kind === 'local') {
      if (!file) return setFormError('Choose a parquet or CSV file first, or drop one on the box.');
      return void load({ source: { kind: 'local', name: file.name }, options: options() }, { file });
    }
    const ds = dataset.trim();
    if (!/^[\w.-]+\/[\w.-]+$/.test(ds))
      return setFormError('Enter the dataset id as owner/name, e.g. lab/binance-ohlcv-1h-btc-eth.');
    const tok = token.trim();
    if (tok && !tok.startsWith('hf_'))
      return setFormError('Hugging Face access tokens start with "hf_". Check the token.');
    if (remember && tok) localStorage.setItem(TOKEN_KEY, tok);
    else localStorage.removeItem(TOKEN_KEY);
    const source: DataSource = {
      kind: 'hub',
      hubUrl: hubUrl.trim().replace(/\/+$/, ''),
      dataset: ds,
      revision: revision.trim() || undefined,
      pattern: pattern.trim() || undefined,
      config: config.trim() || undefined,
      split: split.trim() || undefined,
    };
    void load({ source, options: options() }, { accessToken: tok || undefined });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files?.[0];
    if (f) {
      setKind('local');
      setFile(f);
    }
  };

  return (
    <form
      className="card"
      noValidate
      onSubmit={submit}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      aria-label="Dataset source"
    >
      <h3>Source</h3>
      <fieldset className="row plain">
        <legend className="sr-only">Where the candles come from</legend>
        {(
          [
            ['sample', 'Built-in sample (offline)'],
            ['hub', 'Hugging Face dataset'],
            ['local', 'Local file'],
          ] as const
        ).map(([k, label]) => (
          <label key={k} className="inline">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>

      {kind === 'sample' && (
        <p className="help">
          Real Binance hourly candles for BTC/USDT and ETH/USDT, 2020-01-01 to 2024-04-18 (37,660 bars each),
          shipped with the app so the first run works without any network. Candle data is Binance&apos;s, for
          research and demonstration.
        </p>
      )}

      {kind === 'hub' && (
        <div className="grid2">
          <div>
            <label htmlFor={`${id}-ds`}>Dataset id</label>
            <input
              id={`${id}-ds`}
              type="text"
              value={dataset}
              placeholder="owner/name"
              onChange={(e) => setDataset(e.target.value)}
              spellCheck={false}
            />
          </div>
          <div>
            <label htmlFor={`${id}-rev`}>Revision (branch, tag or commit)</label>
            <input
              id={`${id}-rev`}
              type="text"
              value={revision}
              placeholder="main"
              onChange={(e) => setRevision(e.target.value)}
              spellCheck={false}
            />
          </div>
          <div>
            <label htmlFor={`${id}-tok`}>Access token (private or gated datasets)</label>
            <input
              id={`${id}-tok`}
              type="password"
              value={token}
              autoComplete="off"
              placeholder="hf_…"
              onChange={(e) => setToken(e.target.value)}
            />
            <label className="inline help">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />{' '}
              Remember on this device
            </label>
          </div>
          <div>
            <label htmlFor={`${id}-hub`}>Hub endpoint</label>
            <input
              id={`${id}-hub`}
              type="text"
              value={hubUrl}
              onChange={(e) => setHubUrl(e.target.value)}
              spellCheck={false}
            />
          </div>
          <details className="span2">
            <summary>Which files</summary>
            <div className="grid2">
              <div>
                <label htmlFor={`${id}-pat`}>File pattern</label>
                <input
                  id={`${id}-pat`}
                  type="text"
                  value={pattern}
                  placeholder="e.g. csv/*.csv"
                  onChange={(e) => setPattern(e.target.value)}
                  spellCheck={false}
                />
              </div>
              <div>
                <label htmlFor={`${id}-cfg`}>Config / split (parquet conversion)</label>
                <div className="row">
                  <input
                    id={`${id}-cfg`}
                    type="text"
                    value={config}
                    placeholder="default"
                    aria-label="Config"
                    onChange={(e) => setConfig(e.target.value)}
                  />
                  <input
                    type="text"
                    value={split}
                    placeholder="train"
                    aria-label="Split"
                    onChange={(e) => setSplit(e.target.value)}
                  />
                </div>
              </div>
            </div>
          </details>
        </div>
      )}

      {kind === 'local' && (
        <div className="dropzone">
          <label htmlFor={`${id}-file`}>Parquet, CSV or JSON Lines file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".parquet,.csv,.tsv,.jsonl,.json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p className="help">…or drop a file anywhere on this form. {file ? `Chosen: ${file.name}` : ''}</p>
        </div>
      )}

      <div className="grid2">
        <div>
          <label htmlFor={`${id}-sym`}>Symbols (comma-separated; blank for all)</label>
          <input
            id={`${id}-sym`}
            type="text"
            value={symbols}
            placeholder="BTC/USDT, ETH/USDT"
            onChange={(e) => setSymbols(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-tf`}>Timeframe</label>
          <select id={`${id}-tf`} value={timeframe} onChange={(e) => setTimeframe(e.target.value)}>
            {TIMEFRAMES.map((t) => (
              <option key={t} value={t}>
                {t === '' ? 'As in the data' : `Resample to ${t}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      {formError && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {kind === 'sample' ? 'Load sample' : kind === 'hub' ? 'Load dataset' : 'Load file'}
        </button>
      </div>
    </form>
  );
}
