import { httpdTime, mongoTime, mysqlTime, nginxTime, pgTime, redisTime } from './logtime.ts';
import { quickStop, type LogLine, type RunContext, type RunPlan } from './plan.ts';

/**
 * The images the simulator knows well: size as `docker images` shows it,
 * default entrypoint and command, exposed ports, files worth `cat`-ing, and
 * the start-up its real server goes through, in the server's own log format.
 */
export interface ImageSpec {
  repo: string;
  /** Tags that exist; the first is what `latest` points to. Any tag matching /^\d/ or a listed one is accepted. */
  tags: string[];
  /** Uncompressed size in bytes, as `docker images` reports it. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  exposed: string[];
  env: Record<string, string>;
  workdir: string;
  files: Record<string, string>;
  /** The server its entrypoint script puts in front of arguments that start with `-`. */
  flagsTo?: string;
  /** Executable names this image's server answers to (command overrides that keep the server behaviour). */
  binaries: string[];
  /** The server's start-up, or undefined for images whose default command is a shell or REPL. */
  serve?: (ctx: RunContext) => RunPlan;
  /** Port the server answers on, for exec curl/ping between services. */
  listens?: number;
  /** Body that `curl` gets from the server. */
  http?: (ctx: { fs: RunContext['fs'] }) => string;
  /** VOLUME paths declared by the image: Docker gives each an anonymous volume. */
  volumes?: string[];
}

const MB = 1_000_000;
const lines = (start: number, step: number, texts: string[]): LogLine[] => texts.map((text, i) => ({ at: start + i * step, text }));

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

