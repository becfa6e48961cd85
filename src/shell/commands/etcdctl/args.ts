/**
 * Flag parsing the way spf13/pflag does it for etcdctl: flags anywhere among
 * the arguments, `--name=value` or `--name value`, `-w json` / `-wjson`,
 * booleans without a value, `--` ending the flags. Errors carry pflag's text.
 */
import { parseDuration } from '../../../sim/duration.ts';

export type FlagType = 'bool' | 'string' | 'int' | 'duration';

export interface FlagSpec {
  type: FlagType;
  short?: string;
}

export type FlagValues = Map<string, string | number | boolean>;

export type Parsed = { ok: true; args: string[]; flags: FlagValues } | { ok: false; error: string };

export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  endpoints: { type: 'string' },
  'write-out': { type: 'string', short: 'w' },
  'command-timeout': { type: 'duration' },
  'dial-timeout': { type: 'duration' },
  debug: { type: 'bool' },
  hex: { type: 'bool' },
  // Accepted so commands copied from a kubeadm node work; the simulator has no TLS.
  cacert: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  'insecure-transport': { type: 'bool' },
  'insecure-skip-tls-verify': { type: 'bool' },
};

function convert(name: string, spec: FlagSpec, raw: string): string | number | boolean | { error: string } {
  const bad = (why: string) => ({ error: `invalid argument "${raw}" for "${spec.short ? `-${spec.short}, ` : ''}--${name}" flag: ${why}` });
  switch (spec.type) {
    case 'bool':
      if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(raw)) return true;
      if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(raw)) return false;
      return bad(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
    case 'int':
      return /^[+-]?\d+$/.test(raw) ? Number(raw) : bad(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
    case 'duration': {
      const d = parseDuration(raw);
      return d.ok ? d.value : bad(d.errors[0]!.message);
    }
    case 'string':
      return raw;
  }
}

export function parseFlags(argv: string[], specs: Record<string, FlagSpec>): Parsed {
  const flags: FlagValues = new Map();
  const args: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([n, s]) => (s.short ? [[s.short, n] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    let shown: string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      shown = `--${name}`;
      if (!specs[name]) return { ok: false, error: `unknown flag: --${name}` };
    } else if (a.startsWith('-') && a.length > 1) {
      const c = a[1]!;
      name = byShort.get(c);
      if (!name) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
      const rest = a.slice(2);
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
      shown = `-${c}`;
    } else {
      args.push(a);
      continue;
    }
    const spec = specs[name]!;
    let raw = inline;
    if (raw === undefined) {
      if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < argv.length) raw = argv[++i]!;
      else return { ok: false, error: `flag needs an argument: ${spec.short && shown.length === 2 ? `'${spec.short}' in ${shown}` : `--${name}`}` };
    }
    const v = convert(name, spec, raw);
    if (typeof v === 'object') return { ok: false, error: v.error };
    flags.set(name, v);
  }
  return { ok: true, args, flags };
}
