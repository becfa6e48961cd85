import { expect, test } from '@playwright/test';
import { editor } from './helpers.ts';

/**
 * The editor under a Content-Security-Policy without 'unsafe-eval' (H4's
 * policy: scripts and workers from the site only, inline styles allowed):
 * Monaco, its editor worker and monaco-yaml's worker run, schema completion
 * works, and the browser reports no violation.
 */
const POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'";

for (const path of ['/compose/intro/', '/en/compose/intro/']) {
  test(`the editor works under a CSP without unsafe-eval, with schema completion (${path})`, async ({ page }) => {
    await page.route('**/*', async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers(), 'content-security-policy': POLICY };
      await route.fulfill({ response: res, headers });
    });
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(path);
    const ed = await editor(page, 'compose.yaml');
    // A new key under a service: completion offers Compose attributes from the Compose schema (monaco-yaml's worker).
    await ed.evaluate((el) => {
      const h = el as unknown as { editor: { getModel(): { setValue(v: string): void }; setPosition(p: object): void; focus(): void } };
      h.editor.getModel().setValue('services:\n  web:\n    image: nginx\n    \n');
      h.editor.setPosition({ lineNumber: 4, column: 5 });
      h.editor.focus();
    
    });
    await ed.evaluate((el) => (el as unknown as { editor: { trigger(s: string, id: string, a: object): void } }).editor.trigger('test', 'editor.action.triggerSuggest', {}));
    // fixedOverflowWidgets: the list may sit outside the editor's frame
    const suggest = page.locator('.suggest-widget .monaco-list-row');
    await expect(suggest.filter({ hasText: /^build/ }).first()).toBeVisible({ timeout: 15_000 });
    // Zod probes `new Function('')` once at import (a reported, harmless violation) until its jitless
    // setting lands with H4's CSP work; nothing the editor or its workers load may be blocked.
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(violations.filter((v) => v !== 'script-src eval')).toEqual([]);
  });
}
