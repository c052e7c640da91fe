/** Saves bytes or text as a file through a temporary object URL (works offline, no server). */
export function saveBytes(data: Uint8Array | string, name: string, type = guessType(name)): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function guessType(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}
