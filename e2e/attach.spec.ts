import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Interactive sessions and background jobs in the lesson terminal: the
 * terminal becomes the container shell's (its prompt, its files) until
 * `exit` or Ctrl-D; `kubectl port-forward … &` leaves the prompt to the
 * learner, whose `curl localhost:8080` reaches the pod.
 */
async function transcript(term: Locator): Promise<string> {
  return term.evaluate((el) => (el as HTMLElement & { transcript(): string }).transcript());
}

test.describe.configure({ timeout: 150_000 });

const waitFor = (term: Locator, re: RegExp, timeout = 40_000) => expect.poll(() => transcript(term), { timeout }).toMatch(re);

async function terminal(page: Page, path: string) {
  await page.goto(path);
  const term = page.locator('kl-terminal').first();
  await term.scrollIntoViewIfNeeded();
  await expect(term).toHaveAttribute('data-state', 'ready');
  await term.locator('.xterm').click();
  return term;
}

async function type(page: Page, line: string) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('docker run -it alpine sh: the prompt becomes / #, lines run inside, Ctrl-D returns to the host', async ({ page }) => {
  const term = await terminal(page, '/en/compose/up/');
  await type(page, 'docker run -it --name box alpine sh');
  await waitFor(term, /\n\/ #$/);
  await type(page, 'cd /tmp && echo inside > f && cat f');
  await waitFor(term, /\/ # cd \/tmp && echo inside > f && cat f\ninside\n\/tmp #$/);
  await page.keyboard.press('Control+d');
  await waitFor(term, /\/tmp #\s*\n.*learner@kube-lessons:.*\$$/);
  await type(page, 'docker ps -a --format "{{.Names}} {{.State}}"');
  await waitFor(term, /box exited/);
});

test('kubectl run -it --rm: the attach line, a busybox shell, then pod "tmp" deleted', async ({ page }) => {
  const term = await terminal(page, '/en/k8s/pods/');
  await type(page, 'kubectl run -it --rm tmp --image=busybox -- sh');
  await waitFor(term, /If you don't see a command prompt, try pressing enter\.\n\/ #$/, 60_000);
  await type(page, 'hostname');
  await waitFor(term, /\/ # hostname\ntmp\n\/ #$/);
  await type(page, 'exit');
  await waitFor(term, /\/ # exit\npod "tmp" deleted\n.*\$$/);
});

test('kubectl port-forward in the background, curl on the host, kill %1', async ({ page }) => {
  const term = await terminal(page, '/en/k8s/pods/');
  await type(page, 'kubectl create deployment web --image=nginx');
  await type(page, 'kubectl wait --for=condition=Available deploy/web --timeout=120s');
  await waitFor(term, /condition met/, 90_000);
  await type(page, 'kubectl port-forward deploy/web 8080:80 &');
  await waitFor(term, /Forwarding from \[::1\]:8080 -> 80/);
  await type(page, 'curl -s localhost:8080 | grep title');
  await waitFor(term, /Handling connection for 8080\n<title>Welcome to nginx!<\/title>/);
  await type(page, 'kill %1');
  await waitFor(term, /\[1\]\+  Terminated +kubectl port-forward deploy\/web 8080:80/);
  await type(page, 'curl localhost:8080');
  await waitFor(term, /curl: \(7\) Failed to connect to localhost port 8080/);
});
