/** Time and duration text the way Kubernetes (Go) prints it. */

export { rfc3339 } from '../time.ts';

/** metav1.MicroTime (Lease renewTime): six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Go's time.Duration.String() for millisecond durations: "812ms", "3.218s", "1m20s", "5m0s". */
export { formatDuration as goDuration } from '../../duration.ts';
