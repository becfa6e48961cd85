import type { Result, SimError } from '../../errors.ts';

/**
 * API errors shaped like metav1.Status, so kubectl can print them the way the
 * real one does. ApiError is a SimError (code = reason), so an ApiResult is a
 * Result from src/sim/errors.ts.
 */
export type StatusReason =
  | 'AlreadyExists'
  | 'NotFound'
  | 'Invalid'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'Gone'
  | 'Expired'
  | 'MethodNotAllowed'
  | 'ServiceUnavailable'
  | 'InternalError'
  | 'Timeout'
  | 'ConnectionRefused'
  /** No reason given: how an etcd failure reaches the client. */
  | 'Unknown';

export interface StatusCause {
  /** e.g. FieldValueInvalid, FieldValueRequired, FieldValueDuplicate, FieldValueForbidden, FieldValueNotSupported */
  reason: string;
  /** The error body without the field, e.g. `Required value`. */
  message: string;
  field: string;
}

export interface ApiError extends SimError {
  code: StatusReason;
  /** HTTP status code; 0 when no server answered. */
  httpCode: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
}

export type ApiResult<T> = Result<T, ApiError>;

export const apiOk = <T>(value: T, warnings?: SimError[]): ApiResult<T> => (warnings?.length ? { ok: true, value, warnings } : { ok: true, value });
export const apiFail = <T = never>(e: ApiError): ApiResult<T> => ({ ok: false, errors: [e] });

function err(code: StatusReason, httpCode: number, message: string, details?: ApiError['details']): ApiError {
  return details ? { code, httpCode, message, details } : { code, httpCode, message };
}

/** `pods "web" not found` */
export const notFound = (resource: string, name: string, group = ''): ApiError =>
  err('NotFound', 404, `${qualified(resource, group)} "${name}" not found`, { name, kind: resource, ...(group ? { group } : {}) });

export const alreadyExists = (resource: string, name: string, group = ''): ApiError =>
  err('AlreadyExists', 409, `${qualified(resource, group)} "${name}" already exists`, { name, kind: resource, ...(group ? { group } : {}) });

/** Optimistic-concurrency failure, worded as the registry does. */
export const conflictModified = (resource: string, name: string, group = ''): ApiError =>
  conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again', group);

export const conflict = (resource: string, name: string, why: string, group = ''): ApiError =>
  err('Conflict', 409, `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, { name, kind: resource, ...(group ? { group } : {}) });

export const badRequest = (message: string): ApiError => err('BadRequest', 400, message);
export const forbidden = (message: string): ApiError => err('Forbidden', 403, message);
export const methodNotAllowed = (message: string): ApiError => err('MethodNotAllowed', 405, message);
export const internalError = (message: string): ApiError => err('InternalError', 500, message);
export const serviceUnavailable = (message: string): ApiError => err('ServiceUnavailable', 503, message);
export const timeout = (message: string): ApiError => err('Timeout', 504, message);
/** etcd's own error text passed through, e.g. `etcdserver: request timed out`. */
export const storageError = (message: string): ApiError => err('Unknown', 500, message);
export const gone = (message: string): ApiError => err('Expired', 410, message);

/** What a client sees when nothing listens on the API port. */
export const connectionRefused = (): ApiError =>
  err('ConnectionRefused', 0, 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');

/** The apiserver's own text for an Invalid status: one cause inline, several in brackets. */
export function invalid(kind: string, name: string, causes: StatusCause[], group = ''): ApiError {
  const body = causes.map((c) => `${c.field}: ${c.message}`);
  const what = body.length === 1 ? body[0]! : `[${body.join(', ')}]`;
  const gk = group ? `${kind}.${group}` : kind;
  return err('Invalid', 422, `${gk} "${name}" is invalid: ${what}`, { name, kind, ...(group ? { group } : {}), causes });
}

function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/**
 * The text kubectl prints for an error, with its own prefixes:
 * Invalid gets `The Pod "x" is invalid: ` and one `* cause` line per cause;
 * other server errors get `Error from server (Reason): ` and, for a file,
 * `error when creating "pod.yaml": `. No trailing newline.
 */
export function kubectlMessage(e: ApiError, ctx: { verb?: string; file?: string } = {}): string {
  if (e.code === 'ConnectionRefused') return e.message;
  if (e.code === 'Invalid' && e.details?.causes?.length) {
    // kubectl names the bare kind; the server's own message says `Deployment.apps`.
    const prefix = `The ${e.details.kind} "${e.details.name}" is invalid: `;
    const lines = e.details.causes.map((c) => `${c.field}: ${c.message}`);
    return lines.length === 1 ? prefix + lines[0] : `${prefix}\n${lines.map((l) => `* ${l}`).join('\n')}`;
  }
  const where = ctx.file && ctx.verb ? `error when ${ctx.verb} "${ctx.file}": ` : '';
  // Errors without a reason (etcd failures) print as plain "Error from server: ...".
  const reason = e.code === 'Unknown' ? '' : ` (${e.code})`;
  return `Error from server${reason}: ${where}${e.message}`;
}
