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

export type Result<T> = { ok: true; value: T; warnings?: SimError[] } | { ok: false; errors: SimError[] };

export const ok = <T>(value: T, warnings?: SimError[]): Result<T> => (warnings?.length ? { ok: true, value, warnings } : { ok: true, value });
export const fail = <T = never>(...errors: SimError[]): Result<T> => ({ ok: false, errors });
