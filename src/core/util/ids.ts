/** Ids in the seed's style: gbc_classification_20250108_123456, backtest_20250108_123456 (UTC). */
export function timestampId(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function modelId(kind: string, task: string, ms: number): string {
  return `${kind}_${task}_${timestampId(ms)}`;
}

export function runId(ms: number): string {
  return `backtest_${timestampId(ms)}`;
}

export function updatedModelId(modelIdValue: string, ms: number): string {
  return `${modelIdValue}_updated_${timestampId(ms)}`;
}

/** Makes an id unique against existing ones by appending _2, _3, ... */
export function uniqueId(id: string, exists: (id: string) => boolean): string {
  if (!exists(id)) return id;
  for (let i = 2; ; i++) if (!exists(`${id}_${i}`)) return `${id}_${i}`;
}
