/**
 * kubectl's durations (k8s.io/apimachinery/pkg/util/duration) and the AGE
 * column. Durations are in milliseconds; Go works in nanoseconds but truncates
 * the same way.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** ShortHumanDuration: one unit only (`5s`, `3m`, `7h`, `2d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / S);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / M);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / H);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * HumanDuration: two units while the second one still says something
 * (`90s`, `3m12s`, `2h5m`, `3d4h`, `2y45d`), one unit after that.
 */
export function humanDuration(ms: number): string {
  // Go rounds to the nearest second only for the seconds test.
  const rounded = Math.round(ms / S);
  if (rounded < -1) return '<invalid>';
  if (rounded < 0) return '0s';
  if (rounded < 60 * 2) return `${rounded}s`;
  const minutes = Math.trunc(ms / M);
  if (minutes < 10) {
    const s = Math.trunc(ms / S) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / H);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The last time parsed: a table's rows mostly share their neighbour's second (pods made in one burst). */
let lastText = '';
let lastMs: number | undefined;

/** RFC 3339 to ms; undefined for a missing or unparsable time (Go's zero time). */
export function parseTime(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  if (ts === lastText) return lastMs;
  const t = Date.parse(ts);
  lastText = ts;
  lastMs = Number.isNaN(t) ? undefined : t;
  return lastMs;
}

/** translateTimestampSince: the AGE column; `<unknown>` for a zero time. */
export function translateTimestampSince(ts: string | undefined | null, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z layout, as describe prints times. The simulator's clock
 * is UTC, so the zone is always +0000. Go's zero time for a missing value.
 */
export function rfc1123z(ts: string | undefined | null): string {
  const t = parseTime(ts);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
