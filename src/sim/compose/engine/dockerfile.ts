import { fail, ok, simError, type Result } from '../../errors.ts';

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Every instruction in the Dockerfile reference. */
export const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/**
 * Parses a Dockerfile into instructions: parser directives (`# syntax=`,
 * `# escape=`) and comments skipped, continuation lines joined, heredocs
 * (`RUN <<EOF`) kept with their instruction. The first non-ARG instruction
 * must be FROM, as BuildKit insists.
 */
export function parseDockerfile(text: string): Result<Instruction[]> {
  const out: Instruction[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i]!.trim();
    const start = i + 1;
    if (row === '' || row.startsWith('#')) continue;
    while (row.endsWith('\\') && i + 1 < rows.length) {
      row = row.slice(0, -1).trimEnd();
      // Comment lines inside a continuation are dropped, as BuildKit does.
      while (i + 1 < rows.length && rows[i + 1]!.trim().startsWith('#')) i++;
      row += ' ' + (rows[++i] ?? '').trim();
    }
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(row);
    if (heredoc) {
      while (i + 1 < rows.length && rows[i + 1]!.trim() !== heredoc[1]) row += '\n' + rows[++i];
      if (i + 1 < rows.length) row += '\n' + rows[++i];
    }
    const m = row.match(/^(\S+)\s*(.*)$/s)!;
    const keyword = m[1]!.toUpperCase();
    if (!INSTRUCTIONS.has(keyword)) return fail(simError('DOCKERFILE', `failed to solve: dockerfile parse error on line ${start}: unknown instruction: ${m[1]}`, { pos: { line: start, col: 1 } }));
    out.push({ keyword, args: m[2]!, line: start });
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

/** One build stage: its FROM (ARG-expanded), optional `AS` name and `--platform`, and the instructions after it. */
export interface Stage {
  from: string;
  name?: string;
  platform?: string;
  ops: Instruction[];
}

/**
 * Splits a Dockerfile into stages. ARGs before the first FROM are global and
 * only expand in FROM lines; build args override their defaults.
 */
export function splitStages(instrs: Instruction[], buildArgs: Record<string, string>): { stages: Stage[]; globals: Record<string, string> } {
  // BuildKit's automatic platform ARGs: a linux/amd64 machine building for itself.
  const globals: Record<string, string> = { BUILDPLATFORM: 'linux/amd64', TARGETPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', TARGETOS: 'linux', TARGETARCH: 'amd64' };
  const stages: Stage[] = [];
  for (const i of instrs) {
    if (i.keyword === 'FROM') {
      const words = substitute(i.args, globals).trim().split(/\s+/);
      const platform = words.find((w) => w.startsWith('--platform='))?.slice('--platform='.length);
      const [image = '', as, name] = words.filter((w) => !w.startsWith('--'));
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name?.toLowerCase() : undefined, ...(platform !== undefined ? { platform } : {}), ops: [] });
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
