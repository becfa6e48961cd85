/**
 * Go's time.ParseDuration and Duration.String (src/time/format.go,
 * src/time/time.go), the one duration syntax of the simulator: compose
 * (healthcheck intervals, stop_grace_period), kubectl (--timeout), etcdctl
 * flags, kubelet and etcd messages. Durations are milliseconds here (the
 * virtual clock's unit); fractions carry micro- and nanoseconds.
 */
import { fail, ok, simError, type Result } from './errors.ts';

/** Nanoseconds per unit; µ is U+00B5 (micro sign), μ U+03BC (Greek mu): Go accepts both. */
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

const quote = (s: string) => JSON.stringify(s);

/**
 * time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a lone `0`.
 * Errors carry Go's text: `time: invalid duration "x"`,
 * `time: missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`.
 */
export function parseDuration(text: string): Result<number> {
  const bad = (message: string) => fail<number>(simError('InvalidDuration', message));
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return ok(0);
  if (s === '') return bad(`time: invalid duration ${quote(text)}`);
  let totalNs = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, pre = '', post] = num;
    if (!pre && !post) return bad(`time: invalid duration ${quote(text)}`);
    s = s.slice(whole.length);
    const unitLen = /^[^0-9.]*/.exec(s)![0].length;
    if (unitLen === 0) return bad(`time: missing unit in duration ${quote(text)}`);
    const unit = s.slice(0, unitLen);
    s = s.slice(unitLen);
    const scale = UNIT_NS[unit];
    if (scale === undefined) return bad(`time: unknown unit ${quote(unit)} in duration ${quote(text)}`);
    totalNs += Number(pre || '0') * scale + (post ? Number(`0.${post}`) * scale : 0);
  }
  // Go keeps whole nanoseconds.
  const ns = Math.trunc(totalNs);
  return ok((neg ? -ns : ns) / 1e6);
}

/** parseDuration's value, or undefined when the text is not a Go duration. */
export function durationMs(text: string): number | undefined {
  const r = parseDuration(text);
  return r.ok ? r.value : undefined;
}

/** fmtFrac: v/10^prec with the trailing zeros (and a bare point) dropped. */
function frac(v: number, prec: number): { text: string; rest: number } {
  const p = 10 ** prec;
  let digits = String(v % p).padStart(prec, '0').replace(/0+$/, '');
  digits = digits ? `.${digits}` : '';
  return { text: digits, rest: Math.floor(v / p) };
}

/** Duration.String for a whole number of nanoseconds: `72h3m0.5s`, `1.5ms`, `812µs`, `0s`. */
export function formatDurationNs(nsIn: number): string {
  const neg = nsIn < 0;
  const u = Math.abs(Math.round(nsIn));
  let out: string;
  if (u < 1e9) {
    if (u === 0) return '0s';
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) {
      const f = frac(u, 3);
      out = `${f.rest}${f.text}µs`;
    } else {
      const f = frac(u, 6);
      out = `${f.rest}${f.text}ms`;
    }
  } else {
    const f = frac(u, 9);
    let secs = f.rest;
    out = `${secs % 60}${f.text}s`;
    secs = Math.floor(secs / 60);
    if (secs > 0) {
      out = `${secs % 60}m${out}`;
      const hours = Math.floor(secs / 60);
      if (hours > 0) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** Duration.String for milliseconds (fractions are micro- and nanoseconds). */
export function formatDuration(ms: number): string {
  return formatDurationNs(Math.round(ms * 1e6));
}
