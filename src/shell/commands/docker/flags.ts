/**
 * Cobra-style flag parsing for the docker commands: `-d`, `--tail 5`,
 * `--tail=5`, `-f a -f b`, bundled short booleans (`-dv`) and `--` to end flags.
 */
export interface FlagSpec {
  /** Boolean flags, each as its aliases, e.g. ['-d', '--detach']. */
  bool: string[][];
  /** Flags that take a value. */
  value: string[][];
}

export interface Parsed {
  flags: Map<string, string[]>;
  args: string[];
  error?: string;
}

export function parseFlags(argv: string[], spec: FlagSpec, stopAtFirstArg = false): Parsed {
  const canon = new Map<string, { name: string; takes: boolean }>();
  for (const a of spec.bool) for (const n of a) canon.set(n, { name: a[a.length - 1]!, takes: false });
  for (const a of spec.value) for (const n of a) canon.set(n, { name: a[a.length - 1]!, takes: true });
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-' || (stopAtFirstArg && args.length > 0)) {
      args.push(a);
      if (stopAtFirstArg) {
        args.push(...argv.slice(i + 1));
        break;
      }
      continue;
    }
    const [name, inline] = a.startsWith('--') ? (a.split(/=(.*)/s, 2) as [string, string | undefined]) : [a.slice(0, 2), a.length > 2 ? a.slice(2) : undefined];
    const f = canon.get(name);
    if (!f) return { flags, args, error: a.startsWith('--') ? `unknown flag: ${name}` : `unknown shorthand flag: '${name.slice(1)}' in ${a}` };
    if (f.takes) {
      const v = inline ?? argv[++i];
      if (v === undefined) return { flags, args, error: `flag needs an argument: ${a.startsWith('--') ? name : `'${name.slice(1)}' in ${name}`}` };
      add(f.name, v.replace(/^=/, ''));
    } else if (inline !== undefined && !a.startsWith('--')) {
      // -dv: a bundle of short booleans
      add(f.name, 'true');
      const rest = parseFlags([`-${inline}`], spec);
      if (rest.error) return { flags, args, error: rest.error };
      for (const [k, v] of rest.flags) for (const x of v) add(k, x);
    } else add(f.name, inline ?? 'true');
  }
  return { flags, args };
}

export const has = (p: Parsed, name: string) => p.flags.has(name);
export const last = (p: Parsed, name: string) => p.flags.get(name)?.at(-1);
