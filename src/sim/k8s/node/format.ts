/** Time and duration text the way Kubernetes (Go) prints it. */

import { rfc3339 } from '../time.ts';

export { rfc3339 };

/** metav1.MicroTime (Lease renewTime): six fractional digits. */
export function microTime(ms: number): string {
  // Every heartbeat formats one: the whole second is rfc3339's text ("…:SS" before its "Z"), which it keeps for the second.
  const t = Math.floor(ms);
  const frac = t - Math.floor(t / 1000) * 1000;
  return `${rfc3339(t).slice(0, -1)}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}000Z`;
}

/** Go's time.Duration.String() for millisecond durations: "812ms", "3.218s", "1m20s", "5m0s". */
export { formatDuration as goDuration } from '../../duration.ts';
