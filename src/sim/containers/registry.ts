/**
 * The registries both the Docker engine and the kubelet's containerd pull
 * from. Docker Hub's official repositories resolve from their real tag
 * history (tags.data.ts, through tag-catalogue.ts): channel tags, versions at any precision inside the
 * repository's range, and the variant suffixes published for those versions.
 * A namespaced repository or another registry resolves to a generic image
 * that starts and stays up; an unknown one-part name is denied, as Hub does.
 */
import { sha256Hex } from '../k8s/node/sha256.ts';
import { imageConfig, K8S_IMAGES, type ImageConfig } from './images.ts';
import { OFFICIAL_IMAGES } from './official.ts';
import { familiarString, parseReference, type ImageRef } from './reference.ts';
import { tagCatalogue, type RepoTags } from './tag-catalogue.ts';

export interface ResolvedImage {
  ref: ImageRef;
  /** The release the tag points at ("1.14.2"), when the repository is versioned. */
  version?: string;
  /** The variant suffix, "" for the default one: "-alpine3.14", "-slim-buster", "-management". */
  variant: string;
  /** sha256:… manifest digest, the same for every engine. */
  digest: string;
  platform: string;
  config: ImageConfig;
  /** Uncompressed bytes (`docker images` SIZE). */
  size: number;
  /** Compressed bytes as pulled (the kubelet's "Image size: N bytes"). */
  compressedSize: number;
  /** No model of this image: it runs generically and says so in a note. */
  generic: boolean;
}

export type Resolution = { ok: true; image: ResolvedImage } | { ok: false; reason: 'denied' | 'not-found'; ref: ImageRef };

interface Parsed {
  versions: string[];
  ranges: Record<string, [number, number]>;
  channels: Map<string, number | undefined>;
  v: boolean;
}

const cache = new Map<string, Parsed>();
function repoTags(name: string): Parsed | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  const t: RepoTags | undefined = tagCatalogue()[name];
  if (!t) return undefined;
  const channels = new Map<string, number | undefined>();
  for (const c of t.channels.split(' ')) {
    const [n = '', i] = c.split(':');
    if (n) channels.set(n, i === undefined ? undefined : Number(i));
  }
  const p: Parsed = { versions: t.versions.split(' '), ranges: t.ranges, channels, v: (t.v ?? '').includes('v') };
  cache.set(name, p);
  return p;
}

/** Resolves a tag against a repository's history: the release and variant it names, or undefined (manifest unknown). */
export function resolveTag(repo: string, tag: string): { version?: string; variant: string } | undefined {
  const t = repoTags(repo);
  if (!t) return undefined;
  const m = /^(v?)(\d+(?:\.\d+)*)(.*)$/.exec(tag);
  if (m) {
    if (m[1] && !t.v) return undefined;
    const core = m[2]!;
    // Build numbers after the version (eclipse-temurin 17.0.9_9, 8u392-b08) belong to the release.
    const rest = m[3]!.replace(/^(_\d+|u\d+-b\d+|u\d+b\d+)/, '');
    const range = t.ranges[rest];
    if (!range) return undefined;
    for (let i = range[1]; i >= range[0]; i--) {
      const v = t.versions[i]!;
      if (v === core || v.startsWith(`${core}.`)) return { version: v, variant: rest };
    }
    return undefined;
  }
  if (!t.channels.has(tag)) return undefined;
  const idx = t.channels.get(tag);
  const version = t.versions[idx ?? t.versions.length - 1];
  // "stable-alpine" -> "-alpine", "alpine3.14" -> "-alpine3.14", "latest" -> "".
  const variant = `-${tag}` in t.ranges ? `-${tag}` : tag.includes('-') && tag.slice(tag.indexOf('-')) in t.ranges ? tag.slice(tag.indexOf('-')) : '';
  return { ...(version ? { version } : {}), variant };
}

/** What the registry serves for a reference, or why it serves nothing. */
export function resolveImage(written: string): Resolution {
  const ref = parseReference(written);
  const k8s = K8S_IMAGES[ref.repository];
  if (k8s) {
    // Other tags of these repositories exist too; the model is the same.
    const tag = ref.tag === 'latest' ? k8s.tags[0]! : ref.tag;
    return { ok: true, image: finish(ref, tag.replace(/^v/, ''), '', k8s.config(tag), false) };
  }
  if (ref.official) {
    const repo = ref.path.slice('library/'.length);
    if (repo === 'scratch') return { ok: false, reason: 'denied', ref };
    if (!OFFICIAL_IMAGES.has(repo)) return { ok: false, reason: 'denied', ref };
    if (!tagCatalogue()[repo]) return { ok: true, image: finish(ref, undefined, '', imageConfig(repo, undefined, ''), true) };
    const hit = resolveTag(repo, ref.tag);
    if (!hit) return { ok: false, reason: 'not-found', ref };
    const config = imageConfig(repo, hit.version, hit.variant);
    return { ok: true, image: finish(ref, hit.version, hit.variant, config, config.generic) };
  }
  // Namespaced Hub repositories and other registries: anything may exist there.
  const name = ref.path.split('/').at(-1)!;
  return { ok: true, image: finish(ref, /^v?\d/.test(ref.tag) ? ref.tag.replace(/^v/, '') : undefined, '', imageConfig(name, undefined, '', ref.familiar), true) };
}

/** Digests by name: the same few images are resolved for every container start. */
const digests = new Map<string, string>();
function digestOf(name: string): string {
  let d = digests.get(name);
  if (d === undefined) {
    if (digests.size >= 4096) digests.clear();
    digests.set(name, (d = `sha256:${sha256Hex(name)}`));
  }
  return d;
}

function finish(ref: ImageRef, version: string | undefined, variant: string, config: ImageConfig, generic: boolean): ResolvedImage {
  const digest = digestOf(`${ref.repository}:${version ?? ref.tag}${variant}`);
  // Each release's size differs a little from the next: a deterministic few hundred kB from the digest.
  const jitter = parseInt(digest.slice(7, 12), 16) % 400_000;
  const size = config.size + jitter;
  return { ref, ...(version ? { version } : {}), variant, digest, platform: 'linux/amd64', config: { ...config, size }, size, compressedSize: Math.round(size * 0.38), generic };
}

/** The Docker daemon's pull error. */
export function dockerPullError(r: Extract<Resolution, { ok: false }>): string {
  if (r.ref.path === 'library/scratch') return "Error response from daemon: 'scratch' is a reserved name";
  if (r.reason === 'not-found') return `Error response from daemon: manifest for ${familiarString(r.ref)} not found: manifest unknown: manifest unknown`;
  return `Error response from daemon: pull access denied for ${r.ref.familiar}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
}

/** containerd's pull error, as the kubelet puts it after `Failed to pull image "<written>": `. */
export function containerdPullError(r: Extract<Resolution, { ok: false }>): string {
  const { full } = r.ref;
  const head = `failed to pull and unpack image "${full}": failed to resolve reference "${full}": `;
  if (r.reason === 'not-found') return `${head}${full}: not found`;
  return `${head}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** BuildKit's error when a FROM image cannot be resolved. */
export function buildkitPullError(r: Extract<Resolution, { ok: false }>): string {
  const { full } = r.ref;
  const head = `failed to solve: ${familiarString(r.ref)}: failed to resolve source metadata for ${full}: `;
  if (r.reason === 'not-found') return `${head}${full}: not found`;
  return `${head}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
