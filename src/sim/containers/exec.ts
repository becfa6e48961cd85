/**
 * The one exec: `docker exec` and the kubelet's exec (kubectl exec, exec
 * probes) both run argv here, inside a running container's world.
 */
import { runShell, type ShellHost } from './shell.ts';
import type { ContainerSys, ExecResult } from './types.ts';
import { dialectOf, hasBinary } from './binaries.ts';
import { runUtility } from './utils.ts';

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** The OCI runtime's answer when argv[0] is not in the image. */
export const notFoundMessage = (cmd: string) => `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`;

export function execIn(sys: ContainerSys, argv: string[]): ExecResult {
  const [cmd, ...args] = argv;
  if (!cmd) return { stdout: '', stderr: 'you must specify at least one command for the container\n', exitCode: 1 };
  if (!hasBinary(sys, cmd)) return { stdout: '', stderr: notFoundMessage(cmd), exitCode: 127 };
  const bin = base(cmd);
  if (SHELLS.has(bin)) {
    const src = args[0] === '-c' ? args[1] : args[0] !== undefined ? sys.fs.read(args[0]) : undefined;
    // No terminal attached: an interactive shell reads EOF and exits.
    if (src === undefined) return { stdout: '', stderr: '', exitCode: 0 };
    return shell(sys, src, bin, arg0(cmd, args), args.slice(args[0] === '-c' ? 3 : 1));
  }
  return one(sys, argv);
}

function one(sys: ContainerSys, argv: string[]): ExecResult {
  const u = runUtility(sys, argv, { stdin: '', env: sys.env, cwd: sys.workdir, at: 0 });
  if (u) return { stdout: u.stdout, stderr: u.stderr, exitCode: u.code, ms: u.ms ?? 0 };
  return { stdout: '', stderr: `note: ${base(argv[0]!)} is not simulated here\n`, exitCode: 0 };
}

/** What an interactive shell keeps from one typed line to the next. */
export interface ShellSessionState {
  env: Record<string, string>;
  cwd: string;
  /** `$?` */
  status: number;
}

/** One line typed into an interactive shell: its output, how long it ran (virtual ms; Infinity until Ctrl-C), and the exit code when it ended the shell. */
export interface LineResult extends ExecResult {
  ms: number;
  /** The output with the virtual time (ms after the line started) each piece was written at. */
  chunks: { at: number; stream: 'stdout' | 'stderr'; text: string }[];
  /** An endless `while true; do …; sleep N; done`: body (times within one pass) again every `every` ms from `from`, until Ctrl-C. */
  repeat?: { from: number; every: number; body: { at: number; stream: 'stdout' | 'stderr'; text: string }[] };
  exited?: number;
}

/** Entrypoint scripts of official images end in `exec "$@"`: the command given runs in their place. */
const EXEC_WRAPPERS = new Set(['docker-entrypoint.sh', 'entrypoint.sh', 'docker-php-entrypoint']);

/** The interactive shell argv starts (no -c, no script), possibly through an image's entrypoint script: what `-it … sh` attaches to. */
export function interactiveShell(sys: ContainerSys, argv: string[]): string | undefined {
  const rest = argv.length > 1 && EXEC_WRAPPERS.has(base(argv[0]!)) ? argv.slice(1) : argv;
  return rest.length === 1 && SHELLS.has(base(rest[0]!)) && hasBinary(sys, rest[0]!) ? rest[0] : undefined;
}

export function isInteractiveShell(sys: ContainerSys, argv: string[]): boolean {
  return interactiveShell(sys, argv) !== undefined;
}

/** A fresh session of the shell argv[0] in the container: its environment and working directory. */
export function startSession(sys: ContainerSys): ShellSessionState {
  return { env: { ...sys.env, PWD: sys.workdir }, cwd: sys.workdir, status: 0 };
}

/**
 * The shell's prompt as it shows with a terminal: busybox ash's `\w \$ ` (`/ # `,
 * `~ # `), Debian's dash `# `, bash with Debian's /etc/bash.bashrc
 * `root@HOST:/# `. `$` instead of `#` for a non-root user.
 */
export function shellPrompt(sys: ContainerSys, shellName: string, st: ShellSessionState): string {
  const user = sys.image.user && sys.image.user !== 'root' && sys.image.user !== '0' ? sys.image.user.split(':')[0]! : 'root';
  const sign = user === 'root' ? '#' : '$';
  const home = st.env.HOME ?? (user === 'root' ? '/root' : '');
  const w = home && (st.cwd === home || st.cwd.startsWith(home + '/')) ? '~' + st.cwd.slice(home.length) : st.cwd;
  const d = dialectOf(sys.image, shellName);
  if (d === 'busybox') return `${w} ${sign} `;
  if (d === 'bash') return `${user}@${sys.hostname}:${w}${sign} `;
  return `${sign} `;
}

