/**
 * Every error the app raises on purpose, in one module. Each class has a `category` (what kind
 * of failure it is, which decides how the UI shows it) and a `code` (which failure exactly), and
 * all of them extend `LabError`, so a caller can tell a handled failure from a fault with one
 * `instanceof`. Messages say what happened and what to do; they never contain access tokens.
 *
 * Categories:
 * - input: the user's request is wrong (a window, a threshold); `field` names the form field.
 * - data: the dataset cannot be used as it is (a missing column, bad timestamps).
 * - hub: the Hugging Face Hub (or a mirror) refused or failed a request.
 * - storage: the browser's storage failed (quota) or holds no such record.
 * - cancelled: the user cancelled; not a failure to report.
 * - refused: an import or export refused on purpose (a tampered bundle, a token in a file).
 * - internal: a fault in the app itself; the message says what to report.
 *
 * Errors cross the worker boundary as `ErrorPayload` (comlink only keeps message and name of a
 * plain Error): `toErrorPayload` on the worker side, `fromErrorPayload` on the client side.
 */

export type ErrorCategory = 'input' | 'data' | 'hub' | 'storage' | 'cancelled' | 'refused' | 'internal';

export interface ErrorPayload {
  name: string;
  message: string;
  category: ErrorCategory;
  code: string;
  field?: string;
  status?: number;
  stack?: string;
}

export abstract class LabError extends Error {
  abstract readonly category: ErrorCategory;
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A request field the user can fix: shown beside `field` in the form. */
export class InputError extends LabError {
  override readonly name = 'InputError';
  readonly category = 'input' as const;
  /** the request field (snake_case, as in the request type), e.g. 'train_window' */
  readonly field: string | undefined;
  constructor(field: string | undefined, message: string, code = 'invalid-field') {
    super(code, message);
    this.field = field;
  }
}

export type DataErrorCode =
  | 'missing-column'
  | 'no-rows'
  | 'unknown-symbol'
  | 'bad-parquet'
  | 'bad-csv'
  | 'bad-jsonl'
  | 'unsupported-format'
  | 'bad-timeframe'
  | 'finer-timeframe'
  | 'bad-timestamps'
  | 'not-loaded'
  | 'too-few-rows'
  | 'mixed-timeframes'
  | 'bad-model';

export class DataError extends LabError {
  override readonly name = 'DataError';
  readonly category = 'data' as const;
  declare readonly code: DataErrorCode;
  constructor(code: DataErrorCode, message: string) {
    super(code, message);
  }
}

export type HubErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'no-usable-files'
  | 'http'
  | 'network'
  | 'html-body'
  | 'empty-file'
  | 'truncated'
  | 'stalled'
  | 'checksum'
  | 'confirm-token';

export class HubError extends LabError {
  override readonly name = 'HubError';
  readonly category = 'hub' as const;
  readonly kind: HubErrorKind;
  readonly status?: number;
  readonly dataset: string;
  constructor(kind: HubErrorKind, dataset: string, message: string, status?: number) {
    super(kind, message);
    this.kind = kind;
    this.dataset = dataset;
    this.status = status;
  }
}

/** A body download that did not complete: worth retrying. */
export class TransferError extends LabError {
  override readonly name = 'TransferError';
  readonly category = 'hub' as const;
  readonly retryable = true;
  readonly status?: number;
  constructor(message: string, status?: number, code = 'transfer') {
    super(code, message);
    this.status = status;
  }
}

export class StorageError extends LabError {
  override readonly name: string = 'StorageError';
  readonly category = 'storage' as const;
  constructor(code: 'not-found' | 'exists' | 'quota' | 'failed', message: string, cause?: unknown) {
    super(code, message, { cause });
  }
}

export class StorageFullError extends StorageError {
  override readonly name = 'StorageFullError';
  constructor(what: string, cause: unknown) {
    super(
      'quota',
      `Storage is full: ${what} failed because the browser's storage quota for this site is used up. ` +
        'Nothing was changed. Delete cached datasets or old runs in Settings/Artifacts (or old models), then try again.',
      cause,
    );
  }
}

export class CancelledError extends LabError {
  override readonly name = 'CancelledError';
  readonly category = 'cancelled' as const;
  constructor(message = 'Cancelled by the user') {
    super('cancelled', message);
  }
}

/** An import or export refused on purpose (tampered or oversized bundle, a secret in a file). */
export class RefusedError extends LabError {
  override readonly name: string = 'RefusedError';
  readonly category = 'refused' as const;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** An export that would carry an access token. */
export class ExportRefusedError extends RefusedError {
  override readonly name = 'ExportRefusedError';
  constructor(message: string) {
    super('secret-in-export', message);
  }
}

/** A broken invariant inside the app: a bug, not the user's doing. */
export class InternalError extends LabError {
  override readonly name = 'InternalError';
  readonly category = 'internal' as const;
  constructor(message: string, code = 'internal') {
    super(code, message);
  }
}

const CATEGORIES = new Set<ErrorCategory>([
  'input',
  'data',
  'hub',
  'storage',
  'cancelled',
  'refused',
  'internal',
]);

/** Anything thrown, as a structured-cloneable payload (unknown errors are 'internal'). */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof LabError) {
    return {
      name: e.name,
      message: e.message,
      category: e.category,
      code: e.code,
      ...(e instanceof InputError && e.field ? { field: e.field } : {}),
      ...((e as { status?: number }).status !== undefined
        ? { status: (e as { status?: number }).status }
        : {}),
      stack: e.stack,
    };
  }
  if (e instanceof Error && e.name === 'AbortError') {
    return {
      name: 'CancelledError',
      message: 'Cancelled by the user',
      category: 'cancelled',
      code: 'cancelled',
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    name: e instanceof Error ? e.name : 'Error',
    message,
    category: 'internal',
    code: 'unexpected',
    stack: e instanceof Error ? e.stack : undefined,
  };
}

/** The payload as an Error again, of the class its category names (so instanceof works on the client). */
export function fromErrorPayload(p: ErrorPayload): LabError {
  const category = CATEGORIES.has(p.category) ? p.category : 'internal';
  let e: LabError;
  switch (category) {
    case 'input':
      e = new InputError(p.field, p.message, p.code);
      break;
    case 'data':
      e = new DataError(p.code as DataErrorCode, p.message);
      break;
    case 'hub':
      e = new HubError(p.code as HubErrorKind, '', p.message, p.status);
      break;
    case 'storage':
      e = new StorageError(p.code as 'failed', p.message);
      break;
    case 'cancelled':
      e = new CancelledError(p.message);
      break;
    case 'refused':
      e = new RefusedError(p.code, p.message);
      break;
    default:
      e = new InternalError(p.message, p.code);
  }
  if (p.stack) e.stack = p.stack;
  return e;
}

/** True for a failure the user can act on (not a fault of the app). */
export function isUserFacing(e: unknown): boolean {
  return e instanceof LabError && e.category !== 'internal';
}
