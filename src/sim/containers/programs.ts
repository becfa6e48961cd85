/**
 * What a container's main process does once started, for the Docker engine
 * and the kubelet alike: the log lines it writes and when, when it accepts
 * connections, the ports it binds and how it answers them, whether it exits
 * by itself, how it takes SIGTERM, and its memory. Servers log in their own
 * formats with the version the image tag resolved to.
 */
import { HTTPD_INDEX, versionAtLeast, type ImageConfig } from './images.ts';
import { clfTime, httpdTime, isoSeconds, mongoTime, mysqlTime, nginxTime, pgTime, redisTime } from './logtime.ts';
import type { CmdResult, Output, ShellHost } from './shell.ts';
import { runShell, runUtility } from './container-tools.ts';
import type { ContainerSys, HttpAnswer, HttpRequest, ContainerFs } from './types.ts';
import { dialectOf, hasBinary, versionOf } from './binaries.ts';

export interface LogLine {
  /** ms after the start (or after the stop signal, for stop lines). */
  at: number;
  text: string;
  stream?: 'stdout' | 'stderr';
}

export interface StopPlan {
  /** Lines written after SIGTERM, given the virtual time it arrives. */
  logs: (stopAt: number) => LogLine[];
  /** Time to exit after SIGTERM. */
  after: number;
  code: number;
}

export interface Program {
  logs: LogLine[];
  /** ms after start when it accepts connections (health checks and probes pass). */
  readyAt: number;
  exit?: { at: number; code: number };
  /** A `while true; do …; sleep N; done` loop: these lines again every `every` ms, from `from`. */
  repeat?: { from: number; every: number; lines: LogLine[]; fetches?: string[] };
  listens: number[];
  answer?: (req: HttpRequest) => HttpAnswer | 'empty';
  /** Access-log line a request makes the server write. */
  accessLog?: (req: HttpRequest, ans: HttpAnswer, now: number) => string;
  /** 'ignore': PID 1 has no SIGTERM handler and is SIGKILLed when the grace period ends. */
  stop: StopPlan | 'ignore';
  /** What the server does when its port is already bound in the network namespace. */
  bindFailure?: (port: number, now: number) => { logs: string[]; code: number; after: number };
  memoryBytes: number;
  memoryGrows?: boolean;
  /** File changes a script makes after it started (`touch f; sleep 30; rm f`): applied at those times by the engine. */
  fsLater?: { at: number; apply: () => void }[];
}

export type Launch = { ok: true; program: Program } | { ok: false; error: string };

export interface RunContext extends ContainerSys {
  /** How many times this container has started before. */
  starts: number;
}

const MiB = 1024 * 1024;
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const ENTRYPOINT_SCRIPTS = new Set(['docker-entrypoint.sh', 'entrypoint.sh', 'docker-php-entrypoint']);

export const quickStop = (code = 0, after = 200): StopPlan => ({ logs: () => [], after, code });

/**
 * PID 1's argv, as Docker and the kubelet build it: an entrypoint override
 * (compose `entrypoint:`, pod `command:`) replaces the image's ENTRYPOINT and
 * drops its CMD; a cmd override (compose `command:`, pod `args:`) replaces CMD.
 */
export function processArgv(image: Pick<ImageConfig, 'entrypoint' | 'cmd'>, entrypoint?: string[], cmd?: string[]): string[] {
  if (entrypoint?.length) return [...entrypoint, ...(cmd ?? [])];
  return [...image.entrypoint, ...(cmd ?? image.cmd)];
}

function plan(p: Partial<Program> & Pick<Program, 'stop'> & { lazyLogs?: () => LogLine[] }): Program {
  const { lazyLogs, ...rest } = p;
  const defaults = { readyAt: 50, listens: [], memoryBytes: 2 * MiB };
  if (!lazyLogs) return { logs: [], ...defaults, ...rest };
  return Object.assign(new LazyLogs(lazyLogs), defaults, rest);
}

/**
 * A Program whose logs are made when read: a server's start-up lines (a dozen,
 * each with its own timestamp) are read only by `logs`, yet a Program lives as
 * long as its container: 150,000 pods kept ~5 KB of lines each. The getter is
 * the class's, not each object's (an own accessor put the object in dictionary
 * mode: ~870 bytes more per container), so a spread copy ({...p}) has no logs
 * and sets its own, as every copy here does. Assigning logs replaces the getter.
 */
class LazyLogs {
  readonly #make: () => LogLine[];

  constructor(make: () => LogLine[]) {
    this.#make = make;
  }

  get logs(): LogLine[] {
    return this.#make();
  }

  set logs(v: LogLine[]) {
    Object.defineProperty(this, 'logs', { value: v, writable: true, enumerable: true, configurable: true });
  }

  /** The same program with these lines first, still made when read. */
  static prepend(p: Program, first: () => LogLine[]): Program {
    const rest = p instanceof LazyLogs ? p.#make : ((own: LogLine[]) => () => own)(p.logs);
    // Its own properties; a LazyLogs has no own logs, and a plain program's are in rest.
    const props: Partial<Program> = { ...p };
    delete props.logs;
    return Object.assign(new LazyLogs(() => [...first(), ...rest()]), props) as Program;
  }
}
const lines = (at: number, texts: string[]): LogLine[] => texts.map((text) => ({ at, text }));
const exited = (code: number, logs: LogLine[] = [], at = 0): Program => plan({ logs, readyAt: at, exit: { at, code }, stop: quickStop() });

