/**
 * Where a lesson page's long tasks go: records a Chromium trace and a CPU
 * profile of the production build while a scenario runs, then prints each
 * task over 50 ms with its trace slices (script evaluation, timers, layout)
 * and the functions that took its time. A tool for profiling before
 * optimising (bench/pages.ts prints the figures themselves).
 *   node bench/profile-page.ts start        terminal start on a Kubernetes lesson
 *   node bench/profile-page.ts scale        kubectl scale deploy web --replicas=1000, then 8 s of typing
 *   node bench/profile-page.ts draw         the diagram's first draw of 1,000 pods
 * Serves dist/ itself (build first); BENCH_PORT, CHROMIUM_PATH as in pages.ts.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { thousandPodView } from './lib/diagram-view.ts';

const DIST = join(process.cwd(), 'dist');
const PORT = Number(process.env.BENCH_PORT ?? 4398);
const BASE = `http://127.0.0.1:${PORT}`;
const scenario = process.argv[2] ?? 'start';
const LONG = Number(process.env.LONG_MS ?? 50);

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', BASE).pathname));
  let file = join(DIST, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404).end();
  const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
});
await new Promise<void>((r) => server.listen(PORT, '127.0.0.1', r));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);

const transcript = (p: Page) => p.locator('kl-terminal').first().evaluate((el) => (el as HTMLElement & { transcript(): string }).transcript());
async function typeLine(text: string) {
  await page.locator('kl-terminal .xterm').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
async function ready() {
  await page.locator('kl-terminal').first().scrollIntoViewIfNeeded();
  await page.waitForSelector('kl-terminal[data-state="ready"]', { timeout: 60_000 });
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}
const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));

async function record(run: () => Promise<void>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  return profile;
}

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: Frame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

let profile: Profile;
if (scenario === 'start') {
  profile = await record(async () => {
    await page.goto(`${BASE}/k8s/scheduler/`);
    await ready();
    await page.waitForTimeout(1500);
  });
} else if (scenario === 'scale') {
  await page.goto(`${BASE}/k8s/scheduler/`);
  await ready();
  await typeLine('kubectl apply -f web.yaml');
  await page.waitForFunction(() => (document.querySelector('kl-terminal') as HTMLElement & { transcript(): string }).transcript().includes('deployment.apps/web'));
  await page.waitForTimeout(1000);
  profile = await record(async () => {
    await typeLine('kubectl scale deploy web --replicas=1000');
    // Keys typed while the cluster works, as bench/pages.ts does: each echo's wait is printed.
    const end = Date.now() + Number(process.env.SCALE_MS ?? 8000);
    const echoes: number[] = [];
    while (Date.now() < end) {
      const t = Date.now();
      await page.keyboard.type('x');
      await page.waitForFunction(() => (document.querySelector('kl-terminal') as HTMLElement & { transcript(): string }).transcript().trimEnd().endsWith('x'));
      echoes.push(Date.now() - t);
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(250);
    }
    console.log(`key echoes (ms): ${echoes.join(' ')}`);
  });
  console.log((await transcript(page)).split('\n').slice(-3).join('\n'));
} else if (scenario === 'draw') {
  await page.goto(`${BASE}/en/k8s/scheduler/`);
  await ready();
  await page.waitForSelector('kl-cluster-diagram[data-state="ready"]');
  profile = await record(async () => {
    const ms = await page.locator('kl-cluster-diagram').evaluate((el, view) => {
      const host = el as HTMLElement & { drawView(v: unknown): void };
      const t0 = performance.now();
      host.drawView(view);
      void el.getBoundingClientRect();
      return performance.now() - t0;
    }, thousandPodView());
    console.log(`first draw incl. style+layout: ${ms.toFixed(1)} ms`);
    await page.waitForTimeout(500);
  });
} else if (scenario === 'type') {
  // Keys typed into a lesson terminal (PAGE, default /en/k8s/pods/) at WIDTH px (default 1280).
  await page.setViewportSize({ width: Number(process.env.WIDTH ?? 1280), height: 900 });
  await page.goto(`${BASE}${process.env.PAGE ?? '/en/k8s/pods/'}`);
  await ready();
  await page.locator('kl-terminal .xterm').first().click();
  await page.keyboard.type('echo warm up');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  profile = await record(async () => {
    await page.keyboard.type('kubectl get pods -o wide --all-namespaces');
    await page.waitForTimeout(300);
  });
} else throw new Error(`unknown scenario ${scenario}`);

// The raw trace and profile, for questions this summary does not answer.
if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ events, profile }));

// ---- The renderer's main thread, its long tasks, and what was inside them ----
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'RunTask' && (x.dur ?? 0) > 1000));
if (!main) throw new Error('no renderer main thread in the trace');
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= LONG * 1000).sort((a, b) => a.ts - b.ts);

const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const sampleTimes: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) sampleTimes.push((t += d));
const label = (f: Frame) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;

console.log(`${scenario}: ${tasks.length} tasks ≥ ${LONG} ms on the main thread`);
for (const task of tasks) {
  const end = task.ts + task.dur!;
  console.log(`\n== task ${(task.dur! / 1000).toFixed(1)} ms at +${((task.ts - tasks[0]!.ts) / 1000).toFixed(0)} ms`);
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 2000);
  for (const e of inside.slice(0, 25)) {
    const d = e.args?.data ?? {};
    const what = [d.url, d.functionName, d.timerId !== undefined ? `timer ${d.timerId}` : '', d.type].filter(Boolean).join(' ');
    console.log(`   ${e.name.padEnd(22)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(7)} ms  ${String(what).split('/').pop()}`);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const st = sampleTimes[i]!;
    if (st < task.ts || st > end) continue;
    n++;
    const dt = (profile.timeDeltas[i + 1] ?? 200) / 1000;
    let node = byId.get(profile.samples[i]!);
    if (!node) continue;
    self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!.callFrame);
      if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + dt);
      seen.add(l);
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log(`   -- ${n} samples; self time:`);
  for (const [l, ms] of top(self, 14)) console.log(`     ${ms.toFixed(1).padStart(6)} ms  ${l}`);
  console.log('   -- inclusive:');
  for (const [l, ms] of top(total, 22)) if (!/^\((root|program)\)/.test(l)) console.log(`     ${ms.toFixed(1).padStart(6)} ms  ${l}`);
}
await browser.close();
server.close();
