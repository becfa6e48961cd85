import { expect, test } from '@playwright/test';
import { expectTranscript, focused, run, terminal, transcript } from './helpers.ts';

/**
 * The lesson terminal and live diagram as a learner meets them: by keyboard
 * alone, on a phone, idle, under hostile data, and at a thousand pods.
 */

for (const lang of ['ko', 'en'] as const) {
  const prefix = lang === 'en' ? '/en' : '';

  test(`keyboard only (${lang}): reach the terminal, complete with Tab, leave with Esc then Tab, reach the exercise`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    // A lesson with terminal, diagram and exercise (the intro's Monaco editor has its own Tab handling, H5's).
    await page.goto(`${prefix}/compose/up/`);
    // Tab from the top of the page until the terminal's input has focus.
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.reset) await expect(page.locator('kl-terminal').first()).toHaveAttribute('data-state', 'ready');
      reached = f.inTerminal;
    }
    expect(reached).toBe(true);
    const term = page.locator('kl-terminal').first();
    await expect(term).toHaveAttribute('data-focus', 'terminal');
    // The way out is written next to the terminal and tied to its input.
    const hint = await page.locator('kl-terminal .xterm-helper-textarea').getAttribute('aria-describedby');
    await expect(page.locator(`#${hint}`)).toContainText(lang === 'en' ? 'press Esc, then Tab' : 'Esc를 누른 뒤 Tab');

    // Tab completes inside the terminal and keeps focus there.
    await page.keyboard.type('hel');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inTerminal).toBe(true);
    await page.keyboard.press('Enter');
    await expectTranscript(term, lang === 'en' ? 'Available commands' : '사용할 수 있는 명령어');

    // Shift+Tab leaves backwards (to ↺); Tab comes back in.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).reset).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).inTerminal).toBe(true);

    // Ctrl+M makes Tab move focus, as in VS Code; Ctrl+M again makes it complete.
    await page.keyboard.press('Control+m');
    await expect(term).toHaveAttribute('data-tab-moves-focus', 'true');
    await page.keyboard.press('Control+m');
    await expect(term).toHaveAttribute('data-tab-moves-focus', 'false');

    // Esc then Tab leaves forwards, and the exercise is reachable from there.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inTerminal).toBe(false);
    let atExercise = false;
    for (let i = 0; i < 60 && !atExercise; i++) {
      atExercise = (await focused(page)).inExercise;
      if (!atExercise) await page.keyboard.press('Tab');
    }
    expect(atExercise).toBe(true);
  });

  test(`keyboard only (${lang}) through the Compose intro: terminal (Tab completes, Esc then Tab leaves), editor (Tab indents, Ctrl-M then Tab leaves), exercise`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${prefix}/compose/intro/`);
    const term = page.locator('kl-terminal').first();
    /** Presses Tab until `want` holds; an editor that focus reaches starts (Monaco loads) and takes the focus when it is up. */
    const tabUntil = async (want: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 120) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if ((await focused(page)).reset) await expect(term).toHaveAttribute('data-state', 'ready');
        const starting = page.locator('kl-editor:focus-within:not([data-state="ready"])');
        if (await starting.count()) await expect(page.locator('kl-editor[data-state="ready"]:focus-within')).toHaveCount(1, { timeout: 20_000 });
        const f = await focused(page);
        if (want(f)) return f;
      }
      throw new Error('Tab never got there');
    };

    await tabUntil((f) => f.inTerminal);
    await page.keyboard.type('hel');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inTerminal).toBe(true);
    await page.keyboard.press('Enter');
    await expectTranscript(term, lang === 'en' ? 'Available commands' : '사용할 수 있는 명령어');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inTerminal).toBe(false);

    // On into the first editor (web/Dockerfile): the way out is written under it and tied to its input.
    const inEditor = await tabUntil((f) => f.inEditor);
    expect(inEditor.editorFile).toContain('Dockerfile');
    const ed = page.locator('kl-editor:focus-within');
    const hint = await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'));
    await expect(page.locator(`#${hint}`)).toContainText(lang === 'en' ? 'press Ctrl-M, then Tab' : 'Ctrl-M을 누른 뒤 Tab');
    const text = () => ed.evaluate((el) => (el as unknown as { editor: { getModel(): { getValue(): string } } }).editor.getModel().getValue());
    const before = await text();
    // Tab indents and keeps focus in the editor (Monaco keeps Tab, as code editors do).
    await page.keyboard.press('Tab');
    expect((await focused(page)).inEditor).toBe(true);
    expect(await text()).not.toBe(before);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(text).toBe(before);
    // Ctrl-M, then Tab leaves.
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    const out = await focused(page);
    expect(out.inEditor && out.editorFile.includes('Dockerfile')).toBe(false);

    // The next editor (compose.yaml) and on to the exercise, leaving each editor by the documented keys.
    let atExercise = false;
    for (let i = 0; i < 80 && !atExercise; i++) {
      const f = await focused(page);
      atExercise = f.inExercise;
      if (atExercise) break;
      if (f.inEditor) {
        const inside = f.editorFile;
        await page.keyboard.press('Tab');
        const g = await focused(page);
        if (g.inEditor && g.editorFile === inside) await page.keyboard.press('Control+m'); // Tab indents here: toggle, as the hint says
        else continue;
      }
      await tabUntil(() => true, 1);
    }
    expect(atExercise).toBe(true);
  });

  test(`at 390 px (${lang}): kubectl get pods -o wide keeps each row on one line, and the key row's Ctrl-C stops get -w`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${prefix}/k8s/pods/`);
    const term = await terminal(page);
    await run(page, ['kubectl create deployment web --image=nginx --replicas=3', 'sleep 30s', 'kubectl get pods -o wide']);
    await expectTranscript(term, /^web-\S+ +1\/1 +Running +0 +\S+ +10\.\S+ +kind-worker\d* +<none> +<none>$/m);
    // Every table row is one buffer line: no row wraps (the terminal scrolls sideways instead).
    expect(await term.evaluate((el) => (el as HTMLElement & { wrappedRows(): number }).wrappedRows())).toBe(0);
    const screen = term.locator('.kl-term-screen');
    expect(await screen.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    const keys = term.locator('.kl-term-keys');
    await expect(keys).toBeVisible();
    await run(page, ['kubectl get pods -w']);
    await expect.poll(async () => (await transcript(term)).split('kubectl get pods -w')[1] ?? '').toMatch(/NAME +READY/);
    await keys.locator('button[data-key="Ctrl-C"]').click();
    await expectTranscript(term, /\^C/);
    await run(page, ['echo after']);
    await expectTranscript(term, /^after$/m);
  });
}

// Issue 10: from 1280 to 1399 px a page with a terminal gives its content the right sidebar's room ("On this page" becomes
// the dropdown bar) and the terminal an 11 px font, so 160 columns fit. An earlier try selected those pages with
// html:has(kl-terminal): every write to xterm's screen-reader rows then recalculated the whole page's style, and typing
// got 3-15x slower. The rules now ship only with the pages that render a terminal (Terminal.astro), without :has.
test('at 1280 px: docker compose ps and kubectl get pods -o wide show every column, with no wrapped row and no sideways scrolling', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  /** Every printed row fits the columns the learner sees: none wider than the terminal, the terminal no wider than its box. */
  const fits = async (term: import('@playwright/test').Locator) => {
    const m = await term.evaluate((el) => {
      const host = el as HTMLElement & { transcript(): string; wrappedRows(): number };
      const box = el.querySelector<HTMLElement>('.kl-term-screen')!;
      const screen = el.querySelector<HTMLElement>('.xterm-screen')!;
      const rows = el.querySelector<HTMLElement>('.xterm-rows')!;
      const cell = screen.getBoundingClientRect().width / Number(host.dataset.cols || 1);
      const visible = Math.floor((box.getBoundingClientRect().right - screen.getBoundingClientRect().left) / cell);
      return {
        longest: Math.max(...host.transcript().split('\n').map((l) => l.length)),
        visible,
        wrapped: host.wrappedRows(),
        scrolls: box.scrollWidth > box.clientWidth,
        fontPx: parseFloat(getComputedStyle(rows).fontSize),
      };
    });
    expect(m.wrapped).toBe(0);
    expect(m.scrolls).toBe(false);
    expect(m.longest).toBeLessThanOrEqual(m.visible);
    expect(m.fontPx).toBeGreaterThanOrEqual(11);
    return m;
  };

  await page.goto('/en/compose/up/');
  let term = await terminal(page);
  await run(page, ['docker compose up -d', 'sleep 70s', 'docker compose ps']);
  // About a minute: the widest row the lesson shows (157 columns with both published ports).
  await expectTranscript(term, /^compose-demo-web-1 +compose-demo-web +"\/docker-entrypoint\.…" +web +About a minute ago +Up About a minute +0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp$/m);
  const compose = await fits(term);
  expect(compose.longest).toBeGreaterThanOrEqual(150);

  await page.goto('/en/k8s/pods/');
  term = await terminal(page);
  await run(page, ['kubectl create deployment web --image=nginx --replicas=3', 'sleep 30s', 'kubectl get pods -o wide']);
  await expectTranscript(term, /^web-\S+ +1\/1 +Running +0 +\S+ +10\.\S+ +kind-worker\d* +<none> +<none>$/m);
  await fits(term);

  // Typing stays cheap in this layout: a key restyles the terminal's rows, not the page (Chromium's own counters).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const styleMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'RecalcStyleDuration')?.value ?? 0) * 1000;
  await page.waitForTimeout(500);
  const keys = 'echo the quick brown fox';
  const before = await styleMs();
  for (const k of keys) {
    await page.keyboard.type(k);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  const perKey = ((await styleMs()) - before) / keys.length;
  console.log(`1280 px: style recalculation ${perKey.toFixed(2)} ms per key typed`);
  expect(perKey).toBeLessThan(8);
});

test('the diagram draws nothing while the cluster is idle', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/k8s/scheduler/');
  const term = await terminal(page);
  await run(page, ['kubectl create deployment web --image=nginx --replicas=3', 'sleep 60s']);
  const diagram = page.locator('kl-cluster-diagram');
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  await expect(diagram.locator('.kl-pod.ok')).toHaveCount(3);
  await page.waitForTimeout(1500); // let the last request animations finish
  const idle = await diagram.evaluate(async (el) => {
    const host = el as HTMLElement & { diagramStats(): { draws: number; views: number } };
    let mutations = 0;
    let frames = 0;
    const mo = new MutationObserver((ms) => (mutations += ms.length));
    mo.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    const before = host.diagramStats();
    const end = performance.now() + 2000;
    await new Promise<void>((resolve) => {
      const tick = () => {
        frames++;
        if (performance.now() < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    mo.disconnect();
    const after = host.diagramStats();
    return { mutations, draws: after.draws - before.draws, views: after.views - before.views, frames };
  });
  console.log(`idle 2 s: ${idle.draws} draws, ${idle.mutations} DOM mutations, ${idle.views} view checks (page frames ${idle.frames})`);
  expect(idle.mutations).toBe(0);
  expect(idle.draws).toBe(0);
  // A change still draws.
  await term.locator('.xterm').click();
  await run(page, ['kubectl scale deployment web --replicas=4', 'sleep 20s']);
  await expect(diagram.locator('.kl-pod.ok')).toHaveCount(4);
});

test('clicking a component offers its sim actions, run in the terminal where they are recorded', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/k8s/scheduler/');
  const term = await terminal(page);
  const diagram = page.locator('kl-cluster-diagram');
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  await diagram.locator('button[data-key="kube-scheduler"]').click();
  await diagram.getByRole('button', { name: /Stop scheduler/ }).click();
  await expectTranscript(term, /\$ sim stop scheduler\nscheduler stopped/);
  await expect(diagram.locator('.kl-banner[data-id="scheduler"]')).toContainText('The scheduler is stopped');
  await expect(diagram.locator('button[data-key="kube-scheduler"]')).toHaveClass(/down/);
  // By keyboard: Enter opens the menu, the action runs, focus can go back with Escape.
  await diagram.locator('button[data-key="kube-scheduler"]').focus();
  await page.keyboard.press('Enter');
  await expect(diagram.getByRole('button', { name: /Start scheduler/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectTranscript(term, /\$ sim start scheduler\nscheduler started/);
  await expect(diagram.locator('.kl-banner[data-id="scheduler"]')).toHaveCount(0);
  // Recorded: a reload replays it.
  expect(await page.evaluate(() => localStorage.getItem('kube-lessons:session:k8s-scheduler'))).toContain('sim start scheduler');
});

test('names and values with HTML in them are shown as text and never run (manifest, etcdctl put, compose file)', async ({ page }) => {
  test.setTimeout(150_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const ran = () => page.evaluate(() => (window as { __xss?: number }).__xss);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/k8s/scheduler/');
  let term = await terminal(page);
  const evil = (n: number) => `<img src=x onerror=window.__xss=${n};alert(${n})>`;
  const script = (n: number) => `<script>window.__xss=${n};alert(${n})</script>`;
  await run(page, [
    // A manifest: annotations take any string; an image "name" that is markup fails as an image.
    `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: evil\\n  annotations:\\n    note: "${evil(1)}"\\nspec:\\n  containers:\\n  - name: c\\n    image: "${script(2)}"\\n' > evil.yaml`,
    'kubectl apply -f evil.yaml',
    // Straight into etcd (the API server is bypassed): a pod whose name, IP, reason and restartCount are markup.
    `etcdctl put /registry/pods/default/x '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${evil(3)}","namespace":"default","uid":"u1"},"spec":{"nodeName":"kind-worker","containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Running","podIP":"${script(4)}","containerStatuses":[{"name":"c","restartCount":"${evil(5)}","state":{"waiting":{"reason":"${evil(6)}"}}}]}}'`,
    'sleep 20s',
    'kubectl get pods',
  ]);
  await expectTranscript(term, /kubectl get pods\n/);
  const diagram = page.locator('kl-cluster-diagram');
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  // The stored markup reached the picture, as text.
  await expect(diagram.locator('.kl-pod', { hasText: 'onerror=window.__xss=3' })).toHaveCount(1);
  await expect(diagram.locator('.kl-pod', { hasText: '<script>window.__xss=4' })).toHaveCount(1);
  expect(await diagram.locator('img, script').count()).toBe(0);
  expect(await ran()).toBeUndefined();
  // Again after a reload, which replays the session.
  await page.reload();
  term = await terminal(page);
  await expect(page.locator('kl-cluster-diagram .kl-pod', { hasText: 'onerror=window.__xss=3' })).toHaveCount(1);
  expect(await page.locator('kl-cluster-diagram img, kl-cluster-diagram script').count()).toBe(0);
  expect(await ran()).toBeUndefined();

  // A compose file with markup in service, container, network and volume names and in labels.
  await page.goto('/en/compose/up/');
  term = await terminal(page);
  await run(page, [
    `printf 'services:\\n  web:\\n    image: nginx\\n    container_name: "${evil(7)}"\\n    labels:\\n      x: "${script(8)}"\\n    networks: ["${evil(9)}"]\\n    volumes: ["${script(10)}:/data"]\\n  "${evil(11)}":\\n    image: nginx\\nnetworks:\\n  "${evil(9)}": {}\\nvolumes:\\n  "${script(10)}": {}\\n' > compose.yaml`,
    'docker compose up -d',
    'sleep 5s',
    'docker compose ps -a',
  ]);
  await expectTranscript(term, /docker compose ps -a\n/);
  const picture = page.locator('kl-cluster-diagram[data-kind="compose"]');
  await expect(picture).toHaveAttribute('data-state', 'ready');
  await page.waitForTimeout(500);
  // Where compose accepted a name, the picture shows it as text (names compose refuses never reach it).
  if (/Container <img src=x onerror=window.__xss=7;alert\(7\)> +Started/.test(await transcript(term))) await expect(picture).toContainText('<img src=x onerror=window.__xss=7');
  expect(await picture.locator('img, script').count()).toBe(0);
  expect(await ran()).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('the Compose lesson draws its own picture: services, containers by state, network and volume', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/compose/up/');
  const term = await terminal(page);
  await run(page, ['docker compose up -d', 'sleep 10s']);
  const diagram = page.locator('kl-cluster-diagram[data-kind="compose"]');
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  await expect(diagram.locator('.kl-service')).toHaveCount(2);
  await expect(diagram.locator('.kl-ctr.running')).toHaveCount(2);
  await expect(diagram.locator('.kl-net')).toContainText('compose-demo_default');
  await expect(diagram.locator('.kl-vol')).toHaveCount(1);
  await term.locator('.xterm').click();
  await run(page, ['docker compose stop web']);
  await expect(diagram.locator('.kl-ctr.exited')).toHaveCount(1);
  await expect(diagram.locator('.kl-ctr.exited')).toContainText('compose-demo-web-1');
});

