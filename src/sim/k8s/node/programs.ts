/**
 * What a container's main process does, decided from its image and the pod's
 * command/args: which lines it logs and when, whether it exits (and how),
 * which ports it binds, how it answers HTTP and whether it honours SIGTERM.
 * A tiny reading of `sh -c` scripts covers the commands lessons use.
 */
import type { CatalogImage } from './images.ts';

export interface ProgramContext {
  now: number;
  podIP: string;
  hostname: string;
  env: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  body: string;
  server?: string;
}

export type Ending = { kind: 'exit'; afterMs: number; code: number } | { kind: 'run' };

export interface Program {
  /** Lines written at given offsets after start. */
  lines(ctx: ProgramContext): { atMs: number; line: string }[];
  ending: Ending;
  /** Repeated after the scripted lines (a `while true` loop). */
  loop?: { periodMs: number; lines: string[] };
  listens: number[];
  /** Lines and exit code when a port is already bound in the pod's network namespace. */
  bindFailure(port: number, ctx: ProgramContext): { lines: string[]; code: number; afterMs: number };
  /** Answer on a bound port; 'empty' for a non-HTTP server (curl: (52)). */
  answer?(method: string, path: string): HttpAnswer | 'empty';
  /** Access-log line for a request, if the server writes one to stdout. */
  accessLog?(client: string, method: string, path: string, status: number, bytes: number, agent: string, now: number): string;
  /** PID 1 without a TERM handler ignores SIGTERM and is SIGKILLed at the end of the grace period. */
  honoursSigterm: boolean;
  stopLines?(ctx: ProgramContext): string[];
  memoryBytes: number;
  /** Memory grows without bound (`tail /dev/zero`). */
  memoryGrows?: boolean;
  /** The runtime could not exec argv[0] (StartError). */
  startError?: string;
}

const MiB = 1024 * 1024;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: pad(d.getUTCHours()), mi: pad(d.getUTCMinutes()), s: pad(d.getUTCSeconds()), ms: pad(d.getUTCMilliseconds(), 3), wd: d.getUTCDay() };
}
const nginxTime = (ms: number) => {
  const p = parts(ms);
  return `${p.y}/${pad(p.mo + 1)}/${pad(p.d)} ${p.h}:${p.mi}:${p.s}`;
};
const clfTime = (ms: number) => {
  const p = parts(ms);
  return `${pad(p.d)}/${MONTHS[p.mo]}/${p.y}:${p.h}:${p.mi}:${p.s} +0000`;
};
const apacheTime = (ms: number) => {
  const p = parts(ms);
  return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${pad(p.d)} ${p.h}:${p.mi}:${p.s}.${p.ms}000 ${p.y}`;
};
const redisTime = (ms: number) => {
  const p = parts(ms);
  return `${pad(p.d)} ${MONTHS[p.mo]} ${p.y} ${p.h}:${p.mi}:${p.s}.${p.ms}`;
};
const pgTime = (ms: number) => {
  const p = parts(ms);
  return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)} ${p.h}:${p.mi}:${p.s}.${p.ms} UTC`;
};

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const at0 = (lines: string[]) => lines.map((line) => ({ atMs: 0, line }));

function nginx(port: number): Program {
  const ver = 'nginx/1.27.5';
  return {
    lines: (c) => [
      ...at0([
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ]),
      ...['using the "epoll" event method', ver, 'built by gcc 12.2.0 (Debian 12.2.0-14) ', 'OS: Linux 6.8.0-51-generic', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes', 'start worker process 29', 'start worker process 30'].map(
        (m) => ({ atMs: 20, line: `${nginxTime(c.now + 20)} [notice] 1#1: ${m}` }),
      ),
    ],
    ending: { kind: 'run' },
    listens: [port],
    bindFailure: (p, c) => {
      const msg = `bind() to 0.0.0.0:${p} failed (98: Address already in use)`;
      const t = nginxTime(c.now);
      return { lines: [`${t} [emerg] 1#1: ${msg}`, `nginx: [emerg] ${msg}`, `${t} [emerg] 1#1: still could not bind()`, 'nginx: [emerg] still could not bind()'], code: 1, afterMs: 2_500 };
    },
    answer: (_m, path) =>
      path === '/' || path === '/index.html'
        ? { status: 200, body: NGINX_WELCOME, server: ver }
        : { status: 404, body: `<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>${ver}</center>\n</body>\n</html>\n`, server: ver },
    accessLog: (client, m, path, status, bytes, agent, now) => `${client} - - [${clfTime(now)}] "${m} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" "-"`,
    honoursSigterm: true,
    stopLines: (c) => [`${nginxTime(c.now)} [notice] 1#1: signal 15 (SIGTERM) received, exiting`, `${nginxTime(c.now)} [notice] 1#1: exit`],
    memoryBytes: 8 * MiB,
  };
}

