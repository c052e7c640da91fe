/**
 * Where the candles come from: the built-in real sample, a Hugging Face dataset (see
 * HubFields, and ConfirmTokenDialog before a token goes to another hub) or a local file
 * (pick or drop; kept in memory until the page closes). Deep links
 * `?dataset=owner/name&revision=...&hub=...` fill the hub form (never a token). Submitting
 * while a load runs replaces that load.
 */
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { LoadOptions } from '../../../core/data/load';
import { InputError } from '../../../core/errors';
import { useDataset, type DataSource } from '../../hooks/dataset-context';
import { useSettings } from '../../settings';
import { hostOf, hubOrigin } from '../../token-store';
import { errorMessage } from '../../format';
import { parseDeepLink } from '../../deep-link';
import { ConfirmTokenDialog } from './ConfirmTokenDialog';
import { HubFields } from './HubFields';
import { LoadOptionsFields } from './LoadOptionsFields';
import { LocalFileField } from './LocalFileField';
import { SourceKindPicker } from './SourceKindPicker';
import { useHubForm, type StartHub } from './useHubForm';

export function SourceForm() {
  const { state, load, sessionFile } = useDataset();
  const [settings] = useSettings();
  const last = state.request?.source;
  const hub = useHubForm(settings.hubEndpoint, last?.kind === 'hub' ? last : undefined);
  const [kind, setKind] = useState<DataSource['kind']>(() =>
    last ? last.kind : parseDeepLink(window.location.search) ? 'hub' : 'sample',
  );
  const [symbols, setSymbols] = useState((state.request?.options.symbols ?? []).join(', '));
  const [timeframe, setTimeframe] = useState(state.request?.options.timeframe ?? '');
  const [file, setFile] = useState<File | null>(() => sessionFile() ?? null);
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();

  const options = (): LoadOptions => {
    const list = symbols
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { symbols: list.length ? list : undefined, timeframe: timeframe || undefined };
  };
  const startHub: StartHub = (source, token) =>
    void load({ source, options: options() }, { accessToken: token });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (kind === 'sample') return void load({ source: { kind: 'sample' }, options: options() });
    if (kind === 'local') {
      if (!file) return setFormError('Choose a parquet or CSV file first, or drop one on the box.');
      return void load({ source: { kind: 'local', name: file.name }, options: options() }, { file });
    }
    try {
      hub.submit(startHub);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      setFormError(errorMessage(err));
    }
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
      <SourceKindPicker name={`${id}-kind`} kind={kind} onChange={setKind} />
      {kind === 'sample' && (
        <p className="help">
          Real Binance hourly candles for BTC/USDT and ETH/USDT, 2020-01-01 to 2024-04-18 (37,660 bars each),
          shipped with the app so the first run works without any network. Candle data is Binance&apos;s, for
          research and demonstration.
        </p>
      )}
      {kind === 'hub' && (
        <HubFields
          id={id}
          draft={hub.draft}
          onDraft={hub.onDraft}
          token={hub.token}
          onToken={hub.setToken}
          linkedHub={hub.linkedHub}
          settingsHub={settings.hubEndpoint}
          tokenAsked={state.status === 'error' && !!state.needsToken}
        />
      )}
      {kind === 'local' && <LocalFileField id={`${id}-file`} file={file} onChange={setFile} />}
      <LoadOptionsFields
        id={id}
        symbols={symbols}
        timeframe={timeframe}
        onSymbols={setSymbols}
        onTimeframe={setTimeframe}
      />
      {formError && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
      <div className="row">
        {/* enabled while a load runs: a new load replaces it (e.g. one a link started on a stalled hub) */}
        <button type="submit" className="primary">
          {kind === 'sample' ? 'Load sample' : kind === 'hub' ? 'Load dataset' : 'Load file'}
        </button>
      </div>
      {hub.pending && (
        <ConfirmTokenDialog
          host={hostOf(hubOrigin(hub.pending.hubUrl)!)}
          savedFor={hostOf(hub.token.origin ?? '')}
          onSend={() => hub.answer(startHub, 'send')}
          onWithout={() => hub.answer(startHub, 'without')}
          onCancel={() => hub.answer(startHub, 'cancel')}
        />
      )}
    </form>
  );
}
