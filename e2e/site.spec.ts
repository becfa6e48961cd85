import { expect, test } from '@playwright/test';
import { expectTranscript, run, terminal, transcript, watchErrors } from './helpers.ts';

test('the landing page shows the learning path without console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '학습 경로' })).toBeVisible();
  await expect(page.getByText('컨트롤 플레인').first()).toBeVisible();
  await expect(page.locator('main a[href="/k8s/intro/"]')).toBeVisible();
  await expect(page).toHaveTitle('직접 해 보는 Compose와 쿠버네티스 | 쿠버 레슨');
  await page.getByRole('link', { name: '첫 강의 시작하기' }).click();
  await expect(page).toHaveURL(/\/compose\/intro\/$/);
  expect(errors).toEqual([]);
});

test('the sidebar lists lessons by title in course order', async ({ page }) => {
  await page.goto('/compose/intro/');
  const links = page.locator('nav.sidebar a');
  await expect(links.first()).toBeVisible();
  const names = (await links.allInnerTexts()).map((t) => t.trim());
  expect(names.indexOf('직접 해 보는 Compose와 쿠버네티스')).toBeLessThan(names.indexOf('Docker Compose 소개'));
  expect(names).not.toContain('content');
  expect(names).not.toContain('docs');
});

test('the lesson terminal answers help with the command list', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/compose/intro/');
  const term = await terminal(page);
  await page.keyboard.type('help');
  await page.keyboard.press('Enter');
  await expectTranscript(term, '사용할 수 있는 명령어');
  const text = await transcript(term);
  for (const name of ['help', 'clear', 'echo', 'pwd', 'cd', 'ls', 'cat', 'history', 'sleep']) expect(text).toMatch(new RegExp(`^  ${name} `, 'm'));
  expect(errors).toEqual([]);
});

test('the terminal edits lines, recalls history and shows the lesson files', async ({ page }) => {
  await page.goto('/compose/intro/');
  const term = await terminal(page);
  await page.keyboard.type('cat compose.yamlX');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expectTranscript(term, 'POSTGRES_PASSWORD: example');
  await page.keyboard.type('pwd');
  await page.keyboard.press('Enter');
  await expectTranscript(term, /^\/home\/learner\/compose-demo$/m);
  // ↑ twice brings back the cat command; run it again and count the output.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await transcript(term)).split('POSTGRES_PASSWORD: example').length - 1).toBe(2);
  await page.keyboard.type('nosuchcmd');
  await page.keyboard.press('Enter');
  await expectTranscript(term, 'nosuchcmd: command not found');
});

test('switching to English shows the English lesson', async ({ page }) => {
  await page.goto('/compose/intro/');
  await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
  await expect(page).toHaveURL(/\/en\/compose\/intro\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What Docker Compose is');
  const term = await terminal(page);
  await page.keyboard.type('help');
  await page.keyboard.press('Enter');
  await expectTranscript(term, 'Available commands');
});

test('Pagefind search finds the lesson by a Korean word', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '검색' }).first().click();
  const input = page.getByRole('dialog', { name: '검색' }).getByRole('textbox');
  await input.fill('컨테이너');
  await expect(page.locator('dialog[open] .pagefind-ui__result-link').first()).toBeVisible();
  // Most lessons say 컨테이너: page through the results (Pagefind shows five at a time) until the Compose intro appears.
  const intro = page.locator('dialog[open] a.pagefind-ui__result-link[href="/compose/intro/"]');
  const more = page.locator('dialog[open] .pagefind-ui__button', { hasText: /more|더/i });
  for (let i = 0; i < 10 && !(await intro.isVisible()) && (await more.isVisible()); i++) await more.click();
  await expect(intro).toHaveText('Docker Compose 소개');
});

test('the exercise ticks its goals when the learner solves it in the terminal', async ({ page }) => {
  await page.goto('/compose/intro/');
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.locator('.kl-ex-goals li')).toHaveCount(2);
  await expect(ex).toHaveAttribute('data-done', 'false');
  await terminal(page);
  await page.keyboard.type('echo postgres:16 > answer.txt');
  await page.keyboard.press('Enter');
  await expect(ex).toHaveAttribute('data-done', 'true');
  await expect(ex.locator('.kl-ex-status')).toHaveText('완료! 잘했어요.');
  // Solved state survives a reload.
  await page.reload();
  await page.locator('kl-exercise').scrollIntoViewIfNeeded();
  await expect(page.locator('kl-exercise')).toHaveAttribute('data-done', 'true');
});

