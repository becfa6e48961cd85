import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/** Every page the build wrote. */
function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The text a reader sees outside code. */
function proseText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<pre[\s\S]*?<\/pre>/g, '')
    .replace(/<code[\s\S]*?<\/code>/g, '')
    .replace(/<[^>]+>/g, ' ');
}

test('no built page shows a literal ** in its prose', () => {
  const files = pages('dist');
  expect(files.length).toBeGreaterThan(20);
  const found = files.flatMap((f) => (proseText(readFileSync(f, 'utf8')).match(/.{0,20}\*\*.{0,20}/g) ?? []).map((m) => `${f}: ${m.trim()}`));
  expect(found).toEqual([]);
});

test('a bold term followed by its particle is bold on the API server lesson', async ({ page }) => {
  await page.goto('/k8s/api-server/');
  await expect(page.locator('.sl-markdown-content strong', { hasText: 'API 서버(kube-apiserver)' }).first()).toBeVisible();
});
