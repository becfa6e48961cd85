/**
 * API errors as kubectl prints them on stderr (cmdutil.CheckErr): `Error from
 * server (Reason): message`, the Invalid layout with `* cause` lines, the
 * connection-refused sentence, and a bare `Error from server:` when the
 * server gave no reason (etcd failures).
 */
export interface StatusCauseLike {
  field?: string;
  message: string;
  reason?: string;
}

/** metav1.Status as kubectl receives it; `code` may also carry the reason, as the simulator's ApiError does. */
export interface StatusLike {
  reason?: string;
  code?: number | string;
  httpCode?: number;
  message: string;
  details?: { name?: string; kind?: string; group?: string; causes?: StatusCauseLike[] };
}

export interface ErrorContext {
  /** `creating`, `deleting`, `applying`: how AddSourceToErr words the operation. */
  verb?: string;
  /** The -f source the object came from. */
  filename?: string;
}

function reasonOf(e: StatusLike): string {
  const r = e.reason ?? (typeof e.code === 'string' ? e.code : '');
  // The simulator marks "no reason" (etcd errors) as Unknown; the real Status has an empty reason.
  return r === 'Unknown' ? '' : r;
}

/** The full stderr text, ending in a newline. */
export function formatApiError(e: StatusLike, ctx: ErrorContext = {}): string {
  const reason = reasonOf(e);
  if (reason === 'ConnectionRefused') return `${e.message}\n`;
  if (reason === 'Invalid') {
    const d = e.details;
    if (!d) return 'The request is invalid\n';
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const seen = new Set<string>();
    const msgs: string[] = [];
    for (const c of d.causes ?? []) {
      const m = `${c.field ?? ''}: ${c.message}`;
      if (!seen.has(m)) {
        seen.add(m);
        msgs.push(m);
      }
    }
    if (msgs.length === 0) return `${head}\n`;
    if (msgs.length === 1) return `${head}: ${msgs[0]}\n`;
    return `${head}: \n${msgs.map((m) => `* ${m}\n`).join('')}`;
  }
  const message = ctx.filename ? `error when ${ctx.verb ?? 'creating'} "${ctx.filename}": ${e.message}` : e.message;
  if (reason === 'Unauthorized') return `error: You must be logged in to the server (${e.message})\n`;
  return reason ? `Error from server (${reason}): ${message}\n` : `Error from server: ${message}\n`;
}

/** `error: the server doesn't have a resource type "podz"` */
export const unknownResourceType = (word: string): string => `error: the server doesn't have a resource type "${word}"\n`;

/** Any client-side error: kubectl prefixes `error: ` unless the text already has it. */
export function formatClientError(msg: string): string {
  const m = msg.startsWith('error: ') ? msg : `error: ${msg}`;
  return m.endsWith('\n') ? m : `${m}\n`;
}
