/**
 * Image configs: what `docker inspect` and the CRI report for an image —
 * entrypoint, cmd, env, workdir, user, exposed ports, volumes, binaries on
 * PATH, a few files worth `cat`-ing, size — derived from the release and
 * variant the tag resolved to (nginx:1.14.2 has NGINX_VERSION=1.14.2).
 */
import { tagCatalogue } from './tag-catalogue.ts';

export interface Distro {
  id: 'debian' | 'alpine' | 'ubuntu' | 'oraclelinux' | 'busybox' | 'distroless';
  /** "bookworm", "3.20", "noble". */
  release: string;
}

export interface ImageConfig {
  /** Short repository name the config was made for ("nginx", "bitnami/redis"). */
  repo: string;
  version?: string;
  /** The tag's variant suffix ("-alpine3.14", "-management"), "" for the default. */
  variant: string;
  distro: Distro;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workdir: string;
  user: string;
  exposed: string[];
  volumes: string[];
  /** Executables on PATH, by name. */
  binaries: string[];
  files: Record<string, string>;
  /** Uncompressed bytes. */
  size: number;
  /** The server its entrypoint script puts in front of arguments that start with `-`. */
  flagsTo?: string;
  /** Not modelled: its programs are unknown, any command is taken to exist. */
  generic: boolean;
  /** Built with RUN steps the simulator does not run: a command it does not know may have been installed by them. */
  openPath?: boolean;
}

export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MB = 1_000_000;

const COMMON = ['sh', 'cat', 'echo', 'env', 'printenv', 'hostname', 'ls', 'sleep', 'true', 'false', 'pwd', 'mkdir', 'rm', 'touch', 'cp', 'mv', 'id', 'whoami', 'uname', 'date', 'head', 'tail', 'grep', 'sed', 'wc', 'sort', 'kill', 'test', '[', 'printf', 'tee', 'yes', 'seq', 'basename', 'dirname', 'chmod', 'chown', 'ln', 'nproc', 'df', 'du', 'find', 'xargs', 'tr', 'cut', 'expr'];
const BUSYBOX = [...COMMON, 'ash', 'tar', 'gzip', 'gunzip', 'unzip', 'awk', 'diff', 'stat', 'md5sum', 'sha256sum', 'base64', 'od', 'watch', 'timeout', 'nohup', 'crond', 'su', 'adduser', 'addgroup', 'chgrp', 'hexdump', 'ls', 'mktemp', 'readlink', 'realpath', 'rmdir', 'stty', 'sync', 'tac', 'uniq', 'uptime', 'usleep', 'which', 'whoami', 'ps', 'top', 'wget', 'nc', 'ping', 'ip', 'ifconfig', 'nslookup', 'vi', 'httpd', 'free', 'netstat', 'route', 'traceroute', 'less', 'more'];
const DEBIAN = [...COMMON, 'bash', 'dash', 'apt-get', 'apt', 'dpkg', 'su', 'less', 'more', 'tar', 'gzip', 'gunzip', 'awk', 'diff', 'stat', 'md5sum', 'sha256sum', 'base64', 'od', 'timeout', 'nohup', 'mktemp', 'readlink', 'realpath', 'rmdir', 'tac', 'uniq', 'which', 'useradd', 'groupadd', 'chgrp'];
const ALPINE = [...BUSYBOX, 'apk'];
const FULL_DEBIAN_EXTRAS = ['curl', 'wget', 'git', 'ps', 'gcc', 'make'];

/** Debian's release at a point in a repository's history, from the codename-suffixed tags it published. */
function debianFor(repo: string, version: string | undefined, variant: string): string {
  const named = /(jessie|stretch|buster|bullseye|bookworm|trixie)/.exec(variant)?.[1];
  if (named) return named;
  // nginx tagged codenames only from 1.22; before that its Dockerfiles say which Debian it used.
  if (repo === 'nginx' && version && !versionAtLeast(version, '1.25.1')) return versionAtLeast(version, '1.21') ? 'bullseye' : versionAtLeast(version, '1.17') ? 'buster' : 'stretch';
  const t = tagCatalogue()[repo];
  if (t && version) {
    const vs = t.versions.split(' ');
    const i = vs.indexOf(version);
    let oldest: string | undefined;
    for (const c of [...CODENAMES].reverse()) {
      const r = t.ranges[`-${c}`] ?? t.ranges[`-slim-${c}`];
      if (r && i >= r[0] && i <= r[1]) return c;
      if (r) oldest = c;
    }
    // Older than every codename-tagged release: the Debian before the oldest one tagged.
    if (oldest) {
      const r = t.ranges[`-${oldest}`] ?? t.ranges[`-slim-${oldest}`];
      if (r && i < r[0]) return CODENAMES[Math.max(0, CODENAMES.indexOf(oldest) - 1)]!;
    }
  }
  return 'trixie';
}

