/** RFC 3339 without fractional seconds, as Kubernetes writes timestamps. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const parseTime = (s: string | undefined): number | undefined => (s ? Date.parse(s) : undefined);
