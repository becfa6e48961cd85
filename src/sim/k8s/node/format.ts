/** Time and duration text the way Kubernetes (Go) prints it. */

export { rfc3339 } from '../time.ts';

/** metav1.MicroTime (Lease renewTime): six fractional digits. */
export function microTime(ms: number): string {
  // Every heartbeat formats one: slicing beats a regex replace. toISOString always ends ".mmmZ".
  return `${new Date(ms).toISOString().slice(0, -1)}000Z`;
}

/** Go's time.Duration.String() for millisecond durations: "812ms", "3.218s", "1m20s", "5m0s". */
export { formatDuration as goDuration } from '../../duration.ts';
