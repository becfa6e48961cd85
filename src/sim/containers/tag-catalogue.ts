/**
 * Docker Hub's tag history (tags.data.ts), as the registry reads it. Tests,
 * `npm run sim` and the benchmarks import the data here; the site's build
 * replaces this module with tag-catalogue.lazy.ts (astro.config.mjs), which
 * starts empty and is filled by the page's "tags" pack, so the ~25 KB gzip
 * of data is not in the JavaScript a terminal needs to start.
 */
import { TAGS, type RepoTags } from './tags.data.ts';

export type { RepoTags };

export function tagCatalogue(): Readonly<Record<string, RepoTags>> {
  return TAGS;
}

export function tagCatalogueLoaded(): boolean {
  return true;
}

/** The lazy twin's fill; here the data is already in. */
export function installTagCatalogue(_tags: Readonly<Record<string, RepoTags>>): void {}