/** Decides what PID 1 does. */
export function launch(image: ImageConfig, argvIn: string[], ctx: RunContext): Launch {
  let argv = argvIn;
  let pre: (() => LogLine[]) | undefined;
  // Official images' entrypoint scripts hand leading flags to their server and exec anything else.
  if (argv[0] === '/docker-entrypoint.sh' && image.repo === 'nginx') {
    // nginx's script configures only when it is about to run nginx, then execs its arguments.
    argv = argv.slice(1);
    if (['nginx', 'nginx-debug'].includes(base(argv[0] ?? ''))) pre = nginxEntrypoint(image, ctx);
  } else if (argv.length && ENTRYPOINT_SCRIPTS.has(base(argv[0]!)) && image.entrypoint.some((e) => base(e) === base(argv[0]!))) {
    argv = argv.slice(base(argv[1] ?? '') === 'docker-php-entrypoint' ? 2 : 1);
    if (image.flagsTo && (argv.length === 0 || argv[0]!.startsWith('-'))) argv = [image.flagsTo, ...argv];
  }
  if (argv.length === 0) return { ok: true, program: exited(0) };
  const bin = base(argv[0]!);
  if (!hasBinary(ctx, argv[0]!) && !(bin === 'pause' && image.binaries.includes('pause'))) return { ok: false, error: `exec: "${argv[0]}": executable file not found in $PATH` };
  const p = program(image, argv, ctx) ?? unknownServer();
  return { ok: true, program: pre ? LazyLogs.prepend(p, pre) : p };
}

