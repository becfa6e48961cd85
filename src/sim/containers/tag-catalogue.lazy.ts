/**
 * The site's build of tag-catalogue.ts (see there): empty until the page's
 * "tags" pack installs the data. The shell runs no docker or kubectl line
 * before that (packs/index.ts), so nothing resolves an image without it.
 */
import type { RepoTags } from './tags.data.ts';

export type { RepoTags };

let catalogue: Readonly<Record<string, RepoTags>> | undefined;

export function tagCatalogue(): Readonly<Record<string, RepoTags>> {
  if (!catalogue) throw new Error('the registry tag catalogue has not loaded yet (packs/index.ts loads it before docker or kubectl runs)');
  return catalogue;
}

export function tagCatalogueLoaded(): boolean {
  return catalogue !== undefined;
}

export function installTagCatalogue(tags: Readonly<Record<string, RepoTags>>): void {
  catalogue = tags;
}
