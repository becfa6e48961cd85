/** Time and duration text the way Kubernetes (Go) prints it. */

export { rfc3339 } from '../time.ts';

let microSecond = NaN;
let microPrefix = '';

/** metav1.MicroTime (Lease renewTime): six fractional digits. */
export function microTime(ms: number): string {
  // Every heartbeat formats one, and many fall in the same virtual second: its "YYYY-MM-DDTHH:MM:SS." is kept.
  const t = Math.floor(ms);
  const second = Math.floor(t / 1000);
  if (second !== microSecond) {
    microPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    microSecond = second;
  }
  const frac = t - second * 1000;
  return `${microPrefix}${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}000Z`;
}

/** Go's time.Duration.String() for millisecond durations: "812ms", "3.218s", "1m20s", "5m0s". */
export { formatDuration as goDuration } from '../../duration.ts';