const CODENAMES = ['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie'];

function alpineFor(variant: string): string {
  return /alpine(3\.\d+)/.exec(variant)?.[1] ?? '3.24';
}

const DEBIAN_NUMBER: Record<string, string> = { jessie: '8', stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13' };

function distroOf(repo: string, version: string | undefined, variant: string): Distro {
  if (/alpine/.test(variant)) return { id: 'alpine', release: alpineFor(variant) };
  const ubuntu = /(xenial|bionic|focal|jammy|noble|resolute)/.exec(variant)?.[1];
  if (ubuntu) return { id: 'ubuntu', release: ubuntu };
  if (/oracle/.test(variant)) return { id: 'oraclelinux', release: '9' };
  return { id: 'debian', release: debianFor(repo, version, variant) };
}

interface Def {
  size: number;
  entrypoint?: string[];
  cmd: string[];
  env?: (v: string, d: Distro, variant: string) => Record<string, string>;
  workdir?: string;
  user?: string;
  exposed?: string[];
  volumes?: string[];
  binaries?: string[];
  /** Extra tools in the full (non-slim, non-alpine) variant. */
  full?: boolean;
  flagsTo?: string;
  files?: (v: string) => Record<string, string>;
  /** Base userland: alpine/busybox images, otherwise the variant decides. */
  base?: 'busybox' | 'alpine' | 'debian' | 'ubuntu';
}

const major = (v: string) => v.split('.')[0]!;
const minor = (v: string) => v.split('.').slice(0, 2).join('.');
const vcmp = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};
export const versionAtLeast = (v: string | undefined, min: string): boolean => v !== undefined && vcmp(v, min) >= 0;

