/**
 * The one image-reference parser, normalising like distribution/reference
 * (and so like both `docker` and containerd): default registry docker.io,
 * `library/` for one-part Docker Hub names, tag `latest` when none is given.
 */
export interface ImageRef {
  /** As written: "nginx:1.14.2". */
  written: string;
  /** Registry host: "docker.io", "ghcr.io", "localhost:5000". */
  domain: string;
  /** Repository path on the registry: "library/nginx", "bitnami/redis". */
  path: string;
  tag: string;
  digest?: string;
  /** "docker.io/library/nginx". */
  repository: string;
  /** "docker.io/library/nginx:1.14.2" (containerd's name for it). */
  full: string;
  /** REPOSITORY as `docker images` shows it: "nginx", "bitnami/redis", "ghcr.io/org/app". */
  familiar: string;
  /** A Docker Official Image reference (docker.io/library/*). */
  official: boolean;
}

/**
 * Parsed references by the text as written, shared and so frozen: every node's
 * runtime and kubelet parse the same few references again for each container
 * (about 1% of CPU while starting pods). Bounded like the runtime's caches.
 */
const parsed = new Map<string, ImageRef>();

export function parseReference(written: string): ImageRef {
  let r = parsed.get(written);
  if (!r) {
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(written, (r = Object.freeze(parse(written))));
  }
  return r;
}

function parse(written: string): ImageRef {
  let name = written.trim();
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = 'latest';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let domain = hasDomain ? first : 'docker.io';
  let path = hasDomain ? name.slice(slash + 1) : name;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const repository = `${domain}/${path}`;
  const familiar = domain === 'docker.io' ? path.replace(/^library\//, '') : repository;
  return { written, domain, path, tag, ...(digest ? { digest } : {}), repository, full: `${repository}:${tag}`, familiar, official: domain === 'docker.io' && path.startsWith('library/') };
}

/** "nginx:1.14.2" as the docker CLI names a familiar reference in its messages. */
export function familiarString(r: ImageRef): string {
  return `${r.familiar}:${r.tag}`;
}

/** Docker's complaint about a reference it cannot parse, or undefined when it is well formed. */
export function referenceError(written: string): string | undefined {
  const r = parseReference(written);
  if (!written.trim() || /\s/.test(written.trim())) return 'invalid reference format';
  if (r.path !== r.path.toLowerCase()) return `invalid reference format: repository name (${r.path}) must be lowercase`;
  if (!/^[\w][\w.-]{0,127}$/.test(r.tag)) return 'invalid reference format';
  return undefined;
}
