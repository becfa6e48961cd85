import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { typeLines } from './helpers.ts';
import { REVERSE_BREAKS, shellBlocks } from '../src/lessons/blocks.ts';
import { course } from '../src/lessons/course.ts';
import { exercises } from '../src/lessons/exercises.ts';

/**
 * Every lesson, both languages: the learner opens the page, the exercise is
 * not solved yet, they enter commands into the page's terminal and it ticks.
 * The Korean run first pastes the page's own commands in reverse block order
 * (another order than the page suggests), then the solution.
 */
const ROOT = join(import.meta.dirname, '..', 'content', 'docs');

for (const lesson of course) {
  for (const lang of ['ko', 'en'] as const) {
    test(`${lang} ${lesson.slug}: the exercise passes when solved in the terminal`, async ({ page }) => {
      test.setTimeout(lang === 'ko' ? 240_000 : 120_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(lang === 'en' ? `/en/${lesson.slug}/` : `/${lesson.slug}/`);
      const ex = page.locator(`kl-exercise[data-id="${lesson.exercise}"]`);
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-done', 'false');
      const term = page.locator(`kl-terminal`).first();
      await term.scrollIntoViewIfNeeded();
      await expect(term).toHaveAttribute('data-state', 'ready');
      // Time at 16× (the terminal's own speed control): an etcdctl request to a cluster without quorum waits out its
      // 5 s timeout in virtual time, which at 1× made the etcd lesson spend 43 of its 54 s waiting.
      const fast = term.locator('kl-time-controls .kl-tc-speed[data-speed="16"]');
      await expect(fast).toBeEnabled();
      await fast.click();
      await expect(fast).toHaveAttribute('aria-pressed', 'true');
      await term.locator('.xterm').click();
      const lines: string[] = [];
      if (lang === 'ko') {
        const blocks = shellBlocks(readFileSync(join(ROOT, `${lesson.slug}.mdx`), 'utf8'));
        if (!(lesson.slug in REVERSE_BREAKS)) blocks.reverse();
        for (const b of blocks) lines.push(...b.commands);
      }
      lines.push(...exercises[lesson.exercise]!.solution);
      // Pasted, as copied from the lesson: keys are typed in the keyboard tests (widgets.spec, site.spec).
      await typeLines(page, lines, 20_000, 'paste');
      await ex.scrollIntoViewIfNeeded();
      await expect(ex).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
      await expect(ex.locator('.kl-ex-goals li[data-met="false"]')).toHaveCount(0);
      // The sidebar ticks the lesson (on phones it lives in the menu).
      await expect(page.locator(`nav.sidebar a[href$="/${lesson.slug}/"] .kl-tick`).first()).toBeAttached();
      expect(errors).toEqual([]);
    });
  }
}

test('hints open one at a time, and the solution can be shown', async ({ page }) => {
  await page.goto('/compose/up/');
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  const hints = ex.locator('details.kl-ex-hint[data-step]');
  await expect(hints.nth(0)).toBeVisible();
  await expect(hints.nth(1)).toBeHidden();
  await hints.nth(0).locator('summary').click();
  await expect(hints.nth(1)).toBeVisible();
  await ex.locator('.kl-ex-solution summary').click();
  await expect(ex.locator('.kl-ex-solution pre')).toContainText('docker compose up -d --build');
});

test('exercise texts render Markdown: bold, no literal asterisks', async ({ page }) => {
  await page.goto('/compose/up/');
  const task = page.locator('kl-exercise .kl-ex-task');
  await expect(task.locator('strong')).toHaveCount(1);
  expect(await task.innerText()).not.toContain('**');
});

test('↺ starts over: the solved exercise and its sidebar tick are forgotten', async ({ page }) => {
  await page.goto('/compose/intro/');
  const term = page.locator('kl-terminal').first();
  await term.scrollIntoViewIfNeeded();
  await expect(term).toHaveAttribute('data-state', 'ready');
  await term.locator('.xterm').click();
  await typeLines(page, ['echo postgres:16 > answer.txt']);
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-done', 'true');
  await page.reload();
  await expect(page.locator('nav.sidebar a[href="/compose/intro/"] .kl-tick').first()).toBeAttached();
  // ↺ works once the (lazily started) terminal is up again after the reload.
  await term.scrollIntoViewIfNeeded();
  await expect(term).toHaveAttribute('data-state', 'ready');
  await page.locator('kl-terminal .kl-term-reset').first().click();
  await page.getByRole('dialog').getByRole('button', { name: '처음부터 다시' }).click(); // ↺ asks first
  await page.waitForLoadState('load');
  await page.locator('kl-exercise').scrollIntoViewIfNeeded();
  await expect(page.locator('kl-exercise')).toHaveAttribute('data-done', 'false');
  await expect(page.locator('nav.sidebar a[href="/compose/intro/"] .kl-tick')).toHaveCount(0);
});

test('Korean text breaks between words; English keeps the default', async ({ page }) => {
  await page.goto('/compose/intro/');
  expect(await page.locator('main p').first().evaluate((el) => getComputedStyle(el).wordBreak)).toBe('keep-all');
  await page.goto('/en/compose/intro/');
  expect(await page.locator('main p').first().evaluate((el) => getComputedStyle(el).wordBreak)).toBe('normal');
});

test('a missing English page shows an English 404; a Korean one a Korean 404', async ({ page }) => {
  await page.goto('/en/no-such-page/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Back to the start' })).toBeVisible();
  await page.goto('/no-such-page/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없어요');
});

test('the sidebar lists the fourteen lessons in course order', async ({ page }) => {
  await page.goto('/k8s/etcd/');
  const hrefs = await page.locator('nav.sidebar a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const lessons = hrefs.filter((h) => course.some((l) => h === `/${l.slug}/`));
  expect(lessons).toEqual(course.map((l) => `/${l.slug}/`));
});

test('no lesson page is wider than a 390 px phone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const lesson of course) {
    for (const prefix of ['', '/en']) {
      await page.goto(`${prefix}/${lesson.slug}/`);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w > 390) wide.push(`${prefix}/${lesson.slug}/: ${w}px`);
    }
  }
  expect(wide).toEqual([]);
});
