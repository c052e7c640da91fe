/**
 * A local file's bytes in chunks, never all at once: a Blob (a File picked in the browser, or
 * `fs.openAsBlob` in Node) is read slice by slice; bytes already in memory are cut into views.
 */
export type ByteSource = Blob | Uint8Array;

/** 4 MiB: few enough reads for a large file, small enough to keep memory flat */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export function byteSize(source: ByteSource): number {
  return source instanceof Uint8Array ? source.byteLength : source.size;
}

/** The first `n` bytes (or fewer), for sniffing the format. */
export async function headBytes(source: ByteSource, n: number): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source.subarray(0, n);
  return new Uint8Array(await source.slice(0, n).arrayBuffer());
}

/** The bytes in order, `chunkBytes` at a time (the last chunk may be shorter). */
export async function* byteChunks(
  source: ByteSource,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  const size = byteSize(source);
  for (let at = 0; at < size; at += chunkBytes) {
    const end = Math.min(size, at + chunkBytes);
    if (source instanceof Uint8Array) yield source.subarray(at, end);
    else yield new Uint8Array(await source.slice(at, end).arrayBuffer());
  }
}