function httpd(): Program {
  return {
    lines: (c) => [
      ...at0([
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP}. Set the 'ServerName' directive globally to suppress this message`,
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${c.podIP}. Set the 'ServerName' directive globally to suppress this message`,
      ]),
      { atMs: 30, line: `[${apacheTime(c.now + 30)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations` },
      { atMs: 30, line: `[${apacheTime(c.now + 30)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'` },
    ],
    ending: { kind: 'run' },
    listens: [80],
    bindFailure: (p) => ({
      lines: [`(98)Address already in use: AH00072: make_sock: could not bind to address [::]:${p}`, `(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:${p}`, 'no listening sockets available, shutting down', 'AH00015: Unable to open logs'],
      code: 1,
      afterMs: 50,
    }),
    answer: (_m, path) =>
      path === '/' || path === '/index.html'
        ? { status: 200, body: '<html><body><h1>It works!</h1></body></html>\n', server: 'Apache/2.4.63 (Unix)' }
        : { status: 404, body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', server: 'Apache/2.4.63 (Unix)' },
    accessLog: (client, m, path, status, bytes, _agent, now) => `${client} - - [${clfTime(now)}] "${m} ${path} HTTP/1.1" ${status} ${bytes}`,
    honoursSigterm: true,
    memoryBytes: 12 * MiB,
  };
}

function redis(port: number): Program {
  return {
    lines: (c) => {
      const t = redisTime(c.now);
      return at0([
        `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${t} * monotonic clock: POSIX clock_gettime`,
        `1:M ${t} * Running mode=standalone, port=${port}.`,
        `1:M ${t} * Server initialized`,
        `1:M ${t} * Ready to accept connections tcp`,
      ]);
    },
    ending: { kind: 'run' },
    listens: [port],
    bindFailure: (p, c) => ({
      lines: [`1:M ${redisTime(c.now)} # Warning: Could not create server TCP listening socket *:${p}: bind: Address already in use`, `1:M ${redisTime(c.now)} # Failed listening on port ${p} (tcp), aborting.`],
      code: 1,
      afterMs: 10,
    }),
    answer: () => 'empty',
    honoursSigterm: true,
    memoryBytes: 4 * MiB,
  };
}

function postgres(env: Record<string, string>): Program {
  if (!env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    return exiting(
      [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
      ],
      1,
      50,
    );
  }
  return {
    lines: (c) =>
      [
        'The files belonging to this database system will be owned by user "postgres".',
        'Success. You can now start the database server using:',
        'PostgreSQL init process complete; ready for start up.',
      ]
        .map((line) => ({ atMs: 0, line }))
        .concat(
          [
            'starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit',
            'listening on IPv4 address "0.0.0.0", port 5432',
            'listening on IPv6 address "::", port 5432',
            'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
            'database system is ready to accept connections',
          ].map((m) => ({ atMs: 1_500, line: `${pgTime(c.now + 1_500)} [1] LOG:  ${m}` })),
        ),
    ending: { kind: 'run' },
    listens: [5432],
    bindFailure: (_p, c) => ({ lines: [`${pgTime(c.now)} [1] LOG:  could not bind IPv4 address "0.0.0.0": Address already in use`, `${pgTime(c.now)} [1] FATAL:  could not create any TCP/IP sockets`], code: 1, afterMs: 1_500 }),
    answer: () => 'empty',
    honoursSigterm: true,
    memoryBytes: 40 * MiB,
  };
}

/** A small generic server (busybox httpd, nc -l, python -m http.server). */
function simpleServer(port: number, opts: { http: 'busybox' | 'python' | 'none'; lines?: string[]; bindLine: string; sigterm: boolean }): Program {
  return {
    lines: () => at0(opts.lines ?? []),
    ending: { kind: 'run' },
    listens: [port],
    bindFailure: () => ({ lines: [opts.bindLine], code: 1, afterMs: 0 }),
    answer:
      opts.http === 'none'
        ? () => 'empty'
        : opts.http === 'python'
          ? (_m, path) =>
              path === '/'
                ? { status: 200, body: '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="bin/">bin/</a></li>\n<li><a href="etc/">etc/</a></li>\n<li><a href="usr/">usr/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n', server: 'SimpleHTTP/0.6 Python/3.13.1' }
                : { status: 404, body: 'File not found\n', server: 'SimpleHTTP/0.6 Python/3.13.1' }
          : () => ({ status: 404, body: '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n' }),
    honoursSigterm: opts.sigterm,
    memoryBytes: 2 * MiB,
  };
}

