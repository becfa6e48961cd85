import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { LineEditor } from '../../shell/line-editor.ts';
import type { Lang } from '../../shell/types.ts';
import { getSession } from '../runtime.ts';

interface TerminalConfig {
  session: string;
  lang: Lang;
  seed: number;
  dir?: string;
  files?: Record<string, string>;
  boot?: 'k8s'[];
  welcome?: string;
}

const THEME = {
  background: '#14161b',
  foreground: '#e6e6e6',
  cursor: '#f5c451',
  selectionBackground: '#3a4150',
  blue: '#6cb6ff',
  brightBlue: '#8ecbff',
  green: '#7ee787',
  red: '#ff7b72',
  yellow: '#f5c451',
  cyan: '#76e3ea',
  magenta: '#d2a8ff',
};

/** Wires xterm to the shared shell: the shell owns all state, this only draws and forwards keys. */
export function mountTerminal(host: HTMLElement): void {
  const cfg = JSON.parse(host.dataset.config ?? '{}') as TerminalConfig;
  const live = getSession(cfg.session, { seed: cfg.seed, lang: cfg.lang, dir: cfg.dir, files: cfg.files, boot: cfg.boot });
  const shell = live.shell;
  const box = host.querySelector<HTMLElement>('.kl-term-screen')!;
  host.querySelector('.kl-term-status')?.remove();

  const term = new Terminal({
    convertEol: true,
    cursorBlink: true,
    // Narrow screens get a smaller font so tables such as `docker compose ps` keep more columns.
    fontSize: box.clientWidth < 560 ? 12 : 13,
    lineHeight: 1.15,
    fontFamily: "'D2Coding', 'JetBrains Mono', 'Noto Sans Mono CJK KR', ui-monospace, Menlo, Consolas, monospace",
    theme: THEME,
    scrollback: 5000,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(box);
  const refit = () => {
    try {
      fit.fit();
    } catch {
      /* hidden element: nothing to fit yet */
    }
    shell.tty.columns = term.cols;
    editor.setColumns(term.cols);
  };
  const editor = new LineEditor(() => shell.history, term.cols);
  new ResizeObserver(refit).observe(box);
  refit();

  const io = {
    stdout: { write: (s: string) => term.write(s) },
    stderr: { write: (s: string) => term.write(s) },
  };
  const queue: string[] = [];
  const prompt = () => term.write(editor.start(shell.prompt()));
  const runNext = () => {
    const line = queue.shift();
    if (line === undefined) return;
    let sync = true;
    shell.run(line, io, () => {
      host.dataset.lastExit = String(shell.lastExit);
      if (queue.length === 0) prompt();
      else if (sync) queueMicrotask(runNext);
      else runNext();
    });
    sync = false;
  };

  term.onData((data) => {
    if (shell.busy) {
      // A foreground job owns the terminal: only Ctrl-C matters, other input waits its turn.
      if (data.includes('\x03')) {
        term.write('^C');
        shell.interrupt();
      }
      return;
    }
    for (const ev of editor.handle(data)) {
      if (ev.type === 'output') term.write(ev.text);
      else if (ev.type === 'submit') {
        const idle = queue.length === 0;
        queue.push(ev.line);
        if (idle) runNext();
      } else if (ev.type === 'interrupt') prompt();
      else if (ev.type === 'clear') {
        term.clear();
        term.write('\x1b[H\x1b[2J' + editor.replace(editor.buffer));
      } else if (ev.type === 'complete') {
        const { start, candidates } = shell.complete(ev.line);
        if (candidates.length === 1) {
          const c = candidates[0]!;
          term.write(editor.replace(ev.line.slice(0, start) + c + (c.endsWith('/') ? '' : ' ')));
        } else if (candidates.length > 1) {
          const common = commonPrefix(candidates);
          if (common.length > ev.line.length - start) term.write(editor.replace(ev.line.slice(0, start) + common));
          else {
            term.write('\r\n' + candidates.join('  ') + '\r\n');
            term.write(editor.start(shell.prompt()) + '');
            term.write(editor.replace(ev.line));
          }
        }
      }
    }
  });

  if (live.notice) term.write(`\x1b[${live.notice.kind === 'error' ? '33' : '2'}m${live.notice[cfg.lang]}\x1b[0m\r\n`);
  else if (cfg.welcome) term.write(cfg.welcome.replace(/\n/g, '\r\n') + '\r\n');
  if (live.restored) term.write(live.restored);
  prompt();
  host.querySelector<HTMLButtonElement>('.kl-term-reset')?.addEventListener('click', (e) => {
    e.stopPropagation();
    live.reset();
  });
  // The whole scrollback as text, for tests and for copying a transcript (xterm only keeps visible rows in the DOM).
  Object.assign(host, {
    transcript: () => {
      const b = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n').trimEnd();
    },
  });
  host.dataset.state = 'ready';
  host.addEventListener('click', () => term.focus());
}

function commonPrefix(items: string[]): string {
  let p = items[0] ?? '';
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
