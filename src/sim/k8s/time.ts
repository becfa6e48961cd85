/** metav1.Time: RFC 3339 in UTC with whole seconds (one definition for every actor). */
export const rfc3339 = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Milliseconds of an RFC 3339 time, or undefined when absent or unreadable. */
export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