function exiting(lines: string[], code: number, afterMs = 0): Program {
  return {
    lines: () => lines.map((line) => ({ atMs: 0, line })),
    ending: { kind: 'exit', afterMs, code },
    listens: [],
    bindFailure: () => ({ lines: [], code, afterMs }),
    honoursSigterm: false,
    memoryBytes: 1 * MiB,
  };
}

/** argv as Kubernetes builds it: command replaces ENTRYPOINT, args replaces CMD. */
export function effectiveArgv(image: CatalogImage, command?: string[], args?: string[]): string[] {
  if (command?.length) return [...command, ...(args ?? [])];
  return [...image.entrypoint, ...(args ?? image.cmd)];
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
/** Binaries programFor models itself; any other binary a script runs is a quiet utility (no endless script <-> programFor loop). */
const PROGRAMS = new Set(['pause', 'nginx', 'httpd-foreground', 'httpd', 'redis-server', 'postgres', 'nc', 'python', 'python3', 'node', 'curl', 'stress', 'sh', 'bash', 'perl', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'coredns']);
const ENTRYPOINT_WRAPPERS = new Set(['docker-entrypoint.sh', 'entrypoint.sh']);

/** Decides what a container does. */
export function programFor(image: CatalogImage, argvIn: string[], env: Record<string, string>): Program {
  let argv = argvIn;
  while (argv.length && ENTRYPOINT_WRAPPERS.has(base(argv[0]!))) argv = argv.slice(1);
  if (argv.length === 0) return exiting([], 0);
  const bin = base(argv[0]!);
  if (!image.binaries.includes(bin) && !(bin === 'pause' && image.repository.endsWith('/pause')) && bin !== 'httpd-foreground') {
    return { ...exiting([], 128), startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH: unknown` };
  }
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  switch (bin) {
    case 'pause':
      return { ...exiting([], 0), ending: { kind: 'run' }, honoursSigterm: true };
    case 'nginx':
      return nginx(80);
    case 'httpd-foreground':
      return httpd();
    case 'httpd':
      if (image.server === 'httpd') return httpd();
      // busybox httpd daemonizes without -f: PID 1 returns at once.
      if (!argv.includes('-f')) return exiting([], 0);
      return simpleServer(Number(flag('-p') ?? 80), { http: 'busybox', bindLine: 'httpd: bind: Address in use', sigterm: false });
    case 'redis-server':
      return redis(Number(flag('--port') ?? 6379));
    case 'postgres':
      return postgres(env);
    case 'nc':
      if (argv.some((a) => /^-\w*l/.test(a))) return simpleServer(Number(flag('-p') ?? argv.at(-1)), { http: 'none', bindLine: 'nc: bind: Address in use', sigterm: false });
      return exiting(['BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.'], 1);
    case 'python':
    case 'python3':
      if (argv[1] === '-m' && argv[2] === 'http.server') {
        const port = Number(argv[3] ?? 8000);
        return simpleServer(port, { http: 'python', lines: [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`], bindLine: 'OSError: [Errno 98] Address already in use', sigterm: false });
      }
      if (argv.length === 1) return { ...exiting([], 0), memoryBytes: 10 * MiB };
      return exiting([`${bin}: can't open file '/${argv[1]}': [Errno 2] No such file or directory`], 2);
    case 'node':
      if (argv.length === 1) return { ...exiting([], 0), memoryBytes: 40 * MiB };
      return exiting(['node:internal/modules/cjs/loader:1252', '  throw err;', '  ^', '', `Error: Cannot find module '/${argv[1]}'`], 1);
    case 'curl':
      if (argv.length === 1) return exiting(["curl: try 'curl --help' or 'curl --manual' for more information"], 2);
      return exiting([], 0);
    case 'perl':
      return perl(argv);
    case 'etcd':
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler':
    case 'kube-proxy':
      return { ...exiting([], 0), ending: { kind: 'run' }, honoursSigterm: true, memoryBytes: 40 * MiB };
    case 'coredns':
      // The health (8080) and ready (8181) plugins answer the kubelet's probes.
      return { ...exiting(['.:53', 'CoreDNS-1.12.0', 'linux/amd64, go1.23.3'], 0), ending: { kind: 'run' }, listens: [8080, 8181], answer: (_m, path) => (path === '/health' || path === '/ready' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' }), honoursSigterm: true, memoryBytes: 12 * MiB };
    case 'stress': {
      const bytes = parseSize(flag('--vm-bytes') ?? '256M');
      return { ...exiting(['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd'], 0), ending: { kind: 'run' }, memoryBytes: bytes };
    }
    case 'sh':
    case 'bash':
      if (argv[1] === '-c' && argv[2] !== undefined) return script(image, argv[2], env);
      return exiting([], 0);
    default:
      return script(image, argv.map(quoteIfNeeded).join(' '), env);
  }
}