function program(image: ImageConfig, argv: string[], ctx: RunContext): Program | undefined {
  const bin = base(argv[0]!);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const v = image.version ?? '';
  const asked = versionOf(image, bin, argv.slice(1));
  if (asked) return fromResult(asked);
  // registry.k8s.io/hpa-example (the HPA walkthrough's php-apache): Apache + an index.php that burns CPU and prints OK!.
  if (/(^|\/)hpa-example$/.test(image.repo ?? '')) {
    const server = 'Apache/2.4.10 (Debian) PHP/5.6.23';
    return plan({
      logs: [{ at: 40, text: `[${httpdTime(ctx.now + 40)}] [mpm_prefork:notice] [pid 1] AH00163: ${server} configured -- resuming normal operations`, stream: 'stderr' }],
      readyAt: 40,
      listens: [80],
      answer: () => ({ status: 200, body: 'OK!', server }),
      accessLog: (req, ans, now) => `${req.client} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${ans.status} ${ans.body.length}`,
      stop: quickStop(0, 100),
      memoryBytes: 10 * MiB,
    });
  }
  switch (bin) {
    case 'nginx':
    case 'nginx-debug':
      if (argv.includes('-t') || argv.includes('-v') || argv.includes('-V')) return exited(0, lines(10, argv.includes('-t') ? ['nginx: the configuration file /etc/nginx/nginx.conf syntax is ok', 'nginx: configuration file /etc/nginx/nginx.conf test is successful'] : [`nginx version: nginx/${v}`]));
      return nginx(image, ctx);
    case 'httpd-foreground':
      return httpd(image, ctx);
    case 'httpd':
      if (image.repo === 'httpd') return httpd(image, ctx);
      // busybox httpd daemonizes without -f: PID 1 returns at once.
      if (!argv.includes('-f')) return exited(0);
      return simpleServer(Number(flag('-p') ?? 80), 'busybox', [], 'httpd: bind: Address in use', ctx);
    case 'redis-server':
      return redis(image, ctx, Number(flag('--port') ?? 6379));
    case 'postgres':
      return postgres(image, ctx);
    case 'mysqld':
    case 'mariadbd':
      return mysql(image, ctx, image.repo === 'mariadb' ? 'mariadb' : 'mysql');
    case 'mongod':
      return mongo(ctx);
    case 'rabbitmq-server':
      return simple(5672, 6000, (at) => [`${pgTime(ctx.now + at).slice(0, 23)}000+00:00 [info] <0.9.0> Server startup complete; ${image.variant?.includes('management') ? 5 : 4} plugins started.`]);
    case 'memcached':
      return simple(11211, 50, () => []);
    case 'traefik':
      return simple(80, 200, (at) => [`${isoSeconds(ctx.now + at)} INF Traefik version ${v} built on 2026-07-21T16:11:12Z version=${v}`, `${isoSeconds(ctx.now + at)} INF Starting provider aggregator *aggregator.ProviderAggregator`]);
    case 'apache2-foreground':
      return wordpress(image, ctx);
    case 'caddy':
      if (argv[1] !== 'run') return exited(0);
      return simple(80, 100, (at) => [`{"level":"info","ts":${((ctx.now + at) / 1000).toFixed(7)},"msg":"serving initial configuration"}`]);
    case 'php':
      if (argv[1] === '-S') {
        const port = Number((argv[2] ?? ':8080').split(':').at(-1));
        return {
          ...simple(port, 100, (at) => [`[${httpdTime(ctx.now + at).replace(/\.\d+ /, ' ')}] PHP 8.3.14 Development Server (http://${argv[2]}) started`]),
          answer: () => ({ status: 200, body: image.repo === 'adminer' ? '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<title>Login - Adminer</title>\n</html>\n' : '' }),
        };
      }
      return interpreter(argv, ctx, 'php');
    case 'pause':
      return plan({ readyAt: 0, stop: quickStop(0, 100), memoryBytes: 256 * 1024 });
    case 'etcd':
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler':
    case 'kube-proxy':
      return plan({ readyAt: 0, stop: quickStop(0, 100), memoryBytes: 40 * MiB });
    case 'coredns':
      // The health (8080) and ready (8181) plugins answer the kubelet's probes.
      return plan({
        logs: lines(0, ['.:53', `CoreDNS-${v}`, 'linux/amd64, go1.23.3']), readyAt: 0, listens: [8080, 8181],
        answer: (req) => (req.path === '/health' || req.path === '/ready' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' }),
        stop: quickStop(0, 100), memoryBytes: 12 * MiB,
      });
    case 'stress': {
      const bytes = parseSize(flag('--vm-bytes') ?? '256M');
      return plan({ logs: lines(0, ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd']), stop: 'ignore', memoryBytes: bytes });
    }
    case 'hello':
      return exited(0, lines(10, HELLO.split('\n')));
    case 'nc':
      if (argv.some((a) => /^-\w*l/.test(a))) return simpleServer(Number(flag('-p') ?? argv.at(-1)), 'none', [], 'nc: bind: Address in use', ctx);
      break;
    case 'python':
    case 'python3':
      if (argv[1] === '-m' && argv[2] === 'http.server') {
        const port = Number(argv[3] ?? 8000);
        return simpleServer(port, 'python', [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`], 'OSError: [Errno 98] Address already in use', ctx);
      }
      if (argv[1] === '-c') return undefined === argv[2] ? exited(2) : exited(0);
      return interpreter(argv, ctx, 'python');
    case 'node':
      return interpreter(argv, ctx, 'node');
    case 'perl':
      return perl(argv);
    case 'npm':
    case 'yarn':
    case 'gunicorn':
    case 'uvicorn':
    case 'flask':
    case 'java':
    case 'top':
    case 'ruby':
    case 'irb':
      if (argv.length === 1 && (bin === 'irb' || bin === 'ruby')) return exited(0);
      return plan({ readyAt: 300, stop: 'ignore', memoryBytes: 40 * MiB });
    case '/init':
    case 'init':
      return plan({ readyAt: 100, stop: quickStop(0, 300), memoryBytes: 16 * MiB });
  }
  if (/^perl5/.test(bin)) return argv[1] === '-de0' ? exited(0) : perl(argv);
  if (SHELLS.has(bin)) {
    // $0 and the prefix of the shell's own errors is argv[0] as given (`/bin/sh: nope: not found`), or the operand after
    // `-c CMD`, or the script's path (ash/dash procargs: arg0).
    if (argv[1] === '-c' && argv[2] !== undefined) return script(argv[2], ctx, bin, argv[3] ?? argv[0]!, argv.slice(4));
    const file = argv[1] && ctx.fs.read(argv[1].startsWith('/') ? argv[1] : `${ctx.workdir}/${argv[1]}`);
    if (file !== undefined && file !== '') return script(file, ctx, bin, argv[1]!, argv.slice(2));
    return exited(0); // no terminal attached: the shell reads EOF
  }
  // A script the build copied in (`./manage migrate`) runs through the shell.
  const path = argv[0]!.startsWith('/') ? argv[0]! : `${ctx.workdir}/${argv[0]}`.replace(/\/(\.\/)+/g, '/');
  const file = argv[0]!.includes('/') ? ctx.fs.read(path) : undefined;
  if (file?.startsWith('#!')) return script(file, ctx, shebangShell(file), argv[0]!, argv.slice(1));
  // A utility as PID 1 (`echo hi`, `sleep 3600`, `date`).
  const u = runUtility(ctx, argv, { stdin: '', env: ctx.env, cwd: ctx.workdir, at: 0 });
  if (u) return fromResult(u);
  return undefined;
}

/** A program nothing is known about (an unmodelled image's, or one a build's RUN installed) is taken to be a server. */
const unknownServer = (): Program => plan({ readyAt: 100, stop: 'ignore', memoryBytes: 20 * MiB });

function fromResult(u: CmdResult): Program {
  const logs = [...outLines([{ at: 0, stream: 'stdout', text: u.stdout }]), ...outLines([{ at: 0, stream: 'stderr', text: u.stderr }])];
  if (u.ms === Infinity) return plan({ logs, stop: 'ignore', memoryBytes: 1 * MiB });
  // A utility as PID 1 (`sleep 3600`) installs no SIGTERM handler, and PID 1 ignores unhandled signals: only SIGKILL ends it.
  return { ...exited(u.code, logs, u.ms ?? 0), stop: 'ignore' };
}

function outLines(out: Output[]): LogLine[] {
  const res: LogLine[] = [];
  for (const o of out) {
    const ls = o.text.split('\n');
    if (ls.at(-1) === '') ls.pop();
    for (const text of ls) res.push({ at: o.at, text, stream: o.stream });
  }
  return res;
}

/** The shell a `#!` line names (`#!/bin/bash`, `#!/usr/bin/env bash`); sh for anything else. */
function shebangShell(file: string): string {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(file);
  const interp = m && base(m[1]!) === 'env' ? m[2] : m?.[1];
  return interp && SHELLS.has(base(interp)) ? base(interp) : 'sh';
}

/** A shell script as PID 1: its output on the timeline, and how it ends. */
function script(src: string, ctx: RunContext, shell: string, name: string, args: string[]): Program {
  // What the script writes or deletes after time 0 happens then, not at launch; its own reads see it at once.
  const fsLater: { at: number; apply: () => void }[] = [];
  const pending = new Map<string, string | undefined>();
  const readNow = (p: string) => (pending.has(p) ? pending.get(p) : ctx.fs.read(p));
  const timedFs = (at: number): ContainerFs =>
    at <= 0
      ? ctx.fs
      : {
          ...ctx.fs,
          read: readNow,
          write: (p, t) => {
            pending.set(p, t);
            fsLater.push({ at, apply: () => ctx.fs.write(p, t) });
          },
          remove: (p) => {
            pending.set(p, undefined);
            fsLater.push({ at, apply: () => (ctx.fs.remove ? ctx.fs.remove(p) : ctx.fs.write(p, '')) });
          },
        };
  // URLs the script fetches (wget/curl): a loop repeats them, which is load on the server behind them.
  const fetches: string[] = [];
  const host: ShellHost = {
    run: (argv, io) => {
      const sys = { ...ctx, fs: timedFs(io.at), env: io.env, workdir: io.cwd };
      if (argv[0] === 'wget' || argv[0] === 'curl') {
        const url = argv.slice(1).find((a, i, all) => !a.startsWith('-') && !['-O', '-o', '-H', '-X', '-d', '--data', '--header', '--output', '-w', '-T', '-U'].includes(all[i - 1] ?? ''));
        if (url) fetches.push(url);
      }
      if (!hasBinary(sys, argv[0]!)) return { stdout: '', stderr: '', code: 127 };
      const u = runUtility(sys, argv, io);
      if (u) return u;
      // A server or interpreter: the script's process becomes it. Other tools on PATH succeed quietly.
      const p = program(ctx.image, argv, sys);
      if (!p) return { stdout: '', stderr: '', code: 0 };
      if (p.exit && p.listens.length === 0) {
        // A short-lived program: fold its output into the script.
        const text = p.logs.map((l) => `${l.text}\n`).join('');
        return { stdout: text, stderr: '', code: p.exit.code, ms: p.exit.at };
      }
      return { stdout: '', stderr: '', code: 0, takeover: p };
    },
    readFile: readNow,
    writeFile: (p, t, at = 0) => timedFs(at).write(p, t),
    writeError: (p) => ctx.fs.writeError?.(p),
  };
  const r = runShell(src, host, { env: ctx.env, cwd: ctx.workdir, name, args, dialect: dialectOf(ctx.image, shell) });
  return withFsLater(scriptProgram(r, src, fetches), fsLater);
}

function withFsLater(p: Program, fsLater: { at: number; apply: () => void }[]): Program {
  return fsLater.length ? { ...p, fsLater: [...(p.fsLater ?? []), ...fsLater] } : p;
}

function scriptProgram(r: ReturnType<typeof runShell>, src: string, fetches: string[] = []): Program {
  const logs = outLines(r.out);
  const stop: StopPlan | 'ignore' = r.trapsTerm ? quickStop(0, 100) : 'ignore';
  switch (r.end.kind) {
    case 'exit':
      // A shell as PID 1 has no SIGTERM handler unless the script traps it.
      return { ...exited(r.end.code, logs, r.at), stop };
    case 'forever':
      return plan({ logs, stop, memoryGrows: /\/dev\/zero/.test(src) || undefined, memoryBytes: 1 * MiB });
    case 'loop':
      return plan({ logs, stop, repeat: { from: r.at, every: r.end.every, lines: outLines(r.end.body), ...(fetches.length ? { fetches: [...new Set(fetches)] } : {}) }, memoryBytes: 1 * MiB });
    case 'takeover': {
      const p = r.end.program as Program;
      const off = r.at;
      return {
        ...p,
        logs: [...logs, ...p.logs.map((l) => ({ ...l, at: l.at + off }))],
        readyAt: p.readyAt + off,
        ...(p.exit ? { exit: { ...p.exit, at: p.exit.at + off } } : {}),
        ...(p.fsLater ? { fsLater: p.fsLater.map((l) => ({ ...l, at: l.at + off })) } : {}),
      };
    }
  }
}

function interpreter(argv: string[], ctx: RunContext, lang: 'node' | 'python' | 'php'): Program {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (argv.length === 1 || args.length === 0) return exited(0, [], 30);
  const file = args[0]!;
  const path = file.startsWith('/') ? file : `${ctx.workdir.replace(/\/$/, '')}/${file}`;
  if (ctx.fs.read(path) === undefined && ctx.fs.read(`${path}.js`) === undefined) {
    if (lang === 'node') return exited(1, lines(60, ['node:internal/modules/cjs/loader:1228', '  throw err;', '  ^', '', `Error: Cannot find module '${path}'`, '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)', '    at Module._load (node:internal/modules/cjs/loader:1051:27)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)', '    at node:internal/main/run_main_module:28:49 {', "  code: 'MODULE_NOT_FOUND',", '  requireStack: []', '}', '', `Node.js v${ctx.image.env.NODE_VERSION ?? ''}`]), 60);
    if (lang === 'python') return exited(2, lines(40, [`${base(argv[0]!)}: can't open file '${path}': [Errno 2] No such file or directory`]), 40);
    return exited(1, lines(40, [`Could not open input file: ${file}`]), 40);
  }
  // The app's own code is not run: it is taken to be a long-running server.
  return plan({ readyAt: 300, stop: 'ignore', memoryBytes: 40 * MiB });
}

/** A server whose start-up is a line or two: enough to see it come up. */
function simple(port: number, readyAt: number, texts: (at: number) => string[]): Program {
  return plan({ logs: lines(readyAt, texts(readyAt)), readyAt, listens: [port], answer: () => 'empty', stop: quickStop(0, 300), memoryBytes: 30 * MiB });
}

/** A small generic server (busybox httpd, nc -l, python -m http.server): no SIGTERM handler. */
function simpleServer(port: number, kind: 'busybox' | 'python' | 'none', logs: string[], bindLine: string, ctx: RunContext): Program {
  const v = ctx.image.env.PYTHON_VERSION ?? '3';
  return plan({
    logs: lines(0, logs), readyAt: 0, listens: [port], stop: 'ignore',
    bindFailure: () => ({ logs: [bindLine], code: 1, after: 0 }),
    answer:
      kind === 'none'
        ? () => 'empty'
        : kind === 'python'
          ? (req) =>
              req.path === '/'
                ? { status: 200, body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="bin/">bin/</a></li>\n<li><a href="etc/">etc/</a></li>\n<li><a href="usr/">usr/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n', server: `SimpleHTTP/0.6 Python/${v}` }
                : { status: 404, body: 'File not found\n', server: `SimpleHTTP/0.6 Python/${v}` }
          : (req) => {
              const body = ctx.fs.read(`/var/www${req.path === '/' ? '/index.html' : req.path}`);
              return body !== undefined ? { status: 200, body } : { status: 404, body: '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n' };
            },
  });
}

/** Runs the entrypoint's templating now (it writes files); its lines are made when read. */
function nginxEntrypoint(image: ImageConfig, ctx: RunContext): () => LogLine[] {
  const v = image.version ?? '';
  // 20-envsubst-on-templates.sh: /etc/nginx/templates/*.template -> /etc/nginx/conf.d/* with the environment substituted.
  const rendered: string[] = [];
  for (const t of ctx.fs.list?.('/etc/nginx/templates') ?? []) {
    if (!t.endsWith('.template')) continue;
    const target = `/etc/nginx/conf.d/${t.slice('/etc/nginx/templates/'.length, -'.template'.length)}`;
    const text = ctx.fs.read(t) ?? '';
    ctx.fs.write(target, text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => ctx.env[(a ?? b)!] ?? m));
    rendered.push(`20-envsubst-on-templates.sh: Running envsubst on ${t} to ${target}`);
  }
  return nginxEntrypointLines(v, rendered);
}

/** Made in a scope of their own: a closure made above would keep the whole run context (env, files, network) with it. */
function nginxEntrypointLines(v: string, rendered: string[]): () => LogLine[] {
  const ep = '/docker-entrypoint.sh';
  return () => {
    const out = [`${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`, `${ep}: Looking for shell scripts in /docker-entrypoint.d/`, `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf', '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'];
    if (versionAtLeast(v, '1.25.3')) out.push(`${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
    out.push(`${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`, ...rendered);
    if (versionAtLeast(v, '1.21')) out.push(`${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
    out.push(`${ep}: Configuration complete; ready for start up`);
    return lines(40, out);
  };
}

const NGINX_GCC: Record<string, string> = { stretch: 'built by gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ', buster: 'built by gcc 8.3.0 (Debian 8.3.0-6) ', bullseye: 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ', bookworm: 'built by gcc 12.2.0 (Debian 12.2.0-14) ', trixie: 'built by gcc 14.2.0 (Debian 14.2.0-19) ' };

/** What every nginx does the same way, shared: made per container, its closures and pages were ~700 bytes of each. */
const nginxAccessLog = (req: HttpRequest, ans: HttpAnswer, now: number) => `${req.client} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${ans.status} ${ans.body.length} "-" "${req.agent}" "-"`;
const nginxBindFailure = (p: number, now: number) => {
  const msg = `bind() to 0.0.0.0:${p} failed (98: Address already in use)`;
  const t = nginxTime(now);
  return { logs: [`${t} [emerg] 1#1: ${msg}`, `nginx: [emerg] ${msg}`, `${t} [emerg] 1#1: still could not bind()`, 'nginx: [emerg] still could not bind()'], code: 1, after: 2_500 };
};
const NGINX_STOP: StopPlan = Object.freeze<StopPlan>({
  after: 100,
  code: 0,
  logs: (stopAt) => {
    const s = (off: number, who: string, msg: string): LogLine => ({ at: off, text: `${nginxTime(stopAt + off)} [notice] ${who}: ${msg}`, stream: 'stderr' });
    return [s(0, '1#1', 'signal 3 (SIGQUIT) received, shutting down'), s(1, '29#29', 'gracefully shutting down'), s(2, '29#29', 'exiting'), s(3, '29#29', 'exit'), s(50, '1#1', 'signal 17 (SIGCHLD) received from 29'), s(51, '1#1', 'worker process 29 exited with code 0'), s(52, '1#1', 'exit')];
  },
});

function nginxAnswer(fs: ContainerFs, ver: string, req: HttpRequest): HttpAnswer {
  const path = req.path.split('?')[0]!;
  const body = fs.read(`/usr/share/nginx/html${path.endsWith('/') ? `${path}index.html` : path}`);
  // A directory without index.html (an empty volume mounted on the web root): 'directory index ... is forbidden'.
  if (body === undefined && path.endsWith('/')) return { status: 403, body: `<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>${ver}</center>\n</body>\n</html>\n`, server: ver };
  return body !== undefined ? { status: 200, body: req.method === 'HEAD' ? '' : body, server: ver } : { status: 404, body: `<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>${ver}</center>\n</body>\n</html>\n`, server: ver };
}

function nginxStartLines(started: number, ver: string, gcc: string): LogLine[] {
  const n = (at: number, msg: string): LogLine => ({ at, text: `${nginxTime(started + at)} [notice] 1#1: ${msg}`, stream: 'stderr' });
  return [n(120, 'using the "epoll" event method'), n(120, ver), n(120, gcc), n(120, `OS: Linux 6.8.0-51-generic`), n(120, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576'), n(121, 'start worker processes'), n(121, 'start worker process 29'), n(121, 'start worker process 30')];
}

function nginx(image: ImageConfig, ctx: RunContext): Program {
  const ver = `nginx/${image.version ?? ''}`;
  const gcc = image.distro.id === 'alpine' ? 'built by gcc 14.2.0 (Alpine 14.2.0) ' : (NGINX_GCC[image.distro.release] ?? 'built by gcc 14.2.0 (Debian 14.2.0-19) ');
  // The closures keep these alone, not ctx (its environment and network were kept for as long as the container).
  const { fs, now: started } = ctx;
  return plan({
    lazyLogs: () => nginxStartLines(started, ver, gcc),
    readyAt: 121,
    listens: [80],
    answer: (req) => nginxAnswer(fs, ver, req),
    accessLog: nginxAccessLog,
    bindFailure: nginxBindFailure,
    stop: NGINX_STOP,
    memoryBytes: 8 * MiB,
  });
}

function httpd(image: ImageConfig, ctx: RunContext): Program {
  const v = image.version ?? '';
  const server = `Apache/${v} (Unix)`;
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.ip}. Set the 'ServerName' directive globally to suppress this message`;
  return plan({
    logs: [{ at: 30, text: fqdn, stream: 'stderr' }, { at: 31, text: fqdn, stream: 'stderr' }, { at: 40, text: `[${httpdTime(ctx.now + 40)}] [mpm_event:notice] [pid 1:tid 1] AH00489: ${server} configured -- resuming normal operations`, stream: 'stderr' }, { at: 40, text: `[${httpdTime(ctx.now + 40)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`, stream: 'stderr' }],
    readyAt: 40,
    listens: [80],
    answer: (req) => {
      const body = ctx.fs.read(`/usr/local/apache2/htdocs${req.path === '/' ? '/index.html' : req.path}`) ?? (req.path === '/' ? HTTPD_INDEX : undefined);
      return body !== undefined ? { status: 200, body, server } : { status: 404, body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', server };
    },
    accessLog: (req, ans, now) => `${req.client} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${ans.status} ${ans.body.length}`,
    bindFailure: (p) => ({ logs: [`(98)Address already in use: AH00072: make_sock: could not bind to address [::]:${p}`, `(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:${p}`, 'no listening sockets available, shutting down', 'AH00015: Unable to open logs'], code: 1, after: 50 }),
    stop: { after: 100, code: 0, logs: (stopAt) => [{ at: 0, text: `[${httpdTime(stopAt)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`, stream: 'stderr' }] },
    memoryBytes: 12 * MiB,
  });
}

function redis(image: ImageConfig, ctx: RunContext, port: number): Program {
  const v = image.version ?? '';
  const r = (at: number, role: string, mark: string, msg: string): LogLine => ({ at, text: `1:${role} ${redisTime(ctx.now + at)} ${mark} ${msg}` });
  return plan({
    logs: [
      r(20, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      r(20, 'C', '*', `Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`),
      r(20, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      r(21, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
      r(22, 'M', '*', `Running mode=standalone, port=${port}.`),
      r(22, 'M', '*', 'Server initialized'),
      r(23, 'M', '*', 'Ready to accept connections tcp'),
    ],
    readyAt: 23,
    listens: [port],
    answer: () => 'empty',
    bindFailure: (p, now) => ({ logs: [`1:M ${redisTime(now)} # Warning: Could not create server TCP listening socket *:${p}: bind: Address already in use`, `1:M ${redisTime(now)} # Failed listening on port ${p} (tcp), aborting.`], code: 1, after: 10 }),
    stop: {
      after: 100,
      code: 0,
      logs: (stopAt) => {
        const s = (off: number, mark: string, msg: string): LogLine => ({ at: off, text: `1:M ${redisTime(stopAt + off)} ${mark} ${msg}` });
        return [{ at: 0, text: `1:signal-handler (${Math.floor(stopAt / 1000)}) Received SIGTERM scheduling shutdown...` }, s(90, '*', 'User requested shutdown...'), s(91, '*', 'Saving the final RDB snapshot before exiting.'), s(95, '*', 'DB saved on disk'), s(96, '#', 'Redis is now ready to exit, bye bye...')];
      },
    },
    memoryBytes: 4 * MiB,
  });
}

function postgres(image: ImageConfig, ctx: RunContext): Program {
  const v = image.version ?? '';
  const data = ctx.env.PGDATA ?? image.env.PGDATA ?? '/var/lib/postgresql/data';
  const pg = (at: number, pid: number, msg: string): LogLine => ({ at, text: `${pgTime(ctx.now + at)} [${pid}] LOG:  ${msg}` });
  const version = image.distro.id === 'alpine' ? `PostgreSQL ${v} on x86_64-pc-linux-musl, compiled by gcc (Alpine 14.2.0) 14.2.0, 64-bit` : `PostgreSQL ${v} (Debian ${image.env.PG_VERSION ?? v}) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`;
  const initialised = ctx.fs.read(`${data}/PG_VERSION`) !== undefined;
  const logs: LogLine[] = [];
  let off = 30;
  if (!initialised) {
    if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      return { ...exited(1, lines(30, ['Error: Database is uninitialized and superuser password is not specified.', '       You must specify POSTGRES_PASSWORD to a non-empty value for the', '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".', '', '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all', '       connections without a password. This is *not* recommended.', '', '       See PostgreSQL documentation about "trust":', '       https://www.postgresql.org/docs/current/auth-trust.html']), 60), readyAt: Infinity };
    }
    logs.push(...['The files belonging to this database system will be owned by user "postgres".', 'This user must also own the server process.', '', 'The database cluster will be initialized with locale "en_US.utf8".', 'The default database encoding has accordingly been set to "UTF8".', 'The default text search configuration will be set to "english".', '', 'Data page checksums are disabled.', '', `fixing permissions on existing directory ${data} ... ok`, 'creating subdirectories ... ok', 'selecting dynamic shared memory implementation ... posix', 'selecting default max_connections ... 100', 'selecting default shared_buffers ... 128MB', 'selecting default time zone ... Etc/UTC', 'creating configuration files ... ok'].map((text, i) => ({ at: off + i * 2, text })));
    logs.push(...['running bootstrap script ... ok', 'performing post-bootstrap initialization ... ok', 'syncing data to disk ... ok', '', '', 'Success. You can now start the database server using:', '', `    pg_ctl -D ${data} -l logfile start`, ''].map((text, i) => ({ at: 400 + i * 150, text })));
    off = 1200;
    logs.push(
      { at: off, text: 'initdb: warning: enabling "trust" authentication for local connections' },
      { at: off, text: 'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.' },
      { at: off + 10, text: `waiting for server to start....${pgTime(ctx.now + off + 10)} [48] LOG:  starting ${version}` },
      pg(off + 20, 48, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      pg(off + 30, 51, `database system was shut down at ${pgTime(ctx.now + off).replace(/\.\d+ /, ' ')}`),
      pg(off + 40, 48, 'database system is ready to accept connections'),
      ...lines(off + 150, [' done', 'server started', '', '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*', '']),
      { at: off + 200, text: `waiting for server to shut down...${pgTime(ctx.now + off + 200)} [48] LOG:  received fast shutdown request` },
      pg(off + 210, 48, 'aborting any active transactions'),
      pg(off + 220, 48, 'background worker "logical replication launcher" (PID 54) exited with exit code 1'),
      pg(off + 230, 49, 'shutting down'),
      pg(off + 240, 49, 'checkpoint starting: shutdown immediate'),
      pg(off + 300, 48, 'database system is shut down'),
      ...lines(off + 310, [' done', 'server stopped', '', 'PostgreSQL init process complete; ready for start up.', '']),
    );
    ctx.fs.write(`${data}/PG_VERSION`, `${v.split('.')[0]}\n`);
    ctx.fs.write(`${data}/postgresql.conf`, "listen_addresses = '*'\n");
    off = 1600;
  } else {
    logs.push(...lines(off, ['', 'PostgreSQL Database directory appears to contain a database; Skipping initialization', '']));
    off = 100;
  }
  logs.push(pg(off, 1, `starting ${version}`), pg(off + 5, 1, 'listening on IPv4 address "0.0.0.0", port 5432'), pg(off + 5, 1, 'listening on IPv6 address "::", port 5432'), pg(off + 10, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'), pg(off + 20, 62, `database system was shut down at ${pgTime(ctx.now + off - 100).replace(/\.\d+ /, ' ')}`), pg(off + 30, 1, 'database system is ready to accept connections'));
  return plan({
    logs,
    readyAt: off + 30,
    listens: [5432],
    answer: () => 'empty',
    bindFailure: (_p, now) => ({ logs: [`${pgTime(now)} [1] LOG:  could not bind IPv4 address "0.0.0.0": Address already in use`, `${pgTime(now)} [1] FATAL:  could not create any TCP/IP sockets`], code: 1, after: 1_500 }),
    stop: {
      after: 300,
      code: 0,
      logs: (stopAt) => {
        const s = (o: number, pid: number, msg: string): LogLine => ({ at: o, text: `${pgTime(stopAt + o)} [${pid}] LOG:  ${msg}` });
        return [s(0, 1, 'received fast shutdown request'), s(10, 1, 'aborting any active transactions'), s(20, 1, 'background worker "logical replication launcher" (PID 65) exited with exit code 1'), s(30, 60, 'shutting down'), s(40, 60, 'checkpoint starting: shutdown immediate'), s(290, 1, 'database system is shut down')];
      },
    },
    memoryBytes: 40 * MiB,
  });
}

function mysql(image: ImageConfig, ctx: RunContext, flavour: 'mysql' | 'mariadb'): Program {
  const v = image.version ?? '';
  const hasPassword = ['ROOT_PASSWORD', 'ALLOW_EMPTY_PASSWORD', 'RANDOM_ROOT_PASSWORD'].some((k) => ctx.env[`MYSQL_${k}`] || ctx.env[`MARIADB_${k}`]);
  const stamp = (at: number) => mysqlTime(ctx.now + at).replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
  const note = (at: number, msg: string): LogLine => ({ at, text: `${stamp(at)} [Note] [Entrypoint]: ${msg}` });
  const server = flavour === 'mysql' ? `MySQL Server ${image.env.MYSQL_VERSION ?? v}` : `MariaDB Server ${image.env.MARIADB_VERSION ?? v}`;
  if (!hasPassword && ctx.fs.read('/var/lib/mysql/ibdata1') === undefined) {
    const up = flavour.toUpperCase();
    return { ...exited(1, [note(30, `Entrypoint script for ${server} started.`), { at: 40, text: `${stamp(40)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified` }, ...lines(40, ['\tYou need to specify one of the following as an environment variable:', `\t- ${up}_ROOT_PASSWORD`, `\t- ${up}_ALLOW_EMPTY_PASSWORD`, `\t- ${up}_RANDOM_ROOT_PASSWORD`])], 50), readyAt: Infinity };
  }
  ctx.fs.write('/var/lib/mysql/ibdata1', 'innodb\n');
  const ready = 3500;
  if (flavour === 'mariadb') {
    const mt = (at: number) => pgTime(ctx.now + at).slice(0, 19).replace(/ 0(\d):/, '  $1:');
    return plan({
      logs: [note(30, `Entrypoint script for ${server} started.`), note(200, "Switching to dedicated user 'mysql'"), { at: ready - 10, text: `${mt(ready)} 0 [Note] Server socket created on IP: '0.0.0.0'.` }, { at: ready, text: `${mt(ready)} 0 [Note] mariadbd: ready for connections.` }, { at: ready, text: `Version: '${v}-MariaDB-ubu2404'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution` }],
      readyAt: ready, listens: [3306], answer: () => 'empty', stop: quickStop(0, 800), memoryBytes: 90 * MiB,
    });
  }
  return plan({
    logs: [note(30, `Entrypoint script for ${server} started.`), note(200, "Switching to dedicated user 'mysql'"), note(210, `Entrypoint script for ${server} started.`), { at: ready - 20, text: `${mysqlTime(ctx.now + ready - 20)} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock` }, { at: ready, text: `${mysqlTime(ctx.now + ready)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.` }],
    readyAt: ready, listens: [3306, 33060], answer: () => 'empty', stop: quickStop(0, 1500), memoryBytes: 360 * MiB,
  });
}

function mongo(ctx: RunContext): Program {
  const j = (at: number, c: string, id: number, context: string, msg: string, attr: string): LogLine => ({ at, text: `{"t":{"$date":"${mongoTime(ctx.now + at)}"},"s":"I",  "c":"${c}", "id":${id},${' '.repeat(Math.max(1, 7 - String(id).length))}"ctx":"${context}","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}` });
  return plan({
    logs: [j(200, 'CONTROL', 23285, 'main', "Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'", ''), j(210, 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${ctx.hostname}"}`), j(900, 'NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}'), j(900, 'NETWORK', 23016, 'listener', 'Waiting for connections', '{"port":27017,"ssl":"off"}')],
    readyAt: 900, listens: [27017], answer: () => 'empty', stop: quickStop(0, 500), memoryBytes: 80 * MiB,
  });
}

function wordpress(image: ImageConfig, ctx: RunContext): Program {
  const p = simple(80, 900, (at) => ['WordPress not found in /var/www/html - copying now...', 'Complete! WordPress has been successfully copied to /var/www/html', `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.ip}. Set the 'ServerName' directive globally to suppress this message`, `[${httpdTime(ctx.now + at)}] [mpm_prefork:notice] [pid 1:tid 1] AH00163: Apache/2.4.62 (Debian) PHP/${image.env.PHP_VERSION ?? ''} configured -- resuming normal operations`]);
  return { ...p, answer: () => ({ status: 200, body: '<!DOCTYPE html>\n<html lang="en-US">\n<head><title>WordPress &rsaquo; Installation</title></head>\n</html>\n', server: 'Apache/2.4.62 (Debian)' }) };
}

/** `perl -Mbignum=bpi -wle 'print bpi(N)'`, the Job example: pi to N digits after a few seconds of work. */
function perl(argv: string[]): Program {
  const src = argv.slice(1).join(' ');
  const m = /bpi\((\d+)\)/.exec(src);
  if (!m) {
    const e = argv.indexOf('-e') >= 0 ? argv.indexOf('-e') : argv.indexOf('-le');
    const print = e >= 0 ? /print\s+"([^"]*)"/.exec(argv[e + 1] ?? '')?.[1] : undefined;
    return exited(0, print !== undefined ? lines(30, [print.replace(/\\n$/, '')]) : [], 50);
  }
  const digits = Math.min(Number(m[1]), 10_000);
  return { ...exited(0, lines(1_000 + digits * 2, [piDigits(digits)]), 1_000 + digits * 2), memoryBytes: 12 * MiB };
}

/** Pi rounded to n significant digits (Machin's formula in fixed point), as Math::BigFloat prints it. */
export function piDigits(n: number): string {
  if (n <= 0) return '0';
  const guard = 10n;
  const scale = 10n ** (BigInt(n) + guard);
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += ((k - 1n) / 2n) % 2n === 0n ? term / k : -(term / k);
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  const unit = 10n ** (guard + 1n);
  const rounded = (pi + unit / 2n) / unit;
  const s = rounded.toString();
  return n === 1 ? s : `${s[0]}.${s.slice(1)}`;
}

function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)/i.exec(s);
  if (!m) return 256 * MiB;
  const mult = { '': 1, K: 1024, M: MiB, G: 1024 * MiB }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * mult;
}

const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/
`;
