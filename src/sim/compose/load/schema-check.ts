/**
 * The loader's schema validation (validate.ts, built on zod). Tests, `npm run
 * sim` and the benchmarks validate here directly; the site's build replaces
 * this module with schema-check.lazy.ts (astro.config.mjs), which the page's
 * "schema" pack fills after the terminal starts, so zod (~28 KB gzip) is not
 * in the JavaScript a Compose terminal needs to start.
 */
import { validateFile as validate } from './validate.ts';

export const validateFile = validate;

export function schemaCheckLoaded(): boolean {
  return true;
}

/** The lazy twin's fill; here the validator is already in. */
export function installSchemaCheck(_validate: typeof validate): void {}