function quoteIfNeeded(a: string): string {
  return /\s/.test(a) ? `"${a}"` : a;
}

function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)/i.exec(s);
  if (!m) return 256 * MiB;
  const mult = { '': 1, K: 1024, M: MiB, G: 1024 * MiB }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * mult;
}

/** Splits a shell line on ; && newlines, outside quotes. */
function statements(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (q) {
      if (ch === q) q = '';
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n' || (ch === '&' && src[i + 1] === '&')) {
      if (ch === '&') i++;
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

function words(stmt: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(stmt))) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    out.push(m[2] !== undefined ? raw : raw.replace(/\$\{?(\w+)\}?/g, (_, n: string) => env[n] ?? ''));
  }
  return out;
}

type Line = { atMs: number; line: string | ((c: ProgramContext, at: number) => string) };

/** `sh -c` scripts: echo, sleep, exit, true/false, small utilities, while-true loops, trap, and exec of a server. */
function script(image: CatalogImage, src: string, env: Record<string, string>): Program {
  const stmts = statements(src);
  const lines: Line[] = [];
  let t = 0;
  let code = 0;
  let trapsTerm = false;
  let memoryGrows = false;
  for (let i = 0; i < stmts.length; i++) {
    const w = words(stmts[i]!, env);
    if (w[0] === 'exec') w.shift();
    const cmd = w[0];
    if (cmd === 'while' && (w[1] === 'true' || w[1] === ':')) {
      // while true; do BODY; done -> one iteration's lines, repeated by the loop timer.
      const body: string[] = [];
      let period = 0;
      for (i++; i < stmts.length && !/^done\b/.test(stmts[i]!); i++) {
        const bw = words(stmts[i]!.replace(/^do\s+/, ''), env);
        if (bw[0] === 'echo') body.push(bw.slice(1).filter((x) => x !== '-n').join(' '));
        if (bw[0] === 'sleep') period += Number(bw[1]) * 1000 || 1000;
      }
      return { ...base0(lines, trapsTerm, image), loop: { periodMs: period || 1000, lines: body } };
    }
    switch (cmd) {
      case 'echo':
        lines.push({ atMs: t, line: w.slice(1).filter((x) => x !== '-n').join(' ') });
        code = 0;
        break;
      case 'trap':
        if (w.some((x) => /TERM|15/.test(x))) trapsTerm = true;
        break;
      case 'sleep':
        if (w[1] === 'infinity') return base0(lines, trapsTerm, image);
        t += Math.round(Number(w[1] ?? 0) * 1000) || 0;
        code = 0;
        break;
      case 'exit':
        return { ...base0(lines, trapsTerm, image), ending: { kind: 'exit', afterMs: t, code: Number(w[1] ?? code) & 255 } };
      case 'true':
      case ':':
        code = 0;
        break;
      case 'false':
        code = 1;
        break;
      case 'tail':
        if (w.includes('/dev/zero')) memoryGrows = true;
        return { ...base0(lines, trapsTerm, image), memoryGrows };
      default: {
        if (!cmd) break;
        if (!image.binaries.includes(base(cmd)) && base(cmd) !== 'httpd-foreground') {
          lines.push({ atMs: t, line: `sh: ${cmd}: not found` });
          code = 127;
          break;
        }
        const u = utility(image, base(cmd), w.slice(1)) ?? (PROGRAMS.has(base(cmd)) ? undefined : { lines: [], code: 0 });
        if (u) {
          for (const line of u.lines) lines.push({ atMs: t, line });
          code = u.code;
          break;
        }
        // A server (or anything else) started as the last statement becomes the process.
        const p = programFor(image, w, env);
        const offset = t;
        const before = resolve(lines);
        return { ...p, lines: (c) => [...before(c), ...p.lines(c).map((l) => ({ ...l, atMs: l.atMs + offset }))], ending: p.ending.kind === 'exit' ? { ...p.ending, afterMs: p.ending.afterMs + offset } : p.ending };
      }
    }
  }
  // Without `set -e` the script runs on; its status is the last command's.
  return { ...base0(lines, trapsTerm, image), ending: { kind: 'exit', afterMs: t, code } };
}

