import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What the browser tests share: reading the terminal, typing into it, opening
 * the editor, watching for errors. One copy, so a change to a widget's
 * contract (a data attribute, a method on the element) is made once.
 */

type TermEl = HTMLElement & { transcript(): string; wrappedRows(): number };

/** Collects console errors and page errors; a test asserts there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Everything the terminal printed, including lines scrolled out of view. */
export async function transcript(term: Locator): Promise<string> {
  return term.evaluate((el) => (el as TermEl).transcript());
}

const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** Waits until the transcript contains `text` (a literal string) or matches `text` (a RegExp). */
export async function expectTranscript(term: Locator, text: string | RegExp, timeout = 15_000) {
  await expect.poll(() => transcript(term), { timeout }).toMatch(typeof text === 'string' ? literal(text) : text);
}

/** The page's first terminal, scrolled into view, started, and focused (clicked). */
export async function terminal(page: Page, timeout = 20_000): Promise<Locator> {
  const term = page.locator('kl-terminal').first();
  await term.scrollIntoViewIfNeeded();
  await expect(term).toHaveAttribute('data-state', 'ready', { timeout });
  await term.locator('.xterm').click();
  return term;
}

/** Clicks into the terminal and types one command. */
export async function typeIn(page: Page, term: Locator, line: string) {
  await term.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Pastes lines into whatever has focus (the terminal's textarea), each followed by Enter, without waiting for output. */
export async function run(page: Page, lines: string[]) {
  for (const line of lines) {
    await page.locator(':focus').evaluate(pasteInto, line);
    await page.keyboard.press('Enter');
  }
}

/** Pastes `text` into the terminal as the browser does for Ctrl+V (a paste event on xterm's textarea). */
async function paste(term: Locator, text: string) {
  await term.locator('.xterm-helper-textarea').evaluate(pasteInto, text);
}

/** In the page: the paste event a browser fires on Ctrl+V, with `text` on its clipboard. */
function pasteInto(el: Element | null, text: string) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  el?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/**
 * Enters each line and waits for the next prompt: keys typed while a command still runs are not kept by the terminal.
 * `paste` enters a line as one paste (a learner copying a command from the lesson), which is one event instead of a
 * round trip per key: replaying a lesson's 30 commands key by key took 45 of its 60 s. Tests of the keys themselves
 * (Tab, arrows, Ctrl-C) type.
 */
export async function typeLines(page: Page, lines: string[], timeout = 20_000, how: 'type' | 'paste' = 'type') {
  const term = page.locator('kl-terminal').first();
  const prompts = () => term.evaluate((el) => ((el as TermEl).transcript().match(/^learner@kube-lessons:[^\n]*\$/gm) ?? []).length);
  for (const line of lines) {
    const before = await prompts();
    if (how === 'paste') await paste(term, line);
    else await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await expect.poll(prompts, { timeout }).toBeGreaterThan(before);
  }
}

/** Opens the page's editor that shows `file` (default: the first editor) and waits for Monaco. */
export async function editor(page: Page, file?: string): Promise<Locator> {
  const all = page.locator('kl-editor');
  const ed = file ? all.filter({ has: page.locator('.kl-ed-tab', { hasText: file }) }).first() : all.first();
  await ed.scrollIntoViewIfNeeded();
  await ed.locator('.kl-ed-surface').click();
  await expect(ed).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  return ed;
}

/** Replaces the whole text of the active tab, as a learner would by typing (through Monaco's model). */
export async function setText(ed: Locator, text: string) {
  await ed.evaluate((el, t) => {
    const e = (el as unknown as { editor: { getModel(): { setValue(v: string): void } } }).editor;
    e.getModel().setValue(t);
  }, text);
}

/** The simulator's markers on the active tab. */
export async function markers(ed: Locator) {
  return ed.evaluate((el) => {
    const h = el as unknown as { monaco: { editor: { getModelMarkers(f: object): { startLineNumber: number; startColumn: number; message: string }[] } }; editor: { getModel(): { uri: unknown } } };
    return h.monaco.editor.getModelMarkers({ resource: h.editor.getModel().uri, owner: 'kube-lessons' }).map((m) => ({ line: m.startLineNumber, col: m.startColumn, message: m.message }));
  });
}

/** What has focus, described well enough to assert on. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      inTerminal: !!a?.closest('kl-terminal') && a.classList.contains('xterm-helper-textarea'),
      inEditor: !!a?.closest('kl-editor .monaco-editor'),
      editorFile: a?.closest('kl-editor')?.querySelector('.kl-ed-tab[aria-selected="true"]')?.textContent ?? '',
      inExercise: !!a?.closest('kl-exercise'),
      reset: !!a?.classList.contains('kl-term-reset'),
      tag: a?.tagName ?? '',
    };
  });
