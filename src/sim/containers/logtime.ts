/** The timestamp formats real servers put in their logs, from virtual time. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

/** RFC 3339 with nanoseconds, as `docker logs -t` prints it. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}000000Z`);
}

/** 2026/01/15 09:00:01 (nginx error log). */
export function nginxTime(ms: number): string {
  const t = parts(ms);
  return `${t.y}/${p2(t.mo + 1)}/${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`;
}

/** 2026-01-15 09:00:01.234 UTC (postgres log_line_prefix). */
export function pgTime(ms: number): string {
  const t = parts(ms);
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)} UTC`;
}

/** 15 Jan 2026 09:00:01.234 (redis). */
export function redisTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}`;
}

/** Thu Jan 15 09:00:01.234567 2026 (apache httpd). */
export function httpdTime(ms: number): string {
  const t = parts(ms);
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${p3(t.ms)}000 ${t.y}`;
}

/** 2026-01-15T09:00:01.234567Z (mysql). */
export function mysqlTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}000Z`);
}

/** 2026-01-15T09:00:01.234+00:00 (mongo's structured log). */
export function mongoTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** 15/Jan/2026:09:00:01 +0000 (common log format, access logs). */
export function clfTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.d)}/${MONTHS[t.mo]}/${t.y}:${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} +0000`;
}

/** Thu Jan 15 09:00:01 UTC 2026 (`date` in the C locale, UTC). */
export function dateTime(ms: number): string {
  const t = parts(ms);
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} UTC ${t.y}`;
}

/** 2026-01-15T09:00:01Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}