test('a reload restores the terminal session; reset starts over; a corrupt save is reported', async ({ page }) => {
  await page.goto('/compose/intro/');
  let term = await terminal(page);
  await page.keyboard.type('echo kept > notes.txt');
  await page.keyboard.press('Enter');
  await page.keyboard.type('cat notes.txt');
  await page.keyboard.press('Enter');
  await expectTranscript(term, /^kept$/m);

  await page.reload();
  term = await terminal(page);
  await expectTranscript(term, '지난번 작업을 이어서 불러왔어요 (명령 2개)');
  await page.keyboard.type('cat notes.txt');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await transcript(term)).match(/^kept$/gm)?.length).toBe(2);

  await term.locator('.kl-term-reset').click();
  // ↺ asks first: cancelling keeps the work, confirming starts over.
  await page.getByRole('dialog').getByRole('button', { name: '취소' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await term.locator('.kl-term-reset').click();
  await page.getByRole('dialog').getByRole('button', { name: '처음부터 다시' }).click();
  await page.waitForLoadState('load');
  term = await terminal(page);
  await page.keyboard.type('cat notes.txt');
  await page.keyboard.press('Enter');
  await expectTranscript(term, 'cat: notes.txt: No such file or directory');

  await page.evaluate(() => localStorage.setItem('kube-lessons:session:compose-intro', '{"v":1,"seed":1,"entries":[{"t":-1}]}'));
  await page.reload();
  term = await terminal(page);
  await expectTranscript(term, '저장된 작업을 읽지 못해 새로 시작해요');
  await page.keyboard.type('pwd');
  await page.keyboard.press('Enter');
  await expectTranscript(term, /^\/home\/learner\/compose-demo$/m);
});

test('docker compose runs in the lesson terminal and the restart exercise follows along', async ({ page }) => {
  await page.goto('/compose/restart/');
  const term = await terminal(page);
  await run(page, ['docker compose up -d', 'sleep 30s', 'docker compose restart web', 'docker compose ps']);
  await expectTranscript(term, /compose-demo-web-1 +compose-demo-web/);
  await expectTranscript(term, 'Container compose-demo-db-1    Started');
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-done', 'true');
  await expect(ex.locator('.kl-ex-goals li[data-met="true"]')).toHaveCount(2);
});

test('the pods lesson: containers in one pod reach each other over localhost', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/k8s/pods/');
  const term = await terminal(page);
  await run(page, ['kubectl apply -f two.yaml', 'sleep 30s', 'kubectl get pod two -o wide', 'kubectl exec two -c sidecar -- curl -s localhost:80']);
  await expectTranscript(term, /^two +2\/2 +Running +0 /m);
  await expectTranscript(term, '<title>Welcome to nginx!</title>');
  expect(errors).toEqual([]);
});

test('the scheduler lesson: etcd already holds the cluster and the stopped-scheduler part of the exercise ticks (the taint part is in lessons.spec)', async ({ page }) => {
  await page.goto('/k8s/scheduler/');
  const term = await terminal(page);
  await page.keyboard.type('etcdctl get /registry/minions --prefix --keys-only');
  await page.keyboard.press('Enter');
  await expectTranscript(term, /^\/registry\/minions\/kind-worker$/m);
  await run(page, ['kubectl apply -f web.yaml', 'sleep 20s', 'sim stop scheduler', 'kubectl scale deployment web --replicas=5', 'sleep 10s', 'kubectl get pods', 'sim start scheduler', 'sleep 20s']);
  await expectTranscript(term, /^web-\S+ +0\/1 +Pending /m);
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  const met = ex.locator('.kl-ex-goals li');
  await expect.poll(() => met.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-met')))).toEqual(['true', 'true', 'true', 'false', 'false']);
  await expect(ex).toHaveAttribute('data-done', 'false');
});

test('the cluster diagram follows the terminal: pods appear on their nodes, a stopped scheduler shows', async ({ page }) => {
  await page.goto('/k8s/worker-node/');
  await terminal(page);
  await run(page, ['kubectl apply -f web.yaml', 'sleep 30s', 'sim stop scheduler']);
  const diagram = page.locator('kl-cluster-diagram');
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  await expect(diagram.locator('.kl-pod.ok')).toHaveCount(3);
  await expect(diagram.locator('.kl-node', { hasText: 'kind-control-plane' }).locator('.kl-pod')).toHaveCount(0);
  await expect(diagram.locator('[data-key="kube-scheduler"]')).toHaveClass(/down/);
  await expect(diagram.locator('.kl-requests li').first()).toBeVisible();
});

test('every link on the landing pages leads to a page that exists', async ({ page, request }) => {
  for (const start of ['/', '/en/']) {
    await page.goto(start);
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))]);
    expect(hrefs.length).toBeGreaterThanOrEqual(4);
    for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
  }
});
