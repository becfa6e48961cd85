/**
 * The site's build of schema-check.ts (see there): empty until the page's
 * "schema" pack installs the validator. The shell runs no docker line before
 * that (packs/index.ts), and the editor installs it itself, so nothing loads a
 * Compose project without it.
 */
import type { validateFile as Validate } from './validate.ts';

let impl: typeof Validate | undefined;

export const validateFile: typeof Validate = (parsed, value) => {
  if (!impl) throw new Error('the Compose schema has not loaded yet (packs/index.ts loads it before docker runs)');
  return impl(parsed, value);
};

export function schemaCheckLoaded(): boolean {
  return impl !== undefined;
}

export function installSchemaCheck(validate: typeof Validate): void {
  impl = validate;
}