const DEBIAN_LIKE = (image: CatalogImage) => image.binaries.includes('apt-get');

/**
 * Short-lived utilities a container command runs: what they print (some of it
 * only known at run time) and their exit status. Undefined: not a utility, the
 * program decides (servers, interpreters).
 */
function utility(image: CatalogImage, bin: string, args: string[]): { lines: Line['line'][]; code: number } | undefined {
  switch (bin) {
    case 'date':
      return { lines: [(_c, at) => dateLine(at)], code: 0 };
    case 'hostname':
      return { lines: [(c) => c.hostname], code: 0 };
    case 'whoami':
      return { lines: ['root'], code: 0 };
    case 'id':
      return { lines: [DEBIAN_LIKE(image) ? 'uid=0(root) gid=0(root) groups=0(root)' : 'uid=0(root) gid=0(root) groups=0(root),10(wheel)'], code: 0 };
    case 'uname':
      return { lines: [args.includes('-r') ? KERNEL : args.includes('-m') ? 'x86_64' : args.includes('-a') ? (c) => `Linux ${c.hostname} ${KERNEL} #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024 x86_64 GNU/Linux` : 'Linux'], code: 0 };
    case 'env':
    case 'printenv': {
      if (bin === 'printenv' && args[0]) return { lines: [(c) => c.env[args[0]!] ?? ''], code: 0 };
      return { lines: [(c) => [`HOSTNAME=${c.hostname}`, ...Object.entries(c.env).map(([k, v]) => `${k}=${v}`), 'HOME=/root'].join('\n')], code: 0 };
    }
    case 'ls':
    case 'cat':
    case 'ps':
    case 'kill':
    case 'wget':
    case 'nslookup':
    case 'ip':
    case 'ifconfig':
    case 'apt-get':
    case 'apk':
    case 'vi':
      // Their output depends on a filesystem and network this process model does not keep.
      return { lines: [], code: 0 };
    default:
      return undefined;
  }
}

const KERNEL = '6.8.0-51-generic';

/** `date` in the C locale, as busybox and coreutils print it in a UTC container. */
function dateLine(ms: number): string {
  const p = parts(ms);
  return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${pad(p.d)} ${p.h}:${p.mi}:${p.s} UTC ${p.y}`;
}

/** `perl -Mbignum=bpi -wle 'print bpi(N)'`, the Job example: pi to N digits after a few seconds of work. */
function perl(argv: string[]): Program {
  const src = argv.slice(1).join(' ');
  const m = /bpi\((\d+)\)/.exec(src);
  if (!m) return exiting([], 0, 50);
  const digits = Math.min(Number(m[1]), 10_000);
  return { ...exiting([piDigits(digits)], 0, 1_000 + digits * 2), memoryBytes: 12 * MiB };
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
  // n significant digits: one before the point, n - 1 after; round half up on the guard digits.
  const unit = 10n ** (guard + 1n);
  const rounded = (pi + unit / 2n) / unit;
  const s = rounded.toString();
  return n === 1 ? s : `${s[0]}.${s.slice(1)}`;
}

function resolve(lines: Line[]): (c: ProgramContext) => { atMs: number; line: string }[] {
  return (c) => lines.flatMap((l) => (typeof l.line === 'string' ? l.line : l.line(c, c.now + l.atMs)).split('\n').map((line) => ({ atMs: l.atMs, line })));
}

function base0(lines: Line[], trapsTerm: boolean, image: CatalogImage): Program {
  return {
    lines: resolve(lines),
    ending: { kind: 'run' },
    listens: [],
    bindFailure: () => ({ lines: [], code: 1, afterMs: 0 }),
    honoursSigterm: trapsTerm,
    memoryBytes: image.baseMemoryBytes,
  };
}
