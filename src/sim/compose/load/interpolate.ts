import { simError, type SimError } from '../../errors.ts';
import type { Path } from './yaml.ts';

/**
 * Compose's variable substitution: $VAR, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:?err}, ${VAR?err}, ${VAR:+alt}, ${VAR+alt} and $$.
 * Defaults and alternatives may themselves contain substitutions.
 */
export interface InterpolationContext {
  vars: Record<string, string>;
  /** Names already warned about, so each unset variable warns once per load. */
  warned: Set<string>;
  warnings: SimError[];
}

export type Interpolated = { ok: true; value: string } | { ok: false; error: string; code: string };

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

export function interpolateString(input: string, ctx: InterpolationContext): Interpolated {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(input, i + 2);
      if (end < 0) return invalid(input);
      const r = braced(input.slice(i + 2, end), ctx, input);
      if (!r.ok) return r;
      out += r.value;
      i = end + 1;
      continue;
    }
    const m = NAME.exec(input.slice(i + 1));
    if (!m) return invalid(input);
    out += lookup(m[0], ctx);
    i += 1 + m[0].length;
  }
  return { ok: true, value: out };
}

function invalid(input: string): Interpolated {
  return { ok: false, code: 'INTERPOLATION', error: `invalid interpolation format for %PATH%.\nYou may need to escape any $ with another $.\n${input}` };
}

/** Index of the `}` closing a `${`, skipping nested `${...}` in defaults. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function lookup(name: string, ctx: InterpolationContext): string {
  const v = ctx.vars[name];
  if (v !== undefined) return v;
  if (!ctx.warned.has(name)) {
    ctx.warned.add(name);
    ctx.warnings.push(simError('UNSET_VARIABLE', `The "${name}" variable is not set. Defaulting to a blank string.`, { severity: 'warning' }));
  }
  return '';
}

function braced(body: string, ctx: InterpolationContext, whole: string): Interpolated {
  const m = NAME.exec(body);
  if (!m) return invalid(whole);
  const name = m[0];
  const rest = body.slice(name.length);
  if (rest === '') return { ok: true, value: lookup(name, ctx) };
  const op = /^(:?[-?+])/.exec(rest)?.[1];
  if (!op) return invalid(whole);
  const arg = rest.slice(op.length);
  const value = ctx.vars[name];
  // With a colon an empty value counts as unset, as in sh.
  const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  switch (op.replace(':', '')) {
    case '-':
      return set ? { ok: true, value: value! } : interpolateString(arg, ctx);
    case '+':
      return set ? interpolateString(arg, ctx) : { ok: true, value: '' };
    default: {
      if (set) return { ok: true, value: value! };
      const msg = interpolateString(arg, ctx);
      return { ok: false, code: 'REQUIRED_VARIABLE', error: `required variable ${name} is missing a value: ${msg.ok ? msg.value : arg}` };
    }
  }
}

/** Dotted path as compose prints it in messages: services.web.ports.0 */
export function dotted(path: Path): string {
  return path.length ? path.join('.') : '(root)';
}

/**
 * Interpolates every string value (not keys) of a parsed file. Returns the new
 * value and the paths that failed, each with compose's message.
 */
export function interpolateValue(value: unknown, ctx: InterpolationContext, path: (string | number)[] = []): { value: unknown; errors: { path: Path; code: string; message: string }[] } {
  const errors: { path: Path; code: string; message: string }[] = [];
  const walk = (v: unknown, p: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('$')) return v;
      const r = interpolateString(v, ctx);
      if (r.ok) return castAt(p, r.value);
      errors.push({ path: [...p], code: r.code, message: r.error.replace('%PATH%', dotted(p)) });
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...p, i]));
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, [...p, k]);
      return o;
    }
    return v;
  };
  return { value: walk(value, path), errors };
}

/**
 * A substituted value is text, but compose casts it back where the spec wants
 * a number or a boolean (`replicas: ${N}`), so the schema sees the real type.
 */
const NUMBER_PATHS = [/^services\.[^.]+\.(scale|deploy\.replicas|healthcheck\.retries)$/, /^services\.[^.]+\.ports\.\d+\.(target|published)$/];
const BOOL_PATHS = [/^services\.[^.]+\.(read_only|tty|stdin_open|init|privileged|healthcheck\.disable|depends_on\.[^.]+\.(required|restart))$/, /^(networks|volumes|secrets|configs)\.[^.]+\.external$/];

function castAt(path: Path, value: string): unknown {
  const d = path.join('.');
  if (/^-?\d+$/.test(value) && NUMBER_PATHS.some((r) => r.test(d))) return Number(value);
  if (/^(true|false)$/i.test(value) && BOOL_PATHS.some((r) => r.test(d))) return value.toLowerCase() === 'true';
  return value;
}
