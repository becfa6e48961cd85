import { expect, test, type Page } from '@playwright/test';
import { transcript as termTranscript } from './helpers.ts';

// Two browser contexts, each starting a cluster, on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

const transcript = (page: Page) => termTranscript(page.locator('kl-terminal').first());

async function ready(page: Page) {
  const term = page.locator('kl-terminal').first();
  await term.scrollIntoViewIfNeeded();
  await expect(term).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  return term;
}

async function type(page: Page, line: string, until: string | RegExp) {
  await page.locator('kl-terminal .xterm').first().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect.poll(() => transcript(page), { timeout: 60_000 }).toMatch(until);
}

/** The transcript from the first typed command on: the same commands replayed must have printed the same bytes. */
const fromFirst = (text: string, first: string) => text.slice(text.indexOf(first));

test('a share link reproduces the playground state in a fresh browser context', async ({ page, browser }) => {
  await page.goto('/en/playground/');
  await ready(page);
  await type(page, 'docker compose up -d', /Container playground-web-1\s+Started/);
  await type(page, 'kubectl apply -f web.yaml', 'deployment.apps/web created');
  await type(page, 'echo shared > note.txt', /echo shared > note.txt\n[^\n]*\$/);
  await type(page, 'kubectl get pods -o wide', /web-\w+-\w+\s+[01]\/1/);
  const before = await transcript(page);

  await page.getByRole('button', { name: 'Share' }).click();
  const field = page.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(/\/en\/playground\/#share=[A-Za-z0-9_-]+$/);
  const url = await field.inputValue();

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await ready(fresh);
  await expect(fresh.locator('kl-share')).toHaveAttribute('data-state', 'opened');
  const replayed = await transcript(fresh);
  const first = 'docker compose up -d';
  expect(fromFirst(replayed, first)).toBe(fromFirst(before, first));
  await type(fresh, 'cat note.txt', /cat note.txt\nshared\n/);
  await other.close();
});

test('a tampered share link shows a clear error and loads nothing', async ({ page, browser }) => {
  await page.goto('/en/playground/');
  await ready(page);
  await type(page, 'kubectl apply -f web.yaml', 'deployment.apps/web created');
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const [base, data] = url.split('#share=') as [string, string];
  const tampered = `${base}#share=${data.slice(0, 8)}${data[8] === 'x' ? 'y' : 'x'}${data.slice(9)}`;

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(tampered);
  await ready(fresh);
  const alert = fresh.locator('kl-share [role="alert"]');
  await expect(alert).toContainText('This share link is damaged or not valid, so nothing was loaded');
  expect(await transcript(fresh)).not.toContain('kubectl apply');
  await type(fresh, 'kubectl get deploy', 'No resources found in default namespace.');
  await other.close();
});
