import { expect, test, type Locator, type Page } from '@playwright/test';
import { terminal, transcript } from './helpers.ts';

/**
 * Issue 14 in the browser: a hostile save never bricks a lesson, two tabs on
 * one lesson are told about each other, and the Content-Security-Policy is
 * present and never violated during a full lesson run.
 */
async function runs(page: Page, term: Locator, line: string, expected: RegExp) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect.poll(() => transcript(term), { timeout: 15_000 }).toMatch(expected);
}

/** CSP violations the page reports, collected from the moment it starts. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const console: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && console.push(m.text()));
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

const KEY = 'kube-lessons:session:compose-intro';

test.describe('a hostile save never bricks the page', () => {
  const hostile: [string, string, string, string][] = [
    ['corrupt JSON', '/compose/intro/', KEY, '{"v":2,"seed":1,"entries":[{"t":0,"line":"ls"'],
    ['another version', '/compose/intro/', KEY, '{"v":99,"seed":1,"entries":[],"future":true}'],
    // A day and more of a running cluster, an hour per command: replaying it all would freeze the page for minutes.
    ['a hang-inducing log', '/k8s/worker-node/', 'kube-lessons:session:k8s-node', JSON.stringify({ v: 2, seed: 1, entries: Array.from({ length: 1500 }, (_, i) => ({ t: i * 3_600_000, line: 'sleep 1h' })) })],
  ];
  for (const [name, path, key, raw] of hostile) {
    test(name, async ({ page }) => {
      await page.goto(path);
      await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, raw]);
      const t = Date.now();
      await page.reload();
      const term = await terminal(page);
      expect(Date.now() - t).toBeLessThan(15_000);
      await runs(page, term, 'echo still-here', /^still-here$/m);
      // The save is kept aside until the learner chooses, and the choice is offered.
      await expect(page.locator('.kl-session-notices button[data-action="start-fresh"]')).toBeVisible();
      // The next command did not overwrite the kept save.
      expect(await page.evaluate((k) => localStorage.getItem(`${k}:aside`), key)).toBe(raw);
      await page.locator('.kl-session-notices button[data-action="start-fresh"]').click();
      await page.waitForLoadState('load');
      await terminal(page);
      expect(await page.evaluate((k) => localStorage.getItem(`${k}:aside`), key)).toBeNull();
      await expect(page.locator('.kl-session-notices button')).toHaveCount(0);
    });
  }
});

test('two tabs on one lesson are told about each other; the overtaken tab stops saving', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/compose/intro/');
  const ta = await terminal(a);
  const b = await context.newPage();
  // The English page of the same lesson shares its saved session.
  await b.goto('/en/compose/intro/');
  const tb = await terminal(b);
  await expect(b.locator('.kl-session-notice[data-notice="other-tab"]')).toBeVisible();
  await expect(a.locator('.kl-session-notice[data-notice="other-tab"]')).toBeVisible();
  await runs(b, tb, 'echo from-b > b.txt', /echo from-b/);
  await a.bringToFront();
  await ta.locator('.xterm').click();
  await runs(a, ta, 'echo from-a', /^from-a$/m);
  await expect(a.locator('.kl-session-notice[data-notice="overtaken"]')).toBeVisible();
  // B's work is what is saved.
  expect(await a.evaluate((k) => localStorage.getItem(k), KEY)).toContain('from-b');
  expect(await a.evaluate((k) => localStorage.getItem(k), KEY)).not.toContain('from-a');
});

test('the Content-Security-Policy is present and nothing violates it during a full lesson run', async ({ page }) => {
  // Two page loads and 110 virtual seconds of cluster: 12–14 s alone, 31 s on a loaded 2-core machine with two workers.
  test.setTimeout(90_000);
  const violations = await watchCsp(page);
  await page.goto('/k8s/worker-node/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("'unsafe-eval'");
  const term = await terminal(page);
  await runs(page, term, 'kubectl get nodes', /kind-worker\s+Ready/);
  await runs(page, term, 'kubectl create deployment web --image=nginx --replicas=2', /deployment\.apps\/web created/);
  await runs(page, term, 'sleep 20; kubectl get pods', /web-\S+\s+1\/1\s+Running/);
  await runs(page, term, 'sim node fail kind-worker; sleep 60; kubectl get nodes', /kind-worker\s+NotReady/);
  await runs(page, term, 'sim node recover kind-worker; sleep 30; kubectl get nodes', /kind-worker\s+Ready(?!,)/);
  // Search and the language switch load their own scripts too.
  await page.goto('/en/k8s/worker-node/');
  await terminal(page);
  expect(await violations()).toEqual([]);
});

test('a full storage quota is reported, and the reload says how many commands were not saved', async ({ page }) => {
  await page.goto('/en/compose/intro/');
  const term = await terminal(page);
  await runs(page, term, 'echo saved-one', /^saved-one$/m);
  // From here the browser refuses to store this session, as it does when the origin's quota is full.
  await page.evaluate((k) => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (name: string, value: string) {
      if (name === k) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, name, value);
    };
  }, KEY);
  await runs(page, term, 'echo lost-two', /^lost-two$/m);
  await expect(page.locator('.kl-session-notice[data-notice="save-failed"]')).toContainText('Browser storage is full');
  // The reload restores what was saved and says what was not, instead of a plain "restored" with an older state.
  await page.reload();
  const again = await terminal(page);
  await expect.poll(() => transcript(again)).toMatch(/saved-one/);
  await expect(page.locator('.kl-session-notice[data-notice="unsaved"]')).toContainText('The last 1 commands of that session were not saved (browser storage was full).');
});