test('↺ asks first; confirming starts the session and its exercise over', async ({ page }) => {
  await page.goto('/compose/intro/');
  const term = await terminal(page);
  await run(page, ['echo postgres:16 > answer.txt']);
  const ex = page.locator('kl-exercise');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-done', 'true');
  await term.locator('.kl-term-reset').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('처음부터 다시 시작할까요?');
  await dialog.getByRole('button', { name: '취소' }).click();
  await expect(term.locator('.kl-term-reset')).toBeFocused();
  await term.locator('.kl-term-reset').click();
  await page.getByRole('dialog').getByRole('button', { name: '처음부터 다시' }).click();
  await page.waitForLoadState('load');
  await page.locator('kl-exercise').scrollIntoViewIfNeeded();
  await expect(page.locator('kl-exercise')).toHaveAttribute('data-done', 'false');
});

test('the diagram at 1,000 pods redraws only the pod that changed', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/k8s/scheduler/');
  await terminal(page);
  const diagram = page.locator('kl-cluster-diagram');
  await expect(diagram).toHaveAttribute('data-state', 'ready');
  // Virtual time stands still, so the live cluster (3 nodes) does not redraw over the view drawn here.
  const toggle = page.locator('kl-time-controls button[data-act="toggle"]').first();
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(page.locator('kl-time-controls').first()).toHaveAttribute('data-is-paused', 'true');
  const r = await diagram.evaluate(async (el) => {
    type View = Parameters<(HTMLElement & { drawView(v: unknown): void })['drawView']>[0];
    const host = el as HTMLElement & { drawView(v: View): void; diagramStats(): { lastDrawMs: number } };
    const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `worker-${i + 1}`, controlPlane: false, ready: true, kubelet: true, proxy: true, pods: [] as unknown[] }));
    const view = (gen: number) => ({
      apiserver: true,
      scheduler: true,
      controllerManager: true,
      etcd: [0, 1, 2].map((i) => ({ name: `etcd-${i}`, running: true, leader: i === 0 })),
      nodes: nodes.map((n, ni) => ({
        ...n,
        pods: Array.from({ length: 100 }, (_, i) => ({ namespace: 'default', name: `web-${ni}-${String(i).padStart(3, '0')}`, ip: `10.244.${ni}.${i + 2}`, node: n.name, phase: 'Running', state: ni === 0 && i === gen % 100 ? 'CrashLoopBackOff' : 'Running', restarts: 0 })),
      })),
      unscheduled: [],
    });
    const time = (gen: number) => {
      const t0 = performance.now();
      host.drawView(view(gen));
      void el.getBoundingClientRect(); // include style and layout
      return performance.now() - t0;
    };
    // The draw itself never forces a layout: the arrows are measured after the frame is painted.
    let measured = 0;
    const rect = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      measured++;
      return rect.call(this);
    };
    const t0 = performance.now();
    host.drawView(view(0));
    const drawMeasured = measured;
    Element.prototype.getBoundingClientRect = rect;
    void el.getBoundingClientRect();
    const first = performance.now() - t0;
    const redraws: number[] = [];
    // What keeps a redraw cheap: one pod's change touches that pod's chip (and its state count), not the picture.
    const touched = new Set<Node>();
    const seen = new MutationObserver((records) => records.forEach((m) => touched.add(m.target)));
    seen.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    for (let g = 1; g <= 21; g++) redraws.push(time(g));
    seen.takeRecords().forEach((m) => touched.add(m.target));
    seen.disconnect();
    redraws.sort((a, b) => a - b);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
    const cards = el.querySelectorAll('.kl-node');
    // Off-screen node cards are not rendered (content-visibility: auto); their chips stay in the accessibility tree.
    const skipped = [...cards].filter((c) => !c.querySelector('header')!.checkVisibility({ contentVisibilityAuto: true }));
    return { first, median: redraws[10]!, max: redraws[20]!, pods: el.querySelectorAll('.kl-pod').length, touched: touched.size, drawMeasured, cards: cards.length, skipped: skipped.length, wires: el.querySelectorAll('.kl-wires line').length };
  });
  // The 16 ms figure is a measurement, printed here and by bench/; the test asserts the structure that gives it.
  console.log(`1,000 pods on 10 nodes: first draw ${r.first.toFixed(1)} ms; redraw after one pod changes: median ${r.median.toFixed(1)} ms, max ${r.max.toFixed(1)} ms over 21; ${r.pods} chips drawn; ${r.touched} nodes touched by 21 redraws; ${r.skipped} of ${r.cards} node cards off screen and not rendered`);
  expect(r.drawMeasured).toBe(0);
  // Every box still gets its arrow, once the frame is painted: 3 clients, etcd and one kubelet per node.
  expect(r.wires).toBeGreaterThanOrEqual(r.cards + 4);
  expect(r.skipped).toBeGreaterThan(0);
  expect(r.skipped).toBeLessThan(r.cards);
  expect(r.pods).toBeGreaterThan(0);
  expect(r.pods).toBeLessThan(1000); // each node draws a window of pods and counts the rest
  expect(r.touched).toBeLessThan(21 * 8);
});

