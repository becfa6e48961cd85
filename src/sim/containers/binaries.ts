/**
 * What a container's programs are checked against before anything runs: which
 * binaries an image has, which `sh` it is, and the `--version` answers. Apart
 * from utils.ts (the utilities themselves) because starting a container needs
 * these and a cluster's boot starts containers: the utilities, the shell and
 * exec load later on a page (container-tools.ts).
 */
import type { ImageConfig } from './images.ts';
import type { CmdResult } from './shell.ts';
import type { ContainerSys } from './types.ts';

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const ok = (stdout = ''): CmdResult => ({ stdout, stderr: '', code: 0 });

/** Whether an executable of that name is on the image's PATH (or given as a path to a file in it). */
export function hasBinary(sys: Pick<ContainerSys, 'image' | 'fs' | 'workdir'>, name: string): boolean {
  if (sys.image.generic || sys.image.openPath) return true;
  if (name.includes('/') && sys.fs.read(abs(name, sys.workdir)) !== undefined) return true;
  return sys.image.binaries.includes(base(name));
}

export const busyboxy = (img: ImageConfig) => img.distro.id === 'alpine' || img.distro.id === 'busybox';

/** Which shell `sh` is in this image: busybox ash on alpine/busybox, dash on Debian/Ubuntu; bash when asked for. */
export function dialectOf(img: ImageConfig, name: string): 'busybox' | 'dash' | 'bash' {
  if (base(name) === 'bash') return 'bash';
  return busyboxy(img) ? 'busybox' : 'dash';
}

export function abs(p: string, cwd: string): string {
  const raw = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** `python3 --version`, `node -v`, `nginx -v`…: the version the image tag resolved to. */
export function versionOf(img: ImageConfig, bin: string, args: string[]): CmdResult | undefined {
  const asked = args.length === 1 && ['--version', '-v', '-V', 'version', '-version'].includes(args[0]!);
  if (!asked) return undefined;
  const e = img.env;
  const line = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): CmdResult => (stream === 'stdout' ? ok(`${text}\n`) : { stdout: '', stderr: `${text}\n`, code: 0 });
  switch (bin) {
    case 'python':
    case 'python3':
      return e.PYTHON_VERSION ? line(`Python ${e.PYTHON_VERSION}`) : undefined;
    case 'node':
      return e.NODE_VERSION && args[0] !== '-V' ? line(`v${e.NODE_VERSION}`) : undefined;
    case 'nginx':
      return e.NGINX_VERSION && args[0] === '-v' ? line(`nginx version: nginx/${e.NGINX_VERSION}`, 'stderr') : undefined;
    case 'redis-cli':
      return e.REDIS_VERSION ? line(`redis-cli ${e.REDIS_VERSION}`) : undefined;
    case 'psql':
      return img.repo === 'postgres' && img.version ? line(`psql (PostgreSQL) ${img.version}${img.distro.id === 'debian' ? ` (Debian ${e.PG_VERSION})` : ''}`) : undefined;
    case 'go':
      return e.GOLANG_VERSION && args[0] === 'version' ? line(`go version go${e.GOLANG_VERSION} linux/amd64`) : undefined;
  }
  return undefined;
}
