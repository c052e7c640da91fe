/**
 * The app shell: header with the compute badge, a tab navigation between panels
 * (WAI-ARIA tabs: arrow keys, Home/End), the active panel. The active panel is kept
 * in the URL hash so reloads and links land on it.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ComputeBadge } from './components/ComputeBadge';
import { ErrorBoundary } from './components/ErrorBoundary';
import { AppStatus } from './components/AppStatus';
import { PANELS } from './panels/registry';
import { useResumeLiveSessions } from './panels/live/useResumeLive';

function panelFromHash(): string {
  const id = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return PANELS.some((p) => p.id === id) ? id : PANELS[0].id;
}

export function App() {
  const [active, setActive] = useState(panelFromHash);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  useResumeLiveSessions(); // live sessions a reload stopped run again whatever panel is open

  useEffect(() => {
    const onHash = () => setActive(panelFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const select = useCallback((id: string, focus = false) => {
    setActive(id);
    if (window.location.hash !== `#/${id}`)
      window.history.replaceState(null, '', `#/${id}${window.location.search}`);
    if (focus) tabs.current[PANELS.findIndex((p) => p.id === id)]?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = PANELS.findIndex((p) => p.id === active);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (i + 1) % PANELS.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (i - 1 + PANELS.length) % PANELS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? PANELS.length - 1
              : -1;
    if (next >= 0) {
      e.preventDefault();
      select(PANELS[next].id, true);
    }
  };

  const panel = PANELS.find((p) => p.id === active) ?? PANELS[0];
  return (
    <div className="shell">
      <header className="top">
        <h1 className="brand">
          <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width={28} height={28} /> Candle Lab
        </h1>
        <div className="status">
          <ComputeBadge />
        </div>
      </header>
      <AppStatus />
      <nav aria-label="Panels">
        <div
          role="tablist"
          aria-label="Panels"
          aria-orientation="horizontal"
          className="tabs"
          onKeyDown={onKeyDown}
        >
          {PANELS.map((p, i) => (
            <button
              key={p.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              role="tab"
              id={`tab-${p.id}`}
              aria-selected={p.id === active}
              aria-controls={`panel-${p.id}`}
              tabIndex={p.id === active ? 0 : -1}
              onClick={() => select(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
      </nav>
      <main role="tabpanel" id={`panel-${panel.id}`} aria-labelledby={`tab-${panel.id}`} tabIndex={0}>
        <ErrorBoundary key={panel.id} name={panel.label}>
          {panel.render()}
        </ErrorBoundary>
      </main>
    </div>
  );
}
