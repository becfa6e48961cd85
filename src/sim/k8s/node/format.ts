/** Time and duration text the way Kubernetes (Go) prints it. */

export { rfc3339 } from '../time.ts';

/** metav1.MicroTime (Lease renewTime): six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Go's time.Duration.String() for millisecond durations: "812ms", "3.218s", "1m20s", "5m0s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}
