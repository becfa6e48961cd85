/**
 * Cron schedules as the CronJob controller reads them (robfig/cron v3's
 * ParseStandard): five fields (minute hour day-of-month month day-of-week)
 * with `*`, `?`, lists, ranges, steps and JAN-DEC / SUN-SAT names, or a
 * descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight,
 * @hourly, @every <duration>). Times are evaluated in an IANA time zone
 * through Intl (UTC by default, as kube-controller-manager runs on kind).
 */
type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

interface Field {
  bits: Set<number>;
  star: boolean;
}

export interface CronSchedule {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
  /** @every: a fixed interval in ms instead of fields. */
  everyMs?: number;
}

const BOUNDS: [number, number, Record<string, number>?][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseNumber(s: string, names: Record<string, number> | undefined): number | string {
  const n = names?.[s.toLowerCase()];
  if (n !== undefined) return n;
  if (!/^\d+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`;
  return Number(s);
}

function parseField(text: string, [min, max, names]: [number, number, Record<string, number>?]): Field | string {
  const bits = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) return `too many slashes: ${part}`;
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
      if (stepText === undefined) star = true;
    } else {
      const [a, b, more] = range!.split('-');
      if (more !== undefined) return `too many hyphens: ${range}`;
      const x = parseNumber(a!, names);
      if (typeof x === 'string') return x;
      lo = x;
      if (b === undefined) hi = stepText === undefined ? x : max;
      else {
        const y = parseNumber(b, names);
        if (typeof y === 'string') return y;
        hi = y;
      }
    }
    let step = 1;
    if (stepText !== undefined) {
      const s = parseNumber(stepText, undefined);
      if (typeof s === 'string') return s;
      if (s === 0) return `step of range should be a positive number: ${part}`;
      step = s;
    }
    if (lo < min) return `beginning of range (${lo}) below minimum (${min}): ${part}`;
    if (hi > max) return `end of range (${hi}) above maximum (${max}): ${part}`;
    if (lo > hi) return `beginning of range (${lo}) beyond end of range (${hi}): ${part}`;
    for (let v = lo; v <= hi; v += step) bits.add(v);
  }
  return { bits, star };
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    end = re.lastIndex;
  }
  return end === s.length && s.length > 0 ? total : undefined;
}

/** cron.ParseStandard; the error text is robfig's, which the API server puts after `spec.schedule: Invalid value: "...": `. */
export function parseSchedule(spec: string): Result<CronSchedule, string> {
  const text = spec.trim();
  if (text.length === 0) return { ok: false, error: 'empty spec string' };
  if (/^(CRON_)?TZ=/.test(text)) return { ok: false, error: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' };
  if (text.startsWith('@every ')) {
    const ms = parseGoDuration(text.slice(7).trim());
    if (ms === undefined) return { ok: false, error: `failed to parse duration ${text}: time: invalid duration "${text.slice(7).trim()}"` };
    const all = { bits: new Set<number>(), star: true };
    return { ok: true, value: { minute: all, hour: all, dom: all, month: all, dow: all, everyMs: Math.max(1000, Math.floor(ms / 1000) * 1000) } };
  }
  const expanded = text.startsWith('@') ? DESCRIPTORS[text.toLowerCase()] : text;
  if (!expanded) return { ok: false, error: `unrecognized descriptor: ${text}` };
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const parsed: Field[] = [];
  for (let i = 0; i < 5; i++) {
    const f = parseField(fields[i]!, BOUNDS[i]!);
    if (typeof f === 'string') return { ok: false, error: f };
    parsed.push(f);
  }
  const [minute, hour, dom, month, dow] = parsed as [Field, Field, Field, Field, Field];
  return { ok: true, value: { minute, hour, dom, month, dow } };
}

/** Whether an IANA zone name is known (time.LoadLocation). */
export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at instant t, in ms. */
function offsetAt(t: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  let f = formatters.get(tz);
  if (!f) formatters.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return wall - Math.floor(t / 1000) * 1000;
}

function matches(s: CronSchedule, wall: Date): boolean {
  if (!s.minute.bits.has(wall.getUTCMinutes()) || !s.hour.bits.has(wall.getUTCHours()) || !s.month.bits.has(wall.getUTCMonth() + 1)) return false;
  const domOk = s.dom.bits.has(wall.getUTCDate());
  const dowOk = s.dow.bits.has(wall.getUTCDay());
  // robfig: a restricted day-of-month and day-of-week match either; with a star in one, both must.
  return s.dom.star || s.dow.star ? domOk && dowOk : domOk || dowOk;
}

/** The first activation strictly after t (ms since the epoch), or undefined within five years. */
export function nextAfter(s: CronSchedule, t: number, tz = 'UTC'): number | undefined {
  if (s.everyMs) return (Math.floor(t / 1000) * 1000) + s.everyMs;
  const off = offsetAt(t, tz);
  // Walk wall-clock minutes, skipping whole days and hours that cannot match.
  let wall = Math.floor((t + off) / 60_000) * 60_000 + 60_000;
  const limit = wall + 5 * 366 * 86_400_000;
  while (wall < limit) {
    const d = new Date(wall);
    if (!s.month.bits.has(d.getUTCMonth() + 1) || !(s.dom.star || s.dow.star ? s.dom.bits.has(d.getUTCDate()) && s.dow.bits.has(d.getUTCDay()) : s.dom.bits.has(d.getUTCDate()) || s.dow.bits.has(d.getUTCDay()))) {
      wall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.bits.has(d.getUTCHours())) {
      wall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (matches(s, d)) {
      const utc = wall - offsetAt(wall - off, tz);
      if (utc > t) return utc;
    }
    wall += 60_000;
  }
  return undefined;
}
