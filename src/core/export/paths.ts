/**
 * Names inside a bundle. The only layout accepted is
 *   manifest.json | models/<id>/<file> | artifacts/<id>/<file>
 * with <id> and <file> made of letters, digits, '.', '_' and '-' and not starting with '.'.
 * Anything else (.., absolute paths, backslashes, drive letters, control characters, hidden
 * files, deeper folders) is refused with a message naming the problem, before it is unpacked.
 */

export const MANIFEST_PATH = 'manifest.json';
export const MAX_NAME_LENGTH = 200;

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isSafeSegment(s: string): boolean {
  return s.length > 0 && s.length <= MAX_NAME_LENGTH && SAFE_SEGMENT.test(s);
}

/** For printing a hostile name in a message: control characters escaped, length capped. */
export function showName(name: string): string {
  const s = JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}...` : name);
  return s;
}

/** null when the entry name is acceptable, otherwise why not. */
export function pathProblem(name: string): string | null {
  const n = showName(name);
  if (name.length === 0) return 'an entry has an empty name';
  if (name.length > 2 * MAX_NAME_LENGTH + 20) return `${n}: name too long`;
  if (name.includes('\\')) return `${n}: backslash in the name (not a portable path)`;
  if (/^[A-Za-z]:/.test(name)) return `${n}: absolute path with a drive letter`;
  if (name.startsWith('/')) return `${n}: absolute path`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `${n}: control character in the name`;
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return `${n}: path traversal ("..")`;
  if (parts.some((p) => p === '.' || p === '')) return `${n}: empty or "." path segment`;
  if (name === MANIFEST_PATH) return null;
  if (parts.length !== 3 || (parts[0] !== 'models' && parts[0] !== 'artifacts'))
    return `${n}: not where a bundle keeps files (manifest.json, models/<id>/<file> or artifacts/<id>/<file>)`;
  if (!isSafeSegment(parts[1])) return `${n}: the id "${parts[1]}" has characters a bundle does not allow`;
  if (!isSafeSegment(parts[2]))
    return `${n}: the file name "${parts[2]}" has characters a bundle does not allow`;
  return null;
}

/** Splits a checked item path into its folder ('models' | 'artifacts'), id and file name. */
export function splitItemPath(
  path: string,
): { folder: 'models' | 'artifacts'; id: string; file: string } | null {
  const parts = path.split('/');
  if (parts.length !== 3 || (parts[0] !== 'models' && parts[0] !== 'artifacts')) return null;
  return { folder: parts[0], id: parts[1], file: parts[2] };
}

/** A folder entry some zip tools add ("models/", "models/<id>/"): harmless, skipped. */
export function isDirectoryEntry(name: string): boolean {
  const parts = name.split('/');
  if (parts.pop() !== '' || parts.length < 1 || parts.length > 2) return false;
  return (
    (parts[0] === 'models' || parts[0] === 'artifacts') && (parts.length === 1 || isSafeSegment(parts[1]))
  );
}