for (const motion of ['reduce', 'no-preference'] as const) test.describe(`motion: ${motion}`, () => {
  test.use({ reducedMotion: motion });
  test(motion === 'reduce' ? 'requests light their arrow without moving dots' : 'requests travel along their arrow as dots', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/en/k8s/scheduler/');
    const term = await terminal(page);
    const diagram = page.locator('kl-cluster-diagram');
    await expect(diagram).toHaveAttribute('data-state', 'ready');
    await diagram.evaluate((el) => {
      const w = window as unknown as { __motion: { dots: number; lit: number } };
      w.__motion = { dots: 0, lit: 0 };
      new MutationObserver((ms) => {
        for (const m of ms) {
          for (const n of m.addedNodes) if ((n as Element).classList?.contains('kl-dot')) w.__motion.dots++;
          if (m.type === 'attributes' && (m.target as Element).classList.contains('active')) w.__motion.lit++;
        }
      }).observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
    await term.locator('.xterm').click();
    await run(page, ['kubectl create deployment web --image=nginx']);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __motion: { lit: number } }).__motion.lit)).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    const r = await page.evaluate(() => (window as unknown as { __motion: { dots: number; lit: number } }).__motion);
    expect(r.lit).toBeGreaterThan(0);
    if (motion === 'reduce') expect(r.dots).toBe(0);
    else expect(r.dots).toBeGreaterThan(0);
  });
});

test.describe('accessibility', () => {
  test.use({ bypassCSP: true });
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no violations in the terminal and the diagram (${theme})`, async ({ page }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto('/en/k8s/scheduler/');
      const term = await terminal(page);
      await run(page, ['kubectl create deployment web --image=nginx --replicas=3', 'sleep 30s', 'sim stop scheduler', 'sim node fail kind-worker2', 'sleep 60s']);
      const diagram = page.locator('kl-cluster-diagram');
      await expect(diagram.locator('.kl-tag.bad')).toHaveCount(1);
      await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run({ include: [['kl-cluster-diagram'], ['kl-terminal .kl-term-bar'], ['kl-terminal .kl-term-hint'], ['kl-exercise']] }, { runOnly: ['wcag2a', 'wcag2aa'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
      void term;
    });
  }
});
