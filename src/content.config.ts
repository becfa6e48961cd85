import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// Lessons live in top-level content/docs (not src/content/docs) so writers find them at once.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  i18n: defineCollection({
    loader: glob({ pattern: '**/[^_]*.{json,yml,yaml}', base: './content/i18n' }),
    schema: i18nSchema(),
  }),
};
