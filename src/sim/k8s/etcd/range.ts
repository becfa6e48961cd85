/**
 * Key ranges as etcd defines them: one key, or [start, end) in byte order,
 * where a prefix is [prefix, prefix with its last byte incremented).
 * JavaScript string order equals byte order for the ASCII keys Kubernetes uses.
 */
export interface KeyRange {
  start: string;
  /** undefined: exactly `start`; null: every key from `start` on. */
  end?: string | null;
}

/** The first key after every key that starts with prefix; null when there is none ("" or all 0xff). */
export function prefixEnd(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return null;
}

export function keyRange(key: string, opts: { prefix?: boolean; rangeEnd?: string } = {}): KeyRange {
  if (opts.prefix) return { start: key, end: prefixEnd(key) };
  // etcd reads a range end of "\0" as "to the end of the keyspace".
  if (opts.rangeEnd !== undefined) return { start: key, end: opts.rangeEnd === '\0' ? null : opts.rangeEnd };
  return { start: key };
}

export function inRange(r: KeyRange, key: string): boolean {
  if (r.end === undefined) return key === r.start;
  return key >= r.start && (r.end === null || key < r.end);
}

/** True when the two ranges share a key (for etcd's "duplicate key given in txn request" check). */
export function overlaps(a: KeyRange, b: KeyRange): boolean {
  const endA = a.end === undefined ? a.start + '\0' : a.end;
  const endB = b.end === undefined ? b.start + '\0' : b.end;
  return (endB === null || a.start < endB) && (endA === null || b.start < endA);
}
