/** Moves between panels with parameters in the hash, e.g. #/backtest?model=gbc_classification_... */
export function navigate(panel: string, params: Record<string, string> = {}): void {
  const q = new URLSearchParams(params).toString();
  window.location.hash = `#/${panel}${q ? `?${q}` : ''}`;
}

/** Parameters of the current hash route (after the '?'). */
export function hashParams(): URLSearchParams {
  const h = window.location.hash;
  const i = h.indexOf('?');
  return new URLSearchParams(i >= 0 ? h.slice(i + 1) : '');
}