export const NGINX_INDEX = `<!DOCTYPE html>
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

const NGINX_DEFAULT_CONF = 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n';
export const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

const DEFS: Record<string, Def> = {
  nginx: {
    size: 192 * MB,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: (v, d) => ({ NGINX_VERSION: v, PKG_RELEASE: d.id === 'alpine' ? '1' : `1~${d.release}` }),
    exposed: ['80/tcp'],
    binaries: ['nginx', 'nginx-debug', 'curl', 'envsubst'],
    files: () => ({ '/usr/share/nginx/html/index.html': NGINX_INDEX, '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF }),
  },
  httpd: {
    size: 148 * MB,
    cmd: ['httpd-foreground'],
    env: (v) => ({ HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: v }),
    workdir: '/usr/local/apache2',
    exposed: ['80/tcp'],
    binaries: ['httpd', 'httpd-foreground', 'apachectl'],
    files: () => ({ '/usr/local/apache2/htdocs/index.html': HTTPD_INDEX }),
  },
  redis: {
    size: 117 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: (v) => ({ REDIS_VERSION: v }),
    workdir: '/data',
    exposed: ['6379/tcp'],
    volumes: ['/data'],
    binaries: ['redis-server', 'redis-cli', 'redis-benchmark', 'redis-sentinel'],
    flagsTo: 'redis-server',
  },
  postgres: {
    size: 435 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: (v, d) => {
      const m = major(v);
      const data = Number(m) >= 18 ? `/var/lib/postgresql/${m}/docker` : '/var/lib/postgresql/data';
      return { GOSU_VERSION: '1.17', LANG: 'en_US.utf8', PG_MAJOR: m, PG_VERSION: d.id === 'alpine' ? v : `${v}-1.pgdg${DEBIAN_NUMBER[d.release] ?? '13'}0+1`, PGDATA: data };
    },
    exposed: ['5432/tcp'],
    binaries: ['postgres', 'psql', 'pg_isready', 'pg_dump', 'initdb', 'pg_ctl', 'gosu'],
    flagsTo: 'postgres',
  },
  mysql: {
    size: 603 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: (v) => ({ GOSU_VERSION: '1.17', MYSQL_MAJOR: versionAtLeast(v, '8.1') ? (versionAtLeast(v, '9') && !versionAtLeast(v, '10') ? 'innovation' : minor(v)) : minor(v), MYSQL_VERSION: `${v}-1.el9`, MYSQL_SHELL_VERSION: `${v}-1.el9` }),
    exposed: ['3306/tcp', '33060/tcp'],
    volumes: ['/var/lib/mysql'],
    binaries: ['mysqld', 'mysql', 'mysqladmin', 'mysqldump', 'mysqlsh', 'gosu', 'bash'],
    flagsTo: 'mysqld',
    base: 'debian',
  },
  mariadb: {
    size: 407 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mariadbd'],
    env: (v) => ({ GOSU_VERSION: '1.17', LANG: 'C.UTF-8', MARIADB_VERSION: `1:${v}+maria~ubu2404` }),
    exposed: ['3306/tcp'],
    volumes: ['/var/lib/mysql'],
    binaries: ['mariadbd', 'mysqld', 'mariadb', 'mysql', 'mariadb-admin', 'mysqladmin', 'mariadb-dump', 'healthcheck.sh', 'gosu'],
    flagsTo: 'mariadbd',
  },
  mongo: {
    size: 855 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    env: (v) => ({ GOSU_VERSION: '1.17', JSYAML_VERSION: '3.13.1', MONGO_MAJOR: minor(v), MONGO_VERSION: v, HOME: '/data/db' }),
    exposed: ['27017/tcp'],
    volumes: ['/data/db', '/data/configdb'],
    binaries: ['mongod', 'mongosh', 'mongos', 'gosu'],
    flagsTo: 'mongod',
  },
  node: {
    size: 1_120 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: (v) => ({ NODE_VERSION: v, YARN_VERSION: '1.22.22' }),
    binaries: ['node', 'npm', 'npx', 'corepack', 'yarn'],
    full: true,
    flagsTo: 'node',
  },
  python: {
    size: 1_020 * MB,
    cmd: ['python3'],
    env: (v) => ({ ...(versionAtLeast(v, '3.13') ? {} : { LANG: 'C.UTF-8' }), GPG_KEY: 'A035C8C19219BA821ECEA86B64E628F8D684696D', PYTHON_VERSION: v }),
    binaries: ['python', 'python3', 'pip', 'pip3'],
    full: true,
  },
  perl: {
    size: 890 * MB,
    cmd: ['perl5.x', '-de0'],
    binaries: ['perl', 'cpanm', 'cpan'],
    full: true,
  },
  busybox: { size: 4_270_000, cmd: ['sh'], base: 'busybox' },
  alpine: { size: 8_310_000, cmd: ['/bin/sh'], base: 'alpine' },
  ubuntu: { size: 78_100_000, cmd: ['/bin/bash'], base: 'ubuntu' },
  debian: { size: 117 * MB, cmd: ['bash'], base: 'debian' },
  golang: {
    size: 823 * MB,
    cmd: ['bash'],
    env: (v) => ({ GOLANG_VERSION: v, GOTOOLCHAIN: 'local', GOPATH: '/go', PATH: `/go/bin:/usr/local/go/bin:${PATH}` }),
    workdir: '/go',
    binaries: ['go', 'gofmt'],
    full: true,
  },
  rust: {
    size: 1_480 * MB,
    cmd: ['bash'],
    env: (v) => ({ RUSTUP_HOME: '/usr/local/rustup', CARGO_HOME: '/usr/local/cargo', PATH: `/usr/local/cargo/bin:${PATH}`, RUST_VERSION: v }),
    binaries: ['rustc', 'cargo', 'rustup'],
    full: true,
  },
  ruby: {
    size: 1_010 * MB,
    cmd: ['irb'],
    env: (v) => ({ LANG: 'C.UTF-8', RUBY_VERSION: v, GEM_HOME: '/usr/local/bundle', BUNDLE_SILENCE_ROOT_WARNING: '1', BUNDLE_APP_CONFIG: '/usr/local/bundle', PATH: `/usr/local/bundle/bin:${PATH}` }),
    binaries: ['ruby', 'irb', 'gem', 'bundle', 'bundler'],
    full: true,
  },
  php: {
    size: 520 * MB,
    entrypoint: ['docker-php-entrypoint'],
    cmd: ['php', '-a'],
    env: (v) => ({ PHPIZE_DEPS: 'autoconf \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\tlibc-dev \t\tmake \t\tpkg-config \t\tre2c', PHP_INI_DIR: '/usr/local/etc/php', PHP_VERSION: v }),
    binaries: ['php', 'docker-php-ext-install', 'docker-php-ext-enable', 'pecl', 'curl'],
    flagsTo: 'php',
  },
  rabbitmq: {
    size: 251 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['rabbitmq-server'],
    env: (v) => ({ RABBITMQ_VERSION: v, RABBITMQ_DATA_DIR: '/var/lib/rabbitmq', HOME: '/var/lib/rabbitmq', LANG: 'C.UTF-8' }),
    exposed: ['4369/tcp', '5671/tcp', '5672/tcp', '15691/tcp', '15692/tcp', '25672/tcp'],
    volumes: ['/var/lib/rabbitmq'],
    binaries: ['rabbitmq-server', 'rabbitmqctl', 'rabbitmq-plugins', 'rabbitmq-diagnostics'],
    flagsTo: 'rabbitmq-server',
  },
  memcached: {
    size: 84 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    env: (v) => ({ MEMCACHED_VERSION: v }),
    user: 'memcache',
    exposed: ['11211/tcp'],
    binaries: ['memcached'],
    flagsTo: 'memcached',
  },
  traefik: {
    size: 192 * MB,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['traefik'],
    exposed: ['80/tcp'],
    binaries: ['traefik'],
    flagsTo: 'traefik',
    base: 'alpine',
  },
  wordpress: {
    size: 700 * MB,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['apache2-foreground'],
    env: (v) => ({ WORDPRESS_VERSION: v, PHP_VERSION: '8.3.14' }),
    workdir: '/var/www/html',
    exposed: ['80/tcp'],
    volumes: ['/var/www/html'],
    binaries: ['apache2-foreground', 'apache2', 'php', 'curl'],
  },
  adminer: {
    size: 118 * MB,
    entrypoint: ['entrypoint.sh', 'docker-php-entrypoint'],
    cmd: ['php', '-S', '[::]:8080', '-t', '/var/www/html'],
    env: (v) => ({ ADMINER_VERSION: v }),
    user: 'adminer',
    workdir: '/var/www/html',
    exposed: ['8080/tcp'],
    binaries: ['php'],
    flagsTo: 'php',
    base: 'alpine',
  },
  caddy: {
    size: 49 * MB,
    cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
    env: (v) => ({ CADDY_VERSION: `v${v}`, XDG_CONFIG_HOME: '/config', XDG_DATA_HOME: '/data' }),
    workdir: '/srv',
    exposed: ['80/tcp', '443/tcp', '443/udp', '2019/tcp'],
    volumes: ['/config', '/data'],
    binaries: ['caddy'],
    base: 'alpine',
  },
  'hello-world': { size: 10_100, cmd: ['/hello'], binaries: ['hello'], base: 'busybox' },
};

/** The config for a resolved image; repositories without a model get a generic one. */
export function imageConfig(repo: string, version: string | undefined, variant: string, familiar = repo): ImageConfig {
  const def = DEFS[repo];
  const distro: Distro =
    def?.base === 'busybox' ? { id: 'busybox', release: version ?? '1.37.0' }
    : repo === 'alpine' ? { id: 'alpine', release: version ? minor(version) : '3.24' }
    : def?.base === 'alpine' ? { id: 'alpine', release: alpineFor(variant) }
    : def?.base === 'ubuntu' ? { id: 'ubuntu', release: version ?? '26.04' }
    : repo === 'debian' ? { id: 'debian', release: Object.keys(DEBIAN_NUMBER).find((c) => DEBIAN_NUMBER[c] === major(version ?? '13')) ?? 'trixie' }
    : distroOf(repo, version, variant);
  if (!def) {
    return {
      repo: familiar, ...(version ? { version } : {}), variant, distro, entrypoint: [], cmd: ['/init'], env: { PATH }, workdir: '/', user: '', exposed: [], volumes: [],
      binaries: distro.id === 'alpine' ? ALPINE : DEBIAN, files: {}, size: 150 * MB, generic: true,
    };
  }
  const v = version ?? '';
  const slim = /slim/.test(variant);
  const userland = distro.id === 'busybox' ? BUSYBOX : distro.id === 'alpine' ? ALPINE : DEBIAN;
  const extras = def.full && !slim && distro.id !== 'alpine' ? FULL_DEBIAN_EXTRAS : [];
  // Variants: alpine images are a fraction of the Debian ones, slim ones about a third.
  const size = distro.id === 'alpine' && def.base !== 'alpine' ? Math.round(def.size * 0.26) : slim ? Math.round(def.size * 0.36) : def.size;
  const cmd = repo === 'perl' ? [`perl${v}`, '-de0'] : def.cmd;
  const env: Record<string, string> = { PATH, ...(def.env ? def.env(v, distro, variant) : {}) };
  const binaries = [...new Set([...userland, ...extras, ...(def.binaries ?? []), ...(repo === 'perl' ? [`perl${v}`] : [])])];
  let entrypoint = def.entrypoint ?? [];
  // nginx images gained their entrypoint script (and /docker-entrypoint.d) in 1.19.
  if (repo === 'nginx' && !versionAtLeast(v, '1.19')) entrypoint = [];
  return finish();

  function finish(): ImageConfig {
    const volumes = repo === 'postgres' ? [versionAtLeast(v, '18') ? '/var/lib/postgresql' : '/var/lib/postgresql/data'] : (def!.volumes ?? []);
    return {
      repo: familiar, ...(version ? { version } : {}), variant, distro, entrypoint, cmd, env, workdir: def!.workdir ?? '/', user: def!.user ?? '', exposed: def!.exposed ?? [], volumes,
      binaries, files: def!.files ? def!.files(v) : {}, size, ...(def!.flagsTo ? { flagsTo: def!.flagsTo } : {}), generic: false,
    };
  }
}

/** What a kind node image ships for the control plane and addons: distroless, no shell. */
export const K8S_IMAGES: Record<string, { tags: string[]; config: (tag: string) => ImageConfig }> = {
  ...k8s('registry.k8s.io/etcd', '3.5.21-0', 58_938_593, ['etcd', 'etcdctl'], ['/usr/local/bin/etcd'], []),
  ...k8s('registry.k8s.io/kube-apiserver', 'v1.33.4', 30_071_307, ['kube-apiserver'], ['/usr/local/bin/kube-apiserver'], []),
  ...k8s('registry.k8s.io/kube-controller-manager', 'v1.33.4', 26_628_546, ['kube-controller-manager'], ['/usr/local/bin/kube-controller-manager'], []),
  ...k8s('registry.k8s.io/kube-scheduler', 'v1.33.4', 20_757_843, ['kube-scheduler'], ['/usr/local/bin/kube-scheduler'], []),
  ...k8s('registry.k8s.io/kube-proxy', 'v1.33.4', 31_898_498, ['kube-proxy', 'iptables', 'ipset', 'conntrack'], ['/usr/local/bin/kube-proxy'], []),
  ...k8s('registry.k8s.io/coredns/coredns', 'v1.12.0', 20_938_837, ['coredns'], [], ['/coredns']),
  ...k8s('registry.k8s.io/pause', '3.10', 320_368, ['pause'], [], ['/pause']),
  ...k8s('docker.io/curlimages/curl', '8.11.1', 11_922_310, [...BUSYBOX, 'curl'], ['curl'], ['/entrypoint.sh'], ['8.11.0', '8.10.1', '8.9.1', '8.8.0', '8.7.1', '8.6.0', '8.5.0', '8.4.0']),
};

function k8s(repository: string, tag: string, compressed: number, binaries: string[], cmd: string[], entrypoint: string[], more: string[] = []): Record<string, { tags: string[]; config: (tag: string) => ImageConfig }> {
  const curl = repository.endsWith('/curl');
  return {
    [repository]: {
      tags: [tag, ...more],
      config: (t) => ({
        repo: repository.replace(/^docker\.io\//, ''), version: t.replace(/^v/, ''), variant: '', distro: (curl ? { id: 'alpine', release: '3.21' } : { id: 'distroless', release: '' }) as Distro, entrypoint, cmd,
        env: (curl ? { PATH, CURL_VERSION: t, CURL_RELEASE_TAG: `curl-${t.replace(/\./g, '_')}` } : { PATH }) as Record<string, string>, workdir: '/', user: curl ? 'curl_user' : '', exposed: [], volumes: [], binaries, files: {},
        size: Math.round(compressed / 0.38), generic: false,
      }),
    },
  };
}