/** Runs one typed line in an interactive shell session, updating its state. */
export function execLine(sys: ContainerSys, shellName: string, line: string, st: ShellSessionState): LineResult {
  const r = runScript({ ...sys, env: st.env, workdir: st.cwd }, line, base(shellName), shellName, [], st.status, true);
  st.env = r.env;
  st.cwd = r.cwd;
  st.status = r.exitCode;
  const out: LineResult = { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ms: r.ms, chunks: r.chunks };
  if (r.repeat) out.repeat = r.repeat;
  if (r.exited) out.exited = r.exitCode;
  return out;
}

/**
 * The shell's $0, which also prefixes its own errors: argv[0] as given (`/bin/sh -c nope` says `/bin/sh: nope: not
 * found`, `sh -c` says `sh: …`), the operand after `-c CMD` when there is one, or the script's path (procargs in
 * ash/dash: arg0 = argv[0], then "POSIX 1003.2: first arg after -c cmd is $0").
 */
function arg0(cmd: string, args: string[]): string {
  return args[0] === '-c' ? (args[2] ?? cmd) : (args[0] ?? cmd);
}

function shell(sys: ContainerSys, src: string, bin: string, name: string, args: string[]): ExecResult {
  const { stdout, stderr, exitCode, ms, endless } = runScript(sys, src, bin, name, args, 0, false);
  return { stdout, stderr, exitCode, ms: endless ? Infinity : ms };
}

function runScript(sys: ContainerSys, src: string, bin: string, name: string, args: string[], status: number, interactive: boolean): ExecResult & { ms: number; endless: boolean; env: Record<string, string>; cwd: string; exited: boolean; chunks: LineResult['chunks']; repeat?: LineResult['repeat'] } {
  // Something in it would never end by itself (sleep infinity, tail -f, a nested endless shell): shown as one pass, but a probe times out on it.
  let endless = false;
  const host: ShellHost = {
    run: (argv, io) => {
      const s = { ...sys, env: io.env, workdir: io.cwd };
      if (!hasBinary(s, argv[0]!)) return { stdout: '', stderr: '', code: 127 };
      if (SHELLS.has(base(argv[0]!))) {
        const inner = argv[1] === '-c' ? argv[2] : undefined;
        if (inner === undefined) return { stdout: '', stderr: '', code: 0 };
        const r = shell(s, inner, base(argv[0]!), arg0(argv[0]!, argv.slice(1)), argv.slice(4));
        if (r.ms === Infinity) endless = true;
        return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode, ms: r.ms === Infinity ? 0 : (r.ms ?? 0) };
      }
      const u = runUtility(s, argv, io);
      if (u?.ms === Infinity) endless = true;
      if (u) return u.ms === Infinity ? { ...u, ms: 0 } : u;
      return { stdout: '', stderr: `note: ${base(argv[0]!)} is not simulated here\n`, code: 0 };
    },
    readFile: (p) => sys.fs.read(p),
    writeFile: (p, t) => sys.fs.write(p, t),
    writeError: (p) => sys.fs.writeError?.(p),
  };
  const r = runShell(src, host, { env: sys.env, cwd: sys.workdir, name, args, dialect: dialectOf(sys.image, bin), status });
  const stdout = r.out.filter((o) => o.stream === 'stdout').map((o) => o.text).join('');
  const stderr = r.out.filter((o) => o.stream === 'stderr').map((o) => o.text).join('');
  // An exec'd endless loop would never return; one pass of it is what is shown.
  const code = r.end.kind === 'exit' ? r.end.code : 0;
  const loop = r.end.kind === 'loop' ? r.end.body.map((o) => o.text).join('') : '';
  // Typed at a prompt, something endless (a loop, sleep infinity, tail -f) holds the terminal until Ctrl-C.
  const ms = r.end.kind === 'exit' ? r.at : interactive ? Infinity : r.at;
  const repeat = r.end.kind === 'loop' ? { from: r.at, every: r.end.every, body: r.end.body } : undefined;
  return { stdout: stdout + loop, stderr, exitCode: code, ms, endless: endless || r.end.kind !== 'exit', env: r.env, cwd: r.cwd, exited: r.exited, chunks: r.out, ...(repeat ? { repeat } : {}) };
}
