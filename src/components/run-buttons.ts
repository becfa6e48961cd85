/**
 * "Run" buttons on the shell code blocks of a lesson: each command gets a
 * button that types it into the page's terminal (the nearest one after the
 * block, else before it), visibly, as if the learner typed it. Placeholders
 * such as `<pod name>` are filled from the live session or asked for; a
 * command never runs with a literal `<…>`. Generic: it reads Expressive
 * Code's rendered blocks, so every lesson gets the buttons without changes.
 * Small and free of simulator code; the filling code loads on click.
 */
import { blockCommands, placeholders } from './code-commands.ts';
import { runInTerminal } from './run-in-terminal.ts';
import './run-buttons.css';

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'shellscript', 'shellsession']);

function sessionOf(t: Element): string {
  try {
    return (JSON.parse((t as HTMLElement).dataset.config ?? '{}') as { session?: string }).session ?? 'default';
  } catch {
    return 'default';
  }
}

/** The terminal a block's commands go to: the first one after it, else the last one before it. */
function terminalFor(block: Element): Element | undefined {
  const all = [...document.querySelectorAll('kl-terminal[data-config]')];
  return all.find((t) => block.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) ?? all.reverse().find((t) => block.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING);
}

function addButtons() {
  const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'ko';
  const label = lang === 'ko' ? '실행' : 'Run';
  for (const pre of document.querySelectorAll<HTMLElement>('.sl-markdown-content .expressive-code pre[data-language]')) {
    if (!SHELL_LANGS.has(pre.dataset.language ?? '') || pre.dataset.klRun) continue;
    const term = terminalFor(pre) as HTMLElement | undefined;
    if (!term) continue;
    pre.dataset.klRun = 'true';
    const rows = [...pre.querySelectorAll<HTMLElement>('.ec-line')];
    const cmds = blockCommands(rows.map((r) => r.textContent ?? ''));
    for (const cmd of cmds) {
      const row = rows[cmd.line];
      if (!row) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'kl-run';
      b.textContent = `▶ ${label}`;
      const shown = cmd.lines[0]!;
      b.setAttribute('aria-label', lang === 'ko' ? `터미널에서 실행: ${shown}` : `Run in the terminal: ${shown}`);
      b.title = b.getAttribute('aria-label')!;
      if (placeholders(cmd.lines.join('\n')).length) b.dataset.placeholder = 'true';
      b.addEventListener('click', () => void run(term, cmd.lines, lang));
      (row.querySelector('.code') ?? row).append(b);
    }
  }
}

/** Scrolls the terminal into view (which starts it) and waits until it is up. */
function ready(term: HTMLElement): Promise<boolean> {
  term.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      if (term.dataset.state === 'ready') resolve(true);
      else if (term.dataset.state === 'error' || Date.now() - started > 20_000) resolve(false);
      else setTimeout(poll, 50);
    };
    poll();
  });
}

async function run(term: HTMLElement, lines: string[], lang: 'ko' | 'en') {
  const session = sessionOf(term);
  let text = lines.join('\n');
  if (!(await ready(term))) return;
  if (placeholders(text).length) {
    // The session is up now (the terminal started it), so the live state can fill the blanks.
    const { fillPlaceholders } = await import('./fill-placeholders.ts');
    const filled = fillPlaceholders(session, text, lang);
    if (filled === undefined) return;
    text = filled;
  }
  for (const line of text.split('\n')) runInTerminal(session, line);
}

addButtons();
