/**
 * The access token never leaves the browser: every text file of an export is scanned for a
 * Hugging Face token (`hf_` followed by 8+ letters/digits) and JSON for keys that hold
 * credentials; an export that would carry one is refused (not silently scrubbed, so the user
 * learns which record holds it). Messages never repeat the secret itself.
 */

export const TOKEN_PATTERN = /hf_[A-Za-z0-9]{8,}/;
const SECRET_KEYS =
  /^(access_?token|accessToken|hf_?token|token|auth|authorization|password|secret|api_?key|apiKey|credentials)$/i;

import { ExportRefusedError } from '../errors';

/** Problems (without the secret) for one text file; `json` is its parsed value when it is JSON. */
export function secretProblems(path: string, text: string, json?: unknown): string[] {
  const out: string[] = [];
  if (TOKEN_PATTERN.test(text))
    out.push(`${path} contains what looks like a Hugging Face access token (hf_...)`);
  if (json !== undefined) {
    for (const key of secretKeys(json)) out.push(`${path} has a credential field "${key}"`);
  }
  return out;
}

function secretKeys(v: unknown, depth = 0): string[] {
  if (depth > 64 || v === null || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap((x) => secretKeys(x, depth + 1));
  const out: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (SECRET_KEYS.test(k) && typeof x === 'string' && x.length > 0) out.push(k);
    else out.push(...secretKeys(x, depth + 1));
  }
  return out;
}

const TEXT_EXT = /\.(json|csv|txt|md)$/i;

/**
 * Throws ExportRefusedError when any text file carries a token or credential field. Takes the
 * texts as strings (the records hold them so; no second decode of megabytes of CSV); binary
 * files are not scanned (random weight bytes could match the pattern by chance).
 */
export function assertNoSecrets(texts: Record<string, string>, prefix = ''): void {
  const problems: string[] = [];
  for (const [name, text] of Object.entries(texts)) {
    if (!TEXT_EXT.test(name)) continue;
    let json: unknown;
    if (name.endsWith('.json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    problems.push(...secretProblems(prefix + name, text, json));
  }
  if (problems.length)
    throw new ExportRefusedError(
      `Export refused: ${problems.join('; ')}. Access tokens must never leave the browser; remove the field from the record (or re-create it) and export again.`,
    );
}
