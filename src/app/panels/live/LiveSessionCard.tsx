/**
 * One session: its state in plain words (waiting for the next bar, catching up, the source
 * unreachable, stopped), the newest bar and the time until the next, the latest prediction and
 * signal, stop / resume, the ledger as CSV, saving the current model, charts, events and the log.
 */
import type { LiveSessionItem, LiveSessions } from '../../../client/live-sessions';
import type { LiveStatus } from '../../../core/live/session';
import { saveBytes } from '../../download';
import { usePipeline } from '../../hooks/pipeline-context';
import { DecisionLog } from './DecisionLog';
import { LiveCharts } from './LiveCharts';
import { useLedger } from './useLive';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

function stateLine(item: LiveSessionItem, s: Partial<LiveStatus> | null, failure?: string): string {
  if (failure) return `Failed: ${failure}`;
  if (item.status === 'stopped') return 'Stopped. Resume continues from the last processed bar.';
  if (item.status === 'failed')
    return `Failed: ${String((item.state as { message?: string } | null)?.message ?? '')}`;
  if (!item.runningHere) return 'Not running in this tab (resuming…)';
  if (s?.state === 'source-error') return s.message ?? 'The source cannot be reached; retrying.';
  if (s?.state === 'backfilling')
    return `${s.message ?? 'Catching up'} (the tab was closed, asleep or offline)`;
  if (s?.state === 'waiting') return s.message ?? 'Waiting for the next bar';
  return 'Starting: fetching the history and fitting the model';
}

export function LiveSessionCard({
  item,
  sessions,
  failure,
}: {
  item: LiveSessionItem;
  sessions: LiveSessions;
  failure?: string;
}) {
  const { client } = usePipeline();
  const { decisions, events } = useLedger(item.id);
  const cfg = item.config as { model_id: string; symbol: string };
  const s = item.state as Partial<LiveStatus> | null;
  const last = decisions.at(-1);
  const untilNext =
    s?.next_close != null && s.source_now != null ? Math.max(0, s.next_close - s.source_now) : null;
  const running = item.status === 'running';
  const sourceDown = s?.state === 'source-error';
  return (
    <article className="card" data-testid="live-session" data-session={item.id}>
      <h3>
        {cfg.symbol} · <code>{cfg.model_id}</code>
      </h3>
      <p role="status" className={sourceDown || failure ? 'error' : 'notice'} data-testid="live-state">
        {stateLine(item, s, failure)}
      </p>
      <dl className="kv" data-testid="live-latest">
        <dt>Newest bar</dt>
        <dd data-testid="live-newest">{last ? iso(last.time) : '—'}</dd>
        <dt>Next bar closes in</dt>
        <dd>{untilNext === null ? '—' : `${Math.round(untilNext / 60000)} min (source clock)`}</dd>
        <dt>Latest prediction</dt>
        <dd data-testid="live-prediction">{last?.signal == null ? '—' : last.signal.toFixed(4)}</dd>
        <dt>Signal</dt>
        <dd data-testid="live-signal">
          {last ? (last.target > 0 ? 'long' : last.target < 0 ? 'short' : 'flat') : '—'}
        </dd>
        <dt>Paper equity</dt>
        <dd data-testid="live-equity-value">{last ? last.equity.toFixed(2) : '—'}</dd>
        <dt>Bars processed</dt>
        <dd data-testid="live-count">{decisions.length}</dd>
      </dl>
      <div className="row">
        {running ? (
          <button type="button" onClick={() => void sessions.stop(item.id)}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={() => sessions.start({ ...item.config, session_id: item.id })}>
            Resume
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            void client.api.live.ledgerCsv(item.id).then((csv) => saveBytes(csv, `${item.id}_ledger.csv`))
          }
        >
          Ledger CSV
        </button>
        <button type="button" onClick={() => void client.api.live.saveLedger(item.id).catch(() => undefined)}>
          Save ledger as a run
        </button>
        <button type="button" onClick={() => void client.api.live.saveModel(item.id).catch(() => undefined)}>
          Save current model
        </button>
      </div>
      <LiveCharts decisions={decisions} symbol={cfg.symbol} />
      <details className="card">
        <summary>Events ({events.length}): gaps, late bars, source faults, retrains, webhooks</summary>
        <ul data-testid="live-events">
          {events
            .slice(-50)
            .reverse()
            .map((e) => (
              <li key={e.id}>
                {iso(e.at)} <strong>{e.kind}</strong> {e.message}
              </li>
            ))}
        </ul>
      </details>
      <DecisionLog decisions={decisions} />
    </article>
  );
}
