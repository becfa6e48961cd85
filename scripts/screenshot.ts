/**
 * Screenshots of built pages, for looking at what a learner sees and for the README.
 *   npm run build && npm run screenshot -- [PATH ...] [--dark] [--full] [--width N] [--height N] [--out DIR] [--type "cmd1;;cmd2"]
 * Serves dist/ with `astro preview` on a spare port while it runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const bool = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const dark = bool('--dark');
const full = bool('--full');
const width = Number(flag('--width') ?? 1280);
const height = Number(flag('--height') ?? 900);
const out = flag('--out') ?? 'test-results/screens';
const typed = flag('--type');
const element = flag('--element');
const paths = args.length ? args : ['/', '/compose/intro/'];
const port = 4391;

const server = spawn('node_modules/.bin/astro', ['preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', env: { ...process.env, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}` } });
try {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: dark ? 'dark' : 'light' });
  mkdirSync(out, { recursive: true });
  for (const p of paths) {
    await page.goto(`http://127.0.0.1:${port}${p}`);
    const term = page.locator('kl-terminal').first();
    if (await term.count()) {
      await term.scrollIntoViewIfNeeded();
      await page.waitForSelector('kl-terminal[data-state="ready"]');
      if (typed) {
        await term.locator('.xterm').click();
        for (const line of typed.split(';;')) {
          await page.keyboard.type(line);
          await page.keyboard.press('Enter');
        }
        await page.waitForTimeout(600);
      }
    }
    const file = `${out}/${p.replace(/\W+/g, '_') || 'root'}${dark ? '-dark' : ''}-${width}.png`;
    if (!full && (await term.count())) await term.evaluate((el, block) => el.scrollIntoView({ block }), height > 1000 ? ('start' as const) : ('center' as const));
    if (element) await page.locator(element).first().screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: full });
    console.log(file);
  }
  await browser.close();
} finally {
  server.kill();
}
