/**
 * Compare live sessions: tick two or more sessions on one symbol and see the A/B statistics of
 * their ledgers on the bars they share, recomputed each time one of them records a bar.
 */
import { useState } from 'react';
import { AbReportView } from './AbReportView';
import { useLiveAb } from './use-live-ab';

export interface LiveAbSession {
  id: string;
  status: string;
  /** when the session last recorded a bar or changed status (ms) */
  updatedAt: number;
  config: { symbol: string; model_id: string };
}

export function LiveAb({ sessions }: { sessions: readonly LiveAbSession[] }) {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const ids = chosen.filter((id) => sessions.some((s) => s.id === id));
  const version = sessions
    .filter((s) => ids.includes(s.id))
    .map((s) => s.updatedAt)
    .join();
  const { report, error, updatedAt } = useLiveAb(ids, version);
  if (sessions.length < 2) return null;
  const toggle = (id: string, on: boolean) =>
    setChosen(
      on ? sessions.map((s) => s.id).filter((x) => x === id || ids.includes(x)) : ids.filter((x) => x !== id),
    );
  return (
    <section className="card" aria-label="Compare live sessions" data-testid="live-ab">
      <h3>Compare live sessions</h3>
      <p className="help">
        Two or more sessions on the same symbol, compared with the A/B statistics on the bars every ledger
        holds so far; recomputed each time a session records a bar (not saved).
      </p>
      <fieldset className="plain">
        <legend>Sessions</legend>
        {sessions.map((s) => (
          <label key={s.id} className="inline">
            <input
              type="checkbox"
              checked={ids.includes(s.id)}
              onChange={(e) => toggle(s.id, e.target.checked)}
            />{' '}
            {s.id} ({s.config.model_id} on {s.config.symbol}, {s.status})
          </label>
        ))}
      </fieldset>
      {ids.length < 2 && <p className="help">Tick at least two sessions.</p>}
      {ids.length >= 2 && !report && !error && <p className="help">Computing…</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="live-ab-error">
          {error}
        </p>
      )}
      {report && updatedAt && (
        <>
          <p className="help" data-testid="live-ab-updated">
            Updated {new Date(updatedAt).toLocaleTimeString()}, last common bar{' '}
            {report.common.last.slice(0, 16)} UTC.
          </p>
          <AbReportView report={report} saved={false} />
        </>
      )}
    </section>
  );
}
