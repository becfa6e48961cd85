/**
 * One error type for the whole simulator, shaped like eemeli/yaml's errors:
 * a value with a code, a message and (where it applies) a position. Errors are
 * collected and returned, not thrown, so the terminal and the editor can show
 * every problem at once.
 */
export interface SimPosition {
  /** 1-based line */
  line: number;
  /** 1-based column */
  col: number;
}

export interface SimError {
  code: string;
  message: string;
  file?: string;
  pos?: SimPosition;
  /** Non-fatal notes (e.g. an obsolete attribute) use "warning". */
  severity?: 'error' | 'warning';
}

export function simError(code: string, message: string, extra: Partial<SimError> = {}): SimError {
  return { code, message, ...extra };
}

/** "file:line:col: message" when a position is known, like compilers print it. */
export function formatSimError(e: SimError): string {
  const where = e.file ? (e.pos ? `${e.file}:${e.pos.line}:${e.pos.col}: ` : `${e.file}: `) : '';
  return `${where}${e.message}`;
}

/**
 * The one result type of the simulator: a value (with any warnings) or at
 * least one error. E narrows the error, e.g. the API server's ApiError
 * (ApiResult<T> = Result<T, ApiError>), which every API client, kubectl and
 * the actors' narrow clients alike, receives unchanged.
 */
export type Result<T, E extends SimError = SimError> = { ok: true; value: T; warnings?: SimError[] } | { ok: false; errors: [E, ...E[]] };

export const ok = <T>(value: T, warnings?: SimError[]): Result<T, never> => (warnings?.length ? { ok: true, value, warnings } : { ok: true, value });
export const fail = <T = never, E extends SimError = SimError>(first: E, ...rest: E[]): Result<T, E> => ({ ok: false, errors: [first, ...rest] });
