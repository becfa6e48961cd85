/**
 * The registry the simulated nodes pull from: which repositories and tags
 * exist, how big they are, what binaries they ship (for `kubectl exec`) and
 * their default command. What a process *does* lives in programs.ts.
 */
import { sha256Hex } from './sha256.ts';

export type ServerKind = 'nginx' | 'httpd' | 'redis' | 'postgres';

export interface CatalogImage {
  /** Fully qualified repository, e.g. docker.io/library/nginx. */
  repository: string;
  /** Tags the registry knows; the first is what `latest` points at. */
  tags: string[];
  /** Compressed size, as the kubelet reports "Image size: N bytes". */
  sizeBytes: number;
  /** ENTRYPOINT + CMD when the pod gives neither. */
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  /** Executables on PATH, for exec. */
  binaries: string[];
  /** Memory a freshly started default process uses. */
  baseMemoryBytes: number;
  /** The long-running server the default command starts, if any. */
  server?: ServerKind;
}

const SHELL = ['sh', 'cat', 'echo', 'env', 'hostname', 'ls', 'sleep', 'true', 'false', 'printenv', 'ps', 'kill', 'tail'];
const BUSYBOX = [...SHELL, 'wget', 'ip', 'ifconfig', 'nc', 'nslookup', 'httpd', 'vi', 'top', 'ping', 'id', 'whoami', 'uname', 'date'];
const DEBIAN = [...SHELL, 'bash', 'id', 'whoami', 'uname', 'date', 'apt-get'];
const PATH_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
const MiB = 1024 * 1024;

