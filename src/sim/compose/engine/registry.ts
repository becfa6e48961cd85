import { fail, ok, simError, type Result } from '../../errors.ts';
import { CATALOG, genericSpec, type ImageSpec } from './catalog.ts';
import { OFFICIAL_IMAGES } from './official.ts';

/** A parsed image reference: `nginx:1.27`, `pihole/pihole`, `ghcr.io/org/app:1.0`. */
export interface ImageRef {
  /** As `docker images` shows REPOSITORY: `nginx`, `pihole/pihole`, `ghcr.io/org/app`. */
  repo: string;
  tag: string;
  /** No namespace and no registry: must be an official image. */
  library: boolean;
}

export function parseRef(ref: string): ImageRef {
  let name = ref.split('@')[0]!;
  let tag = 'latest';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return { repo: name, tag, library: !name.includes('/') };
}

export function refString(r: { repo: string; tag: string }): string {
  return `${r.repo}:${r.tag}`;
}

export interface Resolved {
  ref: ImageRef;
  spec: ImageSpec;
  /** True when the simulator has no model of this image and runs it generically. */
  generic: boolean;
}

/** Resolves what a registry would serve for ref, or the daemon's pull error. */
export function resolveImage(ref: string): Result<Resolved> {
  const r = parseRef(ref);
  if (r.library) {
    if (!OFFICIAL_IMAGES.has(r.repo)) {
      return fail(simError('PULL_DENIED', `Error response from daemon: pull access denied for ${r.repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`));
    }
    const spec = CATALOG[r.repo];
    if (!spec) return ok({ ref: r, spec: genericSpec(r.repo), generic: true });
    if (!tagExists(spec, r.tag)) {
      return fail(simError('MANIFEST_UNKNOWN', `Error response from daemon: manifest for ${refString(r)} not found: manifest unknown: manifest unknown`));
    }
    return ok({ ref: r, spec, generic: false });
  }
  return ok({ ref: r, spec: genericSpec(r.repo), generic: true });
}

/** Listed tags, `latest`, and versions or variants of a listed major ("16.4", "1.27.3-alpine"). */
function tagExists(spec: ImageSpec, tag: string): boolean {
  if (tag === 'latest' || spec.tags.includes(tag)) return true;
  const major = (t: string) => t.match(/^v?(\d+)/)?.[1];
  const m = major(tag);
  return m !== undefined && spec.tags.some((t) => major(t) === m) && /^v?[0-9][0-9a-z.-]*$/.test(tag);
}
