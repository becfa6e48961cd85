import { expect, test } from '@playwright/test';
import { editor as openEditor, expectTranscript, markers, setText, terminal, transcript, typeIn, watchErrors } from './helpers.ts';

/** The Compose intro shows web/Dockerfile and compose.yaml in two editors side by side; these tests edit compose.yaml. */
const editor = (page: Parameters<typeof openEditor>[0]) => openEditor(page, 'compose.yaml');

/**
 * The lesson editor (Monaco) on the Compose intro, in Korean and English:
 * lazy loading checked on the network log, saving into the terminal's files,
 * markers that agree with `docker compose config`, kubectl edit, Run buttons.
 */
// Terminal, simulator and Monaco (two editors on the intro) start in each test: on a busy 2-core machine that alone can take 15 s.
test.describe.configure({ timeout: 60_000 });

const pages = [
  { lang: 'ko', path: '/compose/intro/' },
  { lang: 'en', path: '/en/compose/intro/' },
] as const;

for (const { lang, path } of pages) {
  test.describe(`editor (${lang})`, () => {
    test('the lesson page fetches no Monaco code until the editor is opened', async ({ page }) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(path);
      await page.waitForLoadState('load');
      await page.waitForTimeout(2500);
      const monacoish = (urls: string[]) => urls.filter((u) => /editor\.worker|yaml\.worker|codicon|\/mount\.[^/]*\.js/.test(u) && !u.includes('terminal'));
      // The terminal's chunk is named mount too; Monaco's is the one that pulls in the editor worker and codicons.
      expect(requests.filter((u) => /codicon|editor\.worker|yaml\.worker/.test(u))).toEqual([]);
      const before = requests.length;
      const ed = await editor(page);
      await expect(ed.locator('.monaco-editor')).toBeVisible();
      await expect.poll(() => requests.slice(before).filter((u) => /codicon|editor\.worker|\.js$/.test(u)).length).toBeGreaterThan(0);
      void monacoish;
    });

    test('an edit saved with Ctrl-S is what docker compose up -d runs', async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(path);
      const term = await terminal(page);
      const ed = await editor(page);
      await expect(ed.locator('.kl-ed-tab[aria-selected="true"]')).toContainText('compose.yaml');
      await setText(ed, 'services:\n  cache:\n    image: redis:7\n');
      await expect(ed.locator('.kl-ed-tab[aria-selected="true"] .kl-ed-dirty')).toBeVisible();
      await ed.locator('.monaco-editor textarea').focus();
      await page.keyboard.press('ControlOrMeta+s');
      await expect(ed.locator('.kl-ed-tab[aria-selected="true"] .kl-ed-dirty')).toHaveCount(0);
      await typeIn(page, term, 'cat compose.yaml');
      await expectTranscript(term, 'image: redis:7');
      await typeIn(page, term, 'docker compose up -d');
      await expectTranscript(term, /Container compose-demo-cache-1\s+Started/);
      expect(errors).toEqual([]);
    });

    test('an invalid edit is marked at the line and column docker compose config prints', async ({ page }) => {
      await page.goto(path);
      const term = await terminal(page);
      const ed = await editor(page);
      await setText(ed, 'services:\n  web:\n    image: nginx\n    portz:\n      - "8080:80"\n');
      await expect.poll(() => markers(ed)).toHaveLength(1);
      const [m] = await markers(ed);
      await ed.locator('.monaco-editor textarea').focus();
      await page.keyboard.press('ControlOrMeta+s');
      await typeIn(page, term, 'docker compose config');
      await expectTranscript(term, `--> compose.yaml:${m!.line}:${m!.col}`);
      // the terminal wraps long lines; the message is one line
      expect((await transcript(term)).replace(/\n/g, "")).toContain(m!.message);
    });

    test('a file changed in the terminal updates its open tab', async ({ page }) => {
      await page.goto(path);
      const term = await terminal(page);
      const ed = await editor(page);
      await typeIn(page, term, "sed -i 's/8080:80/9090:80/' compose.yaml");
      await expect(ed.locator('.view-lines')).toContainText('9090:80');
    });

    test('unsaved edits are marked and survive a reload', async ({ page }) => {
      await page.goto(path);
      await terminal(page);
      const ed = await editor(page);
      await setText(ed, 'services: {}\n# draft\n');
      await page.waitForTimeout(300);
      await page.reload();
      const again = await editor(page);
      await expect(again.locator('.kl-ed-tab[aria-selected="true"] .kl-ed-dirty')).toBeVisible();
      await expect(again.locator('.view-lines')).toContainText('# draft');
    });
  });
}

const k8sPages = [
  { lang: 'ko', path: '/k8s/pods/', edited: 'deployment.apps/web edited' },
  { lang: 'en', path: '/en/k8s/pods/', edited: 'deployment.apps/web edited' },
] as const;

for (const { lang, path, edited } of k8sPages) {
  test(`kubectl edit deploy/web opens the editor; saving new replicas scales it (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors = watchErrors(page);
    await page.goto(path);
    const term = await terminal(page);
    await typeIn(page, term, 'kubectl apply -f web.yaml');
    await expectTranscript(term, 'deployment.apps/web created');
    await typeIn(page, term, 'kubectl edit deploy/web');
    // No <Editor> on this page: one appears under the terminal with the object's YAML.
    const ed = page.locator('kl-editor');
    await expect(ed).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    await expect(ed.locator('.kl-ed-tab[aria-selected="true"]')).toContainText('kubectl edit');
    await expect(ed.locator('.view-lines')).toContainText('Please edit the object below');
    await ed.evaluate((el) => {
      const m = (el as unknown as { editor: { getModel(): { getValue(): string; setValue(v: string): void } } }).editor.getModel();
      m.setValue(m.getValue().replace(/^  replicas: 3$/m, '  replicas: 5'));
    });
    await ed.locator('.monaco-editor textarea').focus();
    await page.keyboard.press('ControlOrMeta+s');
    // The editor scrolled into view; the terminal draws what it missed when it is back on screen.
    await term.scrollIntoViewIfNeeded();
    await expectTranscript(term, edited);
    await expect(ed.locator('.kl-ed-tab', { hasText: 'kubectl edit' })).toHaveCount(0);
    await typeIn(page, term, 'sleep 30s');
    await typeIn(page, term, 'kubectl get deploy web');
    await expectTranscript(term, /web\s+5\/5\s+5\s+5/, 40_000);
    expect(errors).toEqual([]);
  });
}

for (const { lang, path } of pages) {
  test(`Run buttons type a code block's command into the terminal (${lang})`, async ({ page }) => {
    await page.goto(path);
    const run = page.locator('.expressive-code .kl-run').filter({ has: page.locator('xpath=..', { hasText: 'cat compose.yaml' }) }).first();
    await expect(run).toBeVisible();
    await run.click();
    const term = page.locator('kl-terminal').first();
    await expect(term).toHaveAttribute('data-state', 'ready');
    await expectTranscript(term, /\$ cat compose\.yaml\n[\s\S]*POSTGRES_PASSWORD: example/);
  });
}
