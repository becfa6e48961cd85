import type { ImageSpec } from './catalog.ts';
import { quickStop, type LogLine, type RunContext, type RunPlan } from './plan.ts';

/**
 * Decides what a container's main process does: the image's own server when
 * the command is the image default (or names its binary), otherwise a small
 * interpretation of the command (`sleep`, `sh -c "exit 3"`, `echo`, a
 * `while true` loop). An executable that does not exist fails the start like runc.
 */
export type ProcessOutcome = { ok: true; plan: RunPlan } | { ok: false; startError: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const REPLS = new Set(['node', 'python', 'python3', 'irb', 'php']);
const STAY_UP = new Set(['nginx', 'redis-server', 'postgres', 'httpd', 'npm', 'yarn', 'gunicorn', 'uvicorn', 'flask', 'java', 'caddy', 'traefik', 'top']);

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export interface ProcessSpec {
  image: ImageSpec;
  /** The container's own entrypoint (compose `entrypoint:`), replacing the image's and its CMD. */
  entrypoint?: string[];
  command?: string[];
  /** An image the simulator has no model of: any command may exist in it. */
  generic: boolean;
}

/** What PID 1 runs: entrypoint plus command, as Docker combines them and as the images' entrypoint scripts rewrite them. */
export function argvOf(p: ProcessSpec): string[] {
  if (p.entrypoint) return [...p.entrypoint, ...(p.command ?? [])];
  const args = p.command ?? p.image.cmd;
  const ep = p.image.entrypoint;
  // Official images' entrypoint scripts hand leading flags to their server
  // (`postgres -c ...`, `traefik --providers.docker`) and exec anything else.
  if (ep.length && /entrypoint/.test(base(ep[0]!))) return p.image.flagsTo && args[0]?.startsWith('-') ? [p.image.flagsTo, ...args] : args;
  return [...ep, ...args];
}

export function planProcess(p: ProcessSpec, ctx: RunContext): ProcessOutcome {
  const spec = p.image;
  const argv = argvOf(p);
  const bin = base(argv[0] ?? '');
  if (((p.command === undefined && p.entrypoint === undefined) || spec.binaries.includes(bin) || spec.binaries.includes(argv[0] ?? '')) && spec.serve) {
    return { ok: true, plan: spec.serve(ctx) };
  }
  return interpret(argv, ctx, p.generic);
}

function exited(code: number, logs: LogLine[] = [], at = 30): ProcessOutcome {
  return { ok: true, plan: { logs, readyAt: at, exit: { at, code }, stop: quickStop() } };
}

function stayUp(logs: LogLine[] = [], extra: Partial<RunPlan> = {}): ProcessOutcome {
  // PID 1 without a SIGTERM handler is killed when the grace period ends.
  return { ok: true, plan: { logs, readyAt: 50, stop: 'ignore', ...extra } };
}

function interpret(argv: string[], ctx: RunContext, generic: boolean): ProcessOutcome {
  const bin = base(argv[0] ?? '');
  const args = argv.slice(1);
  if (SHELLS.has(bin)) {
    if (args[0] === '-c' && args[1] !== undefined) return script(args[1], ctx);
    return exited(0); // no terminal attached: the shell reads EOF
  }
  if (REPLS.has(bin)) return args.length === 0 ? exited(0) : stayUp();
  if (STAY_UP.has(bin)) return stayUp();
  if (DIRECT.has(bin)) return script(argv.join(' '), ctx);
  // A shell script the build copied in (`./manage migrate`) runs through the little shell.
  const file = argv[0]?.includes('/') ? ctx.fs.read(argv[0].startsWith('/') ? argv[0] : `${ctx.workdir}/${argv[0]}`.replace(/\/(\.\/)+/g, '/')) : undefined;
  if (file?.startsWith('#!')) return script(file.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).join(';'), ctx);
  // Nothing is known about an unmodelled image's programs: whatever it runs is taken to be a server.
  if (generic || file !== undefined) return stayUp();
  return { ok: false, startError: `exec: "${argv[0] ?? ''}": executable file not found in $PATH` };
}

/** Programs that exist as files (so runc can exec them without a shell). `exit` is a shell builtin, not one of them. */
const DIRECT = new Set(['true', 'false', 'echo', 'sleep', 'tail', 'env', 'printenv']);

function unquote(s: string): string {
  return s.trim().replace(/^(['"])(.*)\1$/s, '$2');
}

function seconds(s: string): number | undefined {
  const m = s.match(/^(\d+(?:\.\d+)?)(s|m|h)?$/);
  if (!m) return s === 'infinity' ? Infinity : undefined;
  return Number(m[1]) * (m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : 1000);
}

/** A tiny `sh -c` interpreter: statements split on `;`, `&&`, and one `while true` loop. */
function script(text: string, ctx: RunContext): ProcessOutcome {
  const loop = text.match(/while\s+(?:true|:)\s*;?\s*do\s+(.*?);?\s*done/s);
  if (loop) {
    const body = loop[1]!;
    const echo = body.match(/echo\s+(.*?)\s*(?:;|&&|$)/s);
    const sleep = body.match(/sleep\s+(\S+)/);
    const every = sleep ? (seconds(sleep[1]!) ?? 1000) : 1000;
    return stayUp([], echo ? { repeat: { every, text: expand(unquote(echo[1]!), ctx) } } : {});
  }
  const logs: LogLine[] = [];
  let t = 30;
  let status = 0;
  for (const raw of text.split(/;|&&/)) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [cmd, ...rest] = words as [string, ...string[]];
    switch (base(cmd)) {
      case 'exit':
        return exited(Number(rest[0] ?? status) & 255, logs, t);
      case 'true':
      case ':':
        status = 0;
        break;
      case 'false':
        status = 1;
        break;
      case 'echo':
        logs.push({ at: t, text: expand(unquote(rest.join(' ')), ctx) });
        status = 0;
        break;
      case 'sleep': {
        const ms = seconds(rest[0] ?? '');
        if (ms === undefined) {
          logs.push({ at: t, text: `sleep: invalid number '${rest[0] ?? ''}'` });
          status = 1;
          break;
        }
        if (ms === Infinity) return stayUp(logs);
        t += ms;
        status = 0;
        break;
      }
      case 'tail':
        if (rest.includes('-f')) return stayUp(logs);
        status = 0;
        break;
      case 'env':
      case 'printenv':
        for (const [k, v] of Object.entries(ctx.env)) logs.push({ at: t, text: `${k}=${v}` });
        status = 0;
        break;
      default:
        logs.push({ at: t, text: `sh: ${cmd}: not found` });
        status = 127;
    }
  }
  return exited(status, logs, t);
}

function expand(s: string, ctx: RunContext): string {
  return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, k: string) => (k === 'HOSTNAME' ? ctx.hostname : (ctx.env[k] ?? '')));
}