function nginxServe(ctx: RunContext): RunPlan {
  const t = (off: number) => nginxTime(ctx.start + off);
  const ep = '/docker-entrypoint.sh';
  const logs = lines(40, 5, [
    `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${ep}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    `${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
    `${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
    `${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
    `${ep}: Configuration complete; ready for start up`,
  ]);
  const n = (off: number, msg: string) => ({ at: off, text: `${t(off)} [notice] 1#1: ${msg}` });
  logs.push(
    n(120, 'using the "epoll" event method'),
    n(120, `nginx/1.27.3`),
    n(120, 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) '),
    n(120, 'OS: Linux 6.10.14-linuxkit'),
    n(120, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    n(121, 'start worker processes'),
    n(121, 'start worker process 29'),
  );
  return {
    logs,
    readyAt: 121,
    stop: {
      after: 100,
      code: 0,
      logs: (stopAt) => {
        const s = (off: number, who: string, msg: string) => ({ at: off, text: `${nginxTime(stopAt + off)} [notice] ${who}: ${msg}` });
        return [
          s(0, '1#1', 'signal 3 (SIGQUIT) received, shutting down'),
          s(1, '29#29', 'gracefully shutting down'),
          s(2, '29#29', 'exiting'),
          s(3, '29#29', 'exit'),
          s(50, '1#1', 'signal 17 (SIGCHLD) received from 29'),
          s(51, '1#1', 'worker process 29 exited with code 0'),
          s(52, '1#1', 'exit'),
        ];
      },
    },
  };
}

const PG_DATA = '/var/lib/postgresql/data';

function pgServe(ctx: RunContext): RunPlan {
  const pg = (off: number, pid: number, msg: string): LogLine => ({ at: off, text: `${pgTime(ctx.start + off)} [${pid}] LOG:  ${msg}` });
  const version = 'PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit';
  const initialised = ctx.fs.read(`${PG_DATA}/PG_VERSION`) !== undefined;
  const logs: LogLine[] = [];
  let off = 30;
  if (!initialised) {
    if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      return {
        logs: lines(30, 1, [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ]),
        readyAt: Infinity,
        exit: { at: 60, code: 1 },
        stop: quickStop(),
      };
    }
    logs.push(...lines(off, 2, [
      'The files belonging to this database system will be owned by user "postgres".',
      'This user must also own the server process.',
      '',
      'The database cluster will be initialized with locale "en_US.utf8".',
      'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".',
      '',
      'Data page checksums are disabled.',
      '',
      `fixing permissions on existing directory ${PG_DATA} ... ok`,
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default max_connections ... 100',
      'selecting default shared_buffers ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
    ]));
    off = 400;
    logs.push(...lines(off, 150, ['running bootstrap script ... ok', 'performing post-bootstrap initialization ... ok', 'syncing data to disk ... ok', '', '', 'Success. You can now start the database server using:', '', `    pg_ctl -D ${PG_DATA} -l logfile start`, '']));
    off = 1200;
    logs.push(
      { at: off, text: 'initdb: warning: enabling "trust" authentication for local connections' },
      { at: off, text: 'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.' },
      { at: off + 10, text: `waiting for server to start....${pgTime(ctx.start + off + 10)} [48] LOG:  starting ${version}` },
      pg(off + 20, 48, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      pg(off + 30, 51, `database system was shut down at ${pgTime(ctx.start + off).replace(/\.\d+ /, ' ')}`),
      pg(off + 40, 48, 'database system is ready to accept connections'),
      ...lines(off + 150, 1, [' done', 'server started', '', '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*', '']),
      { at: off + 200, text: `waiting for server to shut down...${pgTime(ctx.start + off + 200)} [48] LOG:  received fast shutdown request` },
      pg(off + 210, 48, 'aborting any active transactions'),
      pg(off + 220, 48, 'background worker "logical replication launcher" (PID 54) exited with exit code 1'),
      pg(off + 230, 49, 'shutting down'),
      pg(off + 240, 49, 'checkpoint starting: shutdown immediate'),
      pg(off + 300, 48, 'database system is shut down'),
      ...lines(off + 310, 1, [' done', 'server stopped', '', 'PostgreSQL init process complete; ready for start up.', '']),
    );
    ctx.fs.write(`${PG_DATA}/PG_VERSION`, '16\n');
    ctx.fs.write(`${PG_DATA}/postgresql.conf`, "listen_addresses = '*'\n");
    off = 1600;
  } else {
    logs.push(...lines(off, 1, ['', 'PostgreSQL Database directory appears to contain a database; Skipping initialization', '']));
    off = 100;
  }
  logs.push(
    pg(off, 1, `starting ${version}`),
    pg(off + 5, 1, 'listening on IPv4 address "0.0.0.0", port 5432'),
    pg(off + 5, 1, 'listening on IPv6 address "::", port 5432'),
    pg(off + 10, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    pg(off + 20, 62, `database system was shut down at ${pgTime(ctx.start + off - 100).replace(/\.\d+ /, ' ')}`),
    pg(off + 30, 1, 'database system is ready to accept connections'),
  );
  return {
    logs,
    readyAt: off + 30,
    stop: {
      after: 300,
      code: 0,
      logs: (stopAt) => {
        const s = (off: number, pid: number, msg: string) => ({ at: off, text: `${pgTime(stopAt + off)} [${pid}] LOG:  ${msg}` });
        return [
          s(0, 1, 'received fast shutdown request'),
          s(10, 1, 'aborting any active transactions'),
          s(20, 1, 'background worker "logical replication launcher" (PID 65) exited with exit code 1'),
          s(30, 60, 'shutting down'),
          s(40, 60, 'checkpoint starting: shutdown immediate'),
          s(290, 1, 'database system is shut down'),
        ];
      },
    },
  };
}

function redisServe(ctx: RunContext): RunPlan {
  const r = (off: number, role: string, mark: string, msg: string): LogLine => ({ at: off, text: `1:${role} ${redisTime(ctx.start + off)} ${mark} ${msg}` });
  return {
    logs: [
      r(20, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      r(20, 'C', '*', 'Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'),
      r(20, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      r(21, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
      r(22, 'M', '*', 'Running mode=standalone, port=6379.'),
      r(22, 'M', '*', 'Server initialized'),
      r(23, 'M', '*', 'Ready to accept connections tcp'),
    ],
    readyAt: 23,
    stop: {
      after: 100,
      code: 0,
      logs: (stopAt) => {
        const s = (off: number, mark: string, msg: string) => ({ at: off, text: `1:M ${redisTime(stopAt + off)} ${mark} ${msg}` });
        return [
          { at: 0, text: `1:signal-handler (${Math.floor(stopAt / 1000)}) Received SIGTERM scheduling shutdown...` },
          s(90, '*', 'User requested shutdown...'),
          s(91, '*', 'Saving the final RDB snapshot before exiting.'),
          s(95, '*', 'DB saved on disk'),
          s(96, '#', 'Redis is now ready to exit, bye bye...'),
        ];
      },
    },
  };
}

function mysqlServe(flavour: 'mysql' | 'mariadb') {
  return (ctx: RunContext): RunPlan => {
    const hasPassword = ['ROOT_PASSWORD', 'ALLOW_EMPTY_PASSWORD', 'RANDOM_ROOT_PASSWORD'].some((k) => ctx.env[`MYSQL_${k}`] || ctx.env[`MARIADB_${k}`]);
    const note = (off: number, msg: string): LogLine => ({ at: off, text: `${mysqlTime(ctx.start + off).replace('T', ' ').replace(/\.\d+Z$/, '+00:00')} [Note] [Entrypoint]: ${msg}` });
    if (!hasPassword && ctx.fs.read('/var/lib/mysql/ibdata1') === undefined) {
      const prefix = mysqlTime(ctx.start + 40).replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
      return {
        logs: [
          note(30, `Entrypoint script for ${flavour === 'mysql' ? 'MySQL Server 8.4.3-1.el9' : 'MariaDB Server 1:11.4.4+maria~ubu2404'} started.`),
          { at: 40, text: `${prefix} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified` },
          { at: 40, text: '\tYou need to specify one of the following as an environment variable:' },
          { at: 40, text: `\t- ${flavour.toUpperCase()}_ROOT_PASSWORD` },
          { at: 40, text: `\t- ${flavour.toUpperCase()}_ALLOW_EMPTY_PASSWORD` },
          { at: 40, text: `\t- ${flavour.toUpperCase()}_RANDOM_ROOT_PASSWORD` },
        ],
        readyAt: Infinity,
        exit: { at: 50, code: 1 },
        stop: quickStop(),
      };
    }
    ctx.fs.write('/var/lib/mysql/ibdata1', 'innodb\n');
    const ready = 3500;
    if (flavour === 'mariadb') {
      const mt = (off: number) => pgTime(ctx.start + off).slice(0, 19).replace(/ 0(\d):/, '  $1:');
      return {
        logs: [
          note(30, 'Entrypoint script for MariaDB Server 1:11.4.4+maria~ubu2404 started.'),
          note(200, 'Switching to dedicated user \'mysql\''),
          { at: ready - 10, text: `${mt(ready)} 0 [Note] Server socket created on IP: '0.0.0.0'.` },
          { at: ready, text: `${mt(ready)} 0 [Note] mariadbd: ready for connections.` },
          { at: ready, text: "Version: '11.4.4-MariaDB-ubu2404'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution" },
        ],
        readyAt: ready,
        stop: quickStop(0, 800),
      };
    }
    return {
      logs: [
        note(30, 'Entrypoint script for MySQL Server 8.4.3-1.el9 started.'),
        note(200, "Switching to dedicated user 'mysql'"),
        note(210, 'Entrypoint script for MySQL Server 8.4.3-1.el9 started.'),
        { at: ready - 20, text: `${mysqlTime(ctx.start + ready - 20)} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock` },
        { at: ready, text: `${mysqlTime(ctx.start + ready)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.` },
      ],
      readyAt: ready,
      stop: quickStop(0, 1500),
    };
  };
}

function mongoServe(ctx: RunContext): RunPlan {
  const j = (off: number, c: string, id: number, context: string, msg: string, attr: string) => ({
    at: off,
    text: `{"t":{"$date":"${mongoTime(ctx.start + off)}"},"s":"I",  "c":"${c}", "id":${id},${' '.repeat(Math.max(1, 7 - String(id).length))}"ctx":"${context}","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}`,
  });
  return {
    logs: [
      j(200, 'CONTROL', 23285, 'main', 'Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\'', ''),
      j(210, 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${ctx.hostname}"}`),
      j(900, 'NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}'),
      j(900, 'NETWORK', 23016, 'listener', 'Waiting for connections', '{"port":27017,"ssl":"off"}'),
    ],
    readyAt: 900,
    stop: quickStop(0, 500),
  };
}

function httpdServe(ctx: RunContext): RunPlan {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.ip}. Set the 'ServerName' directive globally to suppress this message`;
  return {
    logs: [
      { at: 30, text: fqdn },
      { at: 31, text: fqdn },
      { at: 40, text: `[${httpdTime(ctx.start + 40)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations` },
      { at: 40, text: `[${httpdTime(ctx.start + 40)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'` },
    ],
    readyAt: 40,
    stop: { after: 100, code: 0, logs: (stopAt) => [{ at: 0, text: `[${httpdTime(stopAt)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully` }] },
  };
}

/** Servers whose start-up is one or two lines: enough to see them come up. */
function simpleServe(texts: (ctx: RunContext, at: number) => string[], readyAt = 300): (ctx: RunContext) => RunPlan {
  return (ctx) => ({ logs: texts(ctx, readyAt).map((text) => ({ at: readyAt, text })), readyAt, stop: quickStop(0, 300) });
}

const isoZ = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const base = { entrypoint: [] as string[], env: {} as Record<string, string>, workdir: '/', files: {} as Record<string, string>, binaries: [] as string[], exposed: [] as string[] };

export const CATALOG: Record<string, ImageSpec> = {
  nginx: {
    ...base, repo: 'nginx', tags: ['1.27', '1.27-alpine', 'alpine', 'stable', 'mainline', '1.26', 'stable-alpine'], size: 192 * MB,
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], exposed: ['80/tcp'], binaries: ['nginx'],
    files: { '/usr/share/nginx/html/index.html': NGINX_INDEX, '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n' },
    serve: nginxServe, listens: 80, http: ({ fs }) => fs.read('/usr/share/nginx/html/index.html') ?? NGINX_INDEX,
  },
  httpd: {
    ...base, repo: 'httpd', tags: ['2.4', 'alpine', '2.4-alpine'], size: 148 * MB, cmd: ['httpd-foreground'], exposed: ['80/tcp'], binaries: ['httpd-foreground', 'httpd'],
    workdir: '/usr/local/apache2', files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    serve: httpdServe, listens: 80, http: ({ fs }) => fs.read('/usr/local/apache2/htdocs/index.html') ?? '<html><body><h1>It works!</h1></body></html>\n',
  },
  redis: {
    ...base, repo: 'redis', flagsTo: 'redis-server', tags: ['7.4', '7', 'alpine', '7-alpine', '7.4-alpine', '7.2', '6'], size: 117 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'],
    exposed: ['6379/tcp'], workdir: '/data', volumes: ['/data'], binaries: ['redis-server'], serve: redisServe, listens: 6379,
  },
  postgres: {
    ...base, repo: 'postgres', flagsTo: 'postgres', tags: ['17', '16', '15', '14', '13', '16-alpine', '17-alpine', 'alpine'], size: 435 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'],
    exposed: ['5432/tcp'], env: { PGDATA: PG_DATA }, volumes: [PG_DATA], binaries: ['postgres'], serve: pgServe, listens: 5432,
  },
  mysql: {
    ...base, repo: 'mysql', flagsTo: 'mysqld', tags: ['8.4', '8', '9', '8.0', 'lts'], size: 603 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'],
    exposed: ['3306/tcp', '33060/tcp'], volumes: ['/var/lib/mysql'], binaries: ['mysqld'], serve: mysqlServe('mysql'), listens: 3306,
  },
  mariadb: {
    ...base, repo: 'mariadb', flagsTo: 'mariadbd', tags: ['11.4', '11', 'lts', '10.11', '10'], size: 407 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['mariadbd'],
    exposed: ['3306/tcp'], volumes: ['/var/lib/mysql'], binaries: ['mariadbd', 'mysqld'], serve: mysqlServe('mariadb'), listens: 3306,
  },
  mongo: {
    ...base, repo: 'mongo', flagsTo: 'mongod', tags: ['8', '7', '6', '8.0', '7.0'], size: 855 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'],
    exposed: ['27017/tcp'], volumes: ['/data/db', '/data/configdb'], binaries: ['mongod'], serve: mongoServe, listens: 27017,
  },
  rabbitmq: {
    ...base, repo: 'rabbitmq', flagsTo: 'rabbitmq-server', tags: ['4', '3', '4-management', '3-management', 'management'], size: 251 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'],
    exposed: ['4369/tcp', '5671/tcp', '5672/tcp', '15691/tcp', '15692/tcp', '25672/tcp'], binaries: ['rabbitmq-server'], listens: 5672,
    serve: simpleServe((ctx, at) => [`${pgTime(ctx.start + at).slice(0, 23).replace(' ', ' ')}000+00:00 [info] <0.9.0> Server startup complete; 4 plugins started.`], 6000),
  },
  memcached: {
    ...base, repo: 'memcached', flagsTo: 'memcached', tags: ['1.6', 'alpine', '1'], size: 84 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'],
    exposed: ['11211/tcp'], binaries: ['memcached'], listens: 11211, serve: simpleServe(() => [], 50),
  },
  traefik: {
    ...base, repo: 'traefik', flagsTo: 'traefik', tags: ['v3.2', 'v3', '3.2', 'latest'], size: 192 * MB, entrypoint: ['/entrypoint.sh'], cmd: ['traefik'],
    exposed: ['80/tcp'], binaries: ['traefik'], listens: 80,
    serve: simpleServe((ctx, at) => [`${isoZ(ctx.start + at)} INF Traefik version 3.2.1 built on 2024-11-21T16:11:12Z version=3.2.1`, `${isoZ(ctx.start + at)} INF Starting provider aggregator *aggregator.ProviderAggregator`], 200),
  },
  wordpress: {
    ...base, repo: 'wordpress', tags: ['6', '6.7', 'php8.3', 'apache'], size: 700 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'],
    exposed: ['80/tcp'], workdir: '/var/www/html', binaries: ['apache2-foreground'], listens: 80,
    http: () => '<!DOCTYPE html>\n<html lang="en-US">\n<head><title>WordPress &rsaquo; Installation</title></head>\n</html>\n',
    serve: simpleServe((ctx, at) => [
      'WordPress not found in /var/www/html - copying now...',
      'Complete! WordPress has been successfully copied to /var/www/html',
      `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.ip}. Set the 'ServerName' directive globally to suppress this message`,
      `[${httpdTime(ctx.start + at)}] [mpm_prefork:notice] [pid 1:tid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.26 configured -- resuming normal operations`,
    ], 900),
  },
  adminer: {
    ...base, repo: 'adminer', flagsTo: 'php', tags: ['4', '4.8.1', 'standalone'], size: 118 * MB, entrypoint: ['entrypoint.sh', 'docker-php-entrypoint'], cmd: ['php', '-S', '[::]:8080', '-t', '/var/www/html'],
    exposed: ['8080/tcp'], binaries: ['php'], listens: 8080, http: () => '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<title>Login - Adminer</title>\n</html>\n',
    serve: simpleServe((ctx, at) => [`[${httpdTime(ctx.start + at).replace(/\.\d+ /, ' ')}] PHP 8.3.14 Development Server (http://[::]:8080) started`], 100),
  },
  caddy: {
    ...base, repo: 'caddy', tags: ['2', '2-alpine', 'alpine'], size: 49 * MB, cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
    exposed: ['80/tcp', '443/tcp', '443/udp', '2019/tcp'], workdir: '/srv', binaries: ['caddy'], listens: 80,
    serve: simpleServe((ctx, at) => [`{"level":"info","ts":${((ctx.start + at) / 1000).toFixed(7)},"msg":"serving initial configuration"}`], 100),
  },
  // Images whose default command is a shell or REPL: without a terminal it reads EOF and exits 0.
  alpine: { ...base, repo: 'alpine', tags: ['3.21', '3.20', '3', 'edge'], size: 7_830_000, cmd: ['/bin/sh'] },
  busybox: { ...base, repo: 'busybox', tags: ['1.37', '1', 'stable', 'musl', 'glibc'], size: 4_270_000, cmd: ['sh'] },
  ubuntu: { ...base, repo: 'ubuntu', tags: ['24.04', 'noble', '22.04', 'jammy', 'rolling'], size: 78_100_000, cmd: ['/bin/bash'] },
  debian: { ...base, repo: 'debian', tags: ['bookworm', '12', 'bookworm-slim', 'trixie'], size: 117 * MB, cmd: ['bash'] },
  node: { ...base, repo: 'node', flagsTo: 'node', tags: ['22', '20', 'lts', '22-alpine', '20-alpine', 'alpine', '23'], size: 1_120 * MB, entrypoint: ['docker-entrypoint.sh'], cmd: ['node'] },
  python: { ...base, repo: 'python', tags: ['3.13', '3.12', '3.11', '3', '3.12-slim', '3.13-slim', 'slim', 'alpine'], size: 1_020 * MB, cmd: ['python3'] },
  golang: { ...base, repo: 'golang', tags: ['1.23', '1.22', '1', 'alpine', '1.23-alpine'], size: 823 * MB, cmd: ['bash'], workdir: '/go' },
};

const GENERIC_SIZE = 150 * MB;

/** A spec for an image the simulator has no model of (other official images, namespaced ones). */
export function genericSpec(repo: string): ImageSpec {
  // "Starts and stays up": nothing to say about it, so no log lines.
  return { ...base, repo, tags: ['latest'], size: GENERIC_SIZE, cmd: ['/init'], binaries: ['/init'], serve: simpleServe(() => [], 100) };
}
