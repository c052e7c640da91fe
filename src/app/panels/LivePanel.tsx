/**
 * Live: paper trading on the newest closed bars with a saved model and the backtest's own rules
 * (src/core/live). Several sessions at once, one per model and symbol; each survives a reload
 * and resumes from its last processed bar. Paper only: no orders, no exchange keys.
 */
import { useEffect, useState } from 'react';
import { LabError } from '../../core/errors';
import { hashParams, navigate } from '../navigation';
import { LiveAb } from './ab/LiveAb';
import { getSettings } from '../settings';
import { LiveSessionCard } from './live/LiveSessionCard';
import { liveRequest, readLiveForm } from './live/live-form';
import { LiveStartForm } from './live/LiveStartForm';
import { useLiveSessions } from './live/useLive';

export function LivePanel() {
  const { sessions, list, refresh } = useLiveSessions();
  const [promoteError, setPromoteError] = useState<string | null>(null);
  useEffect(() => {
    // Promote to live: the form holds the run's settings; start once, then drop the parameter
    if (hashParams().get('start') !== '1') return;
    navigate('live');
    try {
      sessions.start(liveRequest(readLiveForm(), getSettings().hubEndpoint));
    } catch (e) {
      if (!(e instanceof LabError)) throw e;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a one-off start from the URL
      setPromoteError(`Not started: ${e.message} Fix the form below and start it.`);
    }
    refresh();
  }, [sessions, refresh]);
  return (
    <section className="panel-body">
      <h2>Live</h2>
      <p className="notice" data-testid="live-rules">
        Paper trading only: the app never places real orders and never asks for exchange keys. Each new closed
        bar is predicted by the model, turned into a signal with the backtest&apos;s thresholds and filled on
        paper at the next bar&apos;s open with the same fees and slippage.{' '}
        <strong>The tab must stay open</strong>: sessions run in this page; after a reload or sleep they catch
        up the missed bars before deciding anything new.
      </p>
      {promoteError && (
        <p role="alert" className="error">
          {promoteError}
        </p>
      )}
      <LiveStartForm
        onStart={(req) => {
          sessions.start(req);
          refresh();
        }}
      />
      {list === null && <p className="help">Loading sessions…</p>}
      {list?.length === 0 && <p className="help">No live session yet.</p>}
      {list?.map((item) => (
        <LiveSessionCard
          key={item.id}
          item={item}
          sessions={sessions}
          failure={sessions.failures.get(item.id)}
        />
      ))}
      {list && <LiveAb sessions={list} />}
    </section>
  );
}
