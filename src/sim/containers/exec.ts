/**
 * The one exec: `docker exec` and the kubelet's exec (kubectl exec, exec
 * probes) both run argv here, inside a running container's world.
 */
import { runShell, type ShellHost } from './shell.ts';
import type { ContainerSys, ExecResult } from './types.ts';
import { dialectOf, hasBinary, runUtility } from './utils.ts';

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
    return shell(sys, src, bin, args.slice(args[0] === '-c' ? 3 : 1));
  }
  return one(sys, argv);
}

function one(sys: ContainerSys, argv: string[]): ExecResult {
  const u = runUtility(sys, argv, { stdin: '', env: sys.env, cwd: sys.workdir, at: 0 });
  if (u) return { stdout: u.stdout, stderr: u.stderr, exitCode: u.code };
  return { stdout: '', stderr: `note: ${base(argv[0]!)} is not simulated here\n`, exitCode: 0 };
}

function shell(sys: ContainerSys, src: string, name: string, args: string[]): ExecResult {
  const host: ShellHost = {
    run: (argv, io) => {
      const s = { ...sys, env: io.env, workdir: io.cwd };
      if (!hasBinary(s, argv[0]!)) return { stdout: '', stderr: '', code: 127 };
      if (SHELLS.has(base(argv[0]!))) {
        const inner = argv[1] === '-c' ? argv[2] : undefined;
        if (inner === undefined) return { stdout: '', stderr: '', code: 0 };
        const r = shell(s, inner, base(argv[0]!), argv.slice(4));
        return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
      }
      const u = runUtility(s, argv, io);
      if (u) return u.ms === Infinity ? { ...u, ms: 0 } : u;
      return { stdout: '', stderr: `note: ${base(argv[0]!)} is not simulated here\n`, code: 0 };
    },
    readFile: (p) => sys.fs.read(p),
    writeFile: (p, t) => sys.fs.write(p, t),
    writeError: (p) => sys.fs.writeError?.(p),
  };
  const r = runShell(src, host, { env: sys.env, cwd: sys.workdir, name, args, dialect: dialectOf(sys.image, name) });
  const stdout = r.out.filter((o) => o.stream === 'stdout').map((o) => o.text).join('');
  const stderr = r.out.filter((o) => o.stream === 'stderr').map((o) => o.text).join('');
  // An exec'd endless loop would never return; one pass of it is what is shown.
  const code = r.end.kind === 'exit' ? r.end.code : 0;
  const loop = r.end.kind === 'loop' ? r.end.body.map((o) => o.text).join('') : '';
  return { stdout: stdout + loop, stderr, exitCode: code };
}