export const CATALOG: readonly CatalogImage[] = [
  {
    repository: 'docker.io/library/nginx',
    tags: ['1.27', '1.27.5', '1.26', '1.25', '1.27-alpine', 'alpine', 'stable'],
    sizeBytes: 72_950_530,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { ...PATH_ENV, NGINX_VERSION: '1.27.5', NJS_VERSION: '0.8.10', PKG_RELEASE: '1~bookworm' },
    binaries: [...DEBIAN, 'nginx', 'curl'],
    baseMemoryBytes: 8 * MiB,
    server: 'nginx',
  },
  {
    repository: 'docker.io/library/httpd',
    tags: ['2.4', '2.4.63', 'alpine'],
    sizeBytes: 58_122_340,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: { ...PATH_ENV, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '2.4.63' },
    binaries: [...DEBIAN, 'httpd', 'httpd-foreground'],
    baseMemoryBytes: 12 * MiB,
    server: 'httpd',
  },
  {
    repository: 'docker.io/library/redis',
    tags: ['7.4', '7.4.2', '7', 'alpine'],
    sizeBytes: 45_313_900,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: { ...PATH_ENV, REDIS_VERSION: '7.4.2' },
    binaries: [...DEBIAN, 'redis-server', 'redis-cli'],
    baseMemoryBytes: 4 * MiB,
    server: 'redis',
  },
  {
    repository: 'docker.io/library/postgres',
    tags: ['17', '17.2', '16', 'alpine'],
    sizeBytes: 158_312_480,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: { ...PATH_ENV, PG_MAJOR: '17', PG_VERSION: '17.2-1.pgdg120+1', PGDATA: '/var/lib/postgresql/data' },
    binaries: [...DEBIAN, 'postgres', 'psql', 'pg_isready'],
    baseMemoryBytes: 40 * MiB,
    server: 'postgres',
  },
  {
    repository: 'docker.io/library/busybox',
    tags: ['1.37', '1.36', '1.36.1', 'stable'],
    sizeBytes: 2_156_120,
    entrypoint: [],
    cmd: ['sh'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    binaries: BUSYBOX,
    baseMemoryBytes: 1 * MiB,
  },
  {
    repository: 'docker.io/library/alpine',
    tags: ['3.21', '3.20', '3'],
    sizeBytes: 3_642_560,
    entrypoint: [],
    cmd: ['/bin/sh'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    binaries: [...BUSYBOX, 'apk'],
    baseMemoryBytes: 1 * MiB,
  },
  {
    repository: 'docker.io/library/node',
    tags: ['22', '22.12', '20', 'lts', '22-alpine'],
    sizeBytes: 399_870_210,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: { ...PATH_ENV, NODE_VERSION: '22.12.0', YARN_VERSION: '1.22.22' },
    binaries: [...DEBIAN, 'node', 'npm', 'npx', 'curl', 'wget'],
    baseMemoryBytes: 40 * MiB,
  },
  {
    repository: 'docker.io/library/python',
    tags: ['3.13', '3.12', '3', '3.13-slim'],
    sizeBytes: 412_503_640,
    entrypoint: [],
    cmd: ['python3'],
    env: { ...PATH_ENV, LANG: 'C.UTF-8', PYTHON_VERSION: '3.13.1' },
    binaries: [...DEBIAN, 'python', 'python3', 'pip', 'curl', 'wget'],
    baseMemoryBytes: 10 * MiB,
  },
  {
    repository: 'docker.io/library/perl',
    tags: ['5.40', '5.40.2', '5.40-slim'],
    sizeBytes: 335_814_320,
    entrypoint: [],
    cmd: ['perl5.40.2', '-de0'],
    env: { ...PATH_ENV },
    binaries: [...DEBIAN, 'perl', 'perl5.40.2', 'cpanm', 'curl', 'wget'],
    baseMemoryBytes: 6 * MiB,
  },
  {
    repository: 'docker.io/curlimages/curl',
    tags: ['8.11.1', '8.11.0'],
    sizeBytes: 11_922_310,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', CURL_VERSION: '8.11.1' },
    binaries: [...BUSYBOX, 'curl'],
    baseMemoryBytes: 1 * MiB,
  },
  // What a kind v1.33.4 node image ships for the control plane and the addons (distroless: no shell).
  ...k8sImage('etcd', '3.5.21-0', 58_938_593, ['etcd', 'etcdctl']),
  ...k8sImage('kube-apiserver', 'v1.33.4', 30_071_307, ['kube-apiserver']),
  ...k8sImage('kube-controller-manager', 'v1.33.4', 26_628_546, ['kube-controller-manager']),
  ...k8sImage('kube-scheduler', 'v1.33.4', 20_757_843, ['kube-scheduler']),
  ...k8sImage('kube-proxy', 'v1.33.4', 31_898_498, ['kube-proxy', 'iptables', 'ipset', 'conntrack']),
  ...k8sImage('coredns/coredns', 'v1.12.0', 20_938_837, ['coredns']).map((i) => ({ ...i, entrypoint: ['/coredns'], cmd: [] })),
  {
    repository: 'registry.k8s.io/pause',
    tags: ['3.10'],
    sizeBytes: 320_368,
    entrypoint: ['/pause'],
    cmd: [],
    env: {},
    binaries: [],
    baseMemoryBytes: 256 * 1024,
  },
];

function k8sImage(name: string, tag: string, sizeBytes: number, binaries: string[]): CatalogImage[] {
  return [{ repository: `registry.k8s.io/${name}`, tags: [tag], sizeBytes, entrypoint: [], cmd: [`/usr/local/bin/${binaries[0]}`], env: { PATH: PATH_ENV.PATH }, binaries, baseMemoryBytes: 20 * MiB }];
}

/** The sandbox image containerd 2.x uses. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export interface ImageRef {
  /** As the pod spec wrote it: "nginx:1.27". */
  written: string;
  /** Normalized: "docker.io/library/nginx:1.27". */
  full: string;
  repository: string;
  tag: string;
}

/** Docker reference normalization: default registry docker.io, library/ for one-part names, tag latest. */
export function parseImageRef(written: string): ImageRef {
  let name = written;
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repository = hasRegistry ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  return { written, full: `${repository}:${tag}`, repository, tag };
}

export type Lookup =
  | { found: true; image: CatalogImage; ref: ImageRef; imageID: string }
  | { found: false; ref: ImageRef; reason: 'repository' | 'tag' };

export function lookupImage(written: string): Lookup {
  const ref = parseImageRef(written);
  const image = CATALOG.find((i) => i.repository === ref.repository);
  if (!image) return { found: false, ref, reason: 'repository' };
  if (ref.tag !== 'latest' && !image.tags.includes(ref.tag)) return { found: false, ref, reason: 'tag' };
  return { found: true, image, ref, imageID: `${ref.repository}@sha256:${sha256Hex(`${ref.repository}:${ref.tag === 'latest' ? image.tags[0] : ref.tag}`)}` };
}

/**
 * containerd's pull error for a reference the registry does not have, as the
 * kubelet puts it after `Failed to pull image "<written>": `.
 */
export function pullErrorMessage(l: Extract<Lookup, { found: false }>): string {
  const { full } = l.ref;
  if (l.reason === 'tag') return `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
  return (
    `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ` +
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
  );
}
