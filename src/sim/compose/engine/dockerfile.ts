import { fail, ok, simError, type Result } from '../../errors.ts';

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Parses a Dockerfile into instructions; the first non-ARG one must be FROM, as BuildKit insists. */
export function parseDockerfile(text: string): Result<Instruction[]> {
  const out: Instruction[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i]!.trim();
    const start = i + 1;
    if (row === '' || row.startsWith('#')) continue;
    while (row.endsWith('\\') && i + 1 < rows.length) row = row.slice(0, -1).trimEnd() + ' ' + rows[++i]!.trim();
    const m = row.match(/^(\S+)\s*(.*)$/s)!;
    out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!, line: start });
  }
  const first = out.find((x) => x.keyword !== 'ARG');
  if (!first || first.keyword !== 'FROM') {
    return fail(simError('DOCKERFILE', 'failed to solve: dockerfile parse error: no build stage in current context'));
  }
  return ok(out);
}

/** JSON-array form (`["nginx", "-g", "daemon off;"]`) or shell form (wrapped in /bin/sh -c). */
export function execForm(args: string): string[] {
  const t = args.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      // not JSON: BuildKit falls back to the shell form
    }
  }
  return ['/bin/sh', '-c', t];
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` as BuildKit expands them; unset names become empty. */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, def: string | undefined, bare: string | undefined) => {
    const v = vars[braced ?? bare ?? ''];
    return v !== undefined && v !== '' ? v : (def ?? v ?? '');
  });
}

/** One build stage: its FROM (ARG-expanded), optional `AS` name, and the instructions after it. */
export interface Stage {
  from: string;
  name?: string;
  ops: Instruction[];
}

/**
 * Splits a Dockerfile into stages. ARGs before the first FROM are global and
 * only expand in FROM lines; build args override their defaults.
 */
export function splitStages(instrs: Instruction[], buildArgs: Record<string, string>): { stages: Stage[]; globals: Record<string, string> } {
  const globals: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const i of instrs) {
    if (i.keyword === 'FROM') {
      const [image = '', as, name] = substitute(i.args, globals).trim().split(/\s+/);
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, ops: [] });
    } else if (stages.length === 0) {
      if (i.keyword === 'ARG') {
        const [k, v] = argValue(i.args, buildArgs, '');
        globals[k] = v;
      }
    } else stages.at(-1)!.ops.push(i);
  }
  return { stages, globals };
}

/** `ARG NAME[=default]`: its name and value, the build arg winning over the default, `outer` when neither is given. */
export function argValue(args: string, buildArgs: Record<string, string>, outer: string): [string, string] {
  const [k = '', ...v] = args.trim().split('=');
  return [k, buildArgs[k] ?? (v.length ? v.join('=').replace(/^"(.*)"$/, '$1') : outer)];
}
