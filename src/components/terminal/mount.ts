import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { LineEditor, type EditorEvent } from '../../shell/line-editor.ts';
import type { Lang } from '../../shell/types.ts';
import { getSession } from '../runtime.ts';
import { mountSessionNotices } from '../session-notices.ts';
import { onRunRequest, setTerminalColumns } from '../session-events.ts';
import { columnsFor, fontSizeFor, measureCellRatio, SCREEN_CHROME_PX, TERMINAL_FONT } from './width.ts';

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
  // Comments and notices use bright black: 6.2:1 on the background (xterm's dim SGR 2 gave 4.45:1).
  brightBlack: '#9198a1',
  blue: '#6cb6ff',
  brightBlue: '#8ecbff',
  green: '#7ee787',
  red: '#ff7b72',
  yellow: '#f5c451',
  cyan: '#76e3ea',
  magenta: '#d2a8ff',
};

const TEXT = {
  ko: {
    tabOn: 'Tab 키가 이제 터미널 밖으로 포커스를 옮깁니다. 다시 자동 완성에 쓰려면 Ctrl+M.',
    tabOff: 'Tab 키가 다시 자동 완성이에요.',
    esc: 'Esc: 다음 Tab 키가 터미널 밖으로 나갑니다.',
    confirm: '처음부터 다시 시작할까요? 이 강의에서 입력한 명령과 파일, 연습 문제 진행 상황이 지워집니다.',
    yes: '처음부터 다시',
    no: '취소',
    keys: '터미널 특수 키',
  },
  en: {
    tabOn: 'Tab now moves focus out of the terminal. Ctrl+M makes it complete again.',
    tabOff: 'Tab completes commands again.',
    esc: 'Esc: the next Tab leaves the terminal.',
    confirm: 'Start over? This forgets the commands, files and exercise progress of this lesson.',
    yes: 'Start over',
    no: 'Cancel',
    keys: 'Terminal keys',
  },
};

/** The key row for touch keyboards, which have no Tab, Ctrl or arrows. */
const KEYS: { label: string; data: string; name: { ko: string; en: string } }[] = [
  { label: 'Tab', data: '\t', name: { ko: 'Tab (자동 완성)', en: 'Tab (complete)' } },
  { label: 'Ctrl-C', data: '\x03', name: { ko: 'Ctrl-C (중단)', en: 'Ctrl-C (interrupt)' } },
  { label: '↑', data: '\x1b[A', name: { ko: '이전 명령', en: 'Previous command' } },
  { label: '↓', data: '\x1b[B', name: { ko: '다음 명령', en: 'Next command' } },
  { label: '←', data: '\x1b[D', name: { ko: '커서 왼쪽', en: 'Cursor left' } },
  { label: '→', data: '\x1b[C', name: { ko: '커서 오른쪽', en: 'Cursor right' } },
  { label: 'Esc', data: 'esc', name: { ko: 'Esc (다음 Tab으로 나가기)', en: 'Esc (next Tab leaves)' } },
];

/** Wires xterm to the shared shell: the shell owns all state, this only draws and forwards keys. */
export async function mountTerminal(host: HTMLElement): Promise<void> {
  const cfg = JSON.parse(host.dataset.config ?? '{}') as TerminalConfig;
  const t = TEXT[cfg.lang === 'en' ? 'en' : 'ko'];
  const live = await getSession(cfg.session, { seed: cfg.seed, lang: cfg.lang, dir: cfg.dir, files: cfg.files, boot: cfg.boot });
  // The session resolves at the end of the cluster's last boot slice: xterm opens in a task of its own, not that one.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  const shell = live.shell;
  const box = host.querySelector<HTMLElement>('.kl-term-screen')!;
  host.querySelector('.kl-term-status')?.remove();

  const cellRatio = measureCellRatio();
  const term = new Terminal({
    convertEol: true,
    cursorBlink: true,
    fontSize: fontSizeFor(box.clientWidth - SCREEN_CHROME_PX, cellRatio),
    lineHeight: 1.15,
    fontFamily: TERMINAL_FONT,
    theme: THEME,
    scrollback: 5000,
    // Output goes to a live region, so screen readers announce what commands print.
    screenReaderMode: true,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(box);
  // Opening, fitting and the first write are each a task of their own, not one long one.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  const editor = new LineEditor(() => shell.history, term.cols);
  const refit = () => {
    if (box.clientWidth === 0) return; // hidden: nothing to fit yet
    // A column that grew or shrank (window resize, the 1280 px layout) may want another font size (width.ts).
    const px = fontSizeFor(box.clientWidth - SCREEN_CHROME_PX, cellRatio);
    if (term.options.fontSize !== px) term.options.fontSize = px;
    const dims = fit.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || dims.cols <= 0) return;
    // FitAddon leaves room for the scrollbar; the CSS puts the scrollbar past the last column when the terminal is wider than its box.
    const cols = columnsFor(Math.max(2, dims.cols));
    if (cols !== term.cols || dims.rows !== term.rows) term.resize(cols, dims.rows);
    host.dataset.scroll = box.scrollWidth > box.clientWidth + 1 ? 'x' : '';
    host.dataset.cols = String(term.cols);
    shell.tty.columns = term.cols;
    editor.setColumns(term.cols);
    setTerminalColumns(cfg.session, term.cols);
  };
  new ResizeObserver(refit).observe(box);
  refit();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));

  // Keeps the cursor in view when the terminal is wider than its box and scrolls sideways.
  // Runs after every write (each key's echo): refit's flag answers "wider?" without a read that would force a layout.
  const followCursor = () => {
    if (host.dataset.scroll !== 'x' || box.scrollWidth <= box.clientWidth) return;
    const screen = box.querySelector<HTMLElement>('.xterm-screen');
    const cell = screen ? screen.clientWidth / term.cols : 7;
    const x = term.buffer.active.cursorX * cell;
    const margin = cell * 4;
    if (x < box.scrollLeft + margin) box.scrollLeft = Math.max(0, x - box.clientWidth / 2);
    else if (x > box.scrollLeft + box.clientWidth - margin) box.scrollLeft = x - box.clientWidth + margin * 2;
  };
  term.onWriteParsed(followCursor);

  const io = {
    stdout: { write: (s: string) => term.write(s) },
    stderr: { write: (s: string) => term.write(s) },
  };
  const queue: { line: string; echo: boolean }[] = [];
  let stash = '';
  const prompt = () => {
    term.write(editor.start(shell.prompt()));
    // A line the learner was typing when a widget ran a command comes back after it.
    if (stash) term.write(editor.replace(stash));
    stash = '';
  };
  const runNext = () => {
    const item = queue.shift();
    if (item === undefined) return;
    if (item.echo) term.write(editor.start(shell.prompt()) + item.line + '\r\n');
    let sync = true;
    shell.run(item.line, io, () => {
      host.dataset.lastExit = String(shell.lastExit);
      if (queue.length === 0) prompt();
      else if (sync) queueMicrotask(runNext);
      else runNext();
    });
    sync = false;
  };
  const submit = (line: string, echo: boolean) => {
    const idle = queue.length === 0 && !shell.busy;
    queue.push({ line, echo });
    if (idle) runNext();
  };

  const onEditorEvent = (ev: EditorEvent) => {
    if (ev.type === 'output') term.write(ev.text);
    else if (ev.type === 'submit') submit(ev.line, false);
    else if (ev.type === 'interrupt') prompt();
    else if (ev.type === 'eof') {
      // Ctrl-D ends an attached container shell (docker run -it, kubectl exec -it); at the host prompt it does nothing.
      if (queue.length === 0 && !shell.busy) shell.eof(io, () => (host.dataset.lastExit = String(shell.lastExit), prompt()));
    }
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
  };
  const input = (data: string) => {
    if (shell.busy) {
      // A foreground job owns the terminal: only Ctrl-C matters, other input waits its turn.
      if (data.includes('\x03')) {
        term.write('^C');
        shell.interrupt();
      }
      return;
    }
    for (const ev of editor.handle(data)) onEditorEvent(ev);
  };
  term.onData(input);

  // Another widget (the diagram's menus, a Run button) runs a line here, shown and recorded as if typed.
  onRunRequest(cfg.session, (line) => {
    if (shell.busy || queue.length) {
      submit(line, true);
      return;
    }
    stash = editor.buffer;
    term.write(editor.replace(line));
    for (const ev of editor.handle('\r')) onEditorEvent(ev);
  });

  // ---- Keyboard: Tab completes, and there is always a documented way out (WCAG 2.1.2). ----
  const announcer = host.querySelector<HTMLElement>('.kl-term-announce');
  const say = (text: string) => {
    if (announcer) announcer.textContent = text;
  };
  let tabMovesFocus = false; // Ctrl+M toggles, as in VS Code
  let escArmed = false; // Esc, then Tab leaves
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return ev.key === 'Tab' && (tabMovesFocus || escArmed || ev.shiftKey) ? false : true;
    if (ev.key === 'Escape') {
      escArmed = true;
      host.dataset.escape = 'armed';
      say(t.esc);
      return false; // a lone Esc means nothing to the line editor
    }
    if (ev.key === 'm' && ev.ctrlKey && !ev.altKey && !ev.metaKey) {
      tabMovesFocus = !tabMovesFocus;
      host.dataset.tabMovesFocus = String(tabMovesFocus);
      say(tabMovesFocus ? t.tabOn : t.tabOff);
      ev.preventDefault();
      return false;
    }
    if (ev.key === 'Tab' && (tabMovesFocus || escArmed || ev.shiftKey)) {
      // Returning false leaves the event to the browser, which moves focus.
      escArmed = false;
      delete host.dataset.escape;
      return false;
    }
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(ev.key)) {
      escArmed = false;
      delete host.dataset.escape;
    }
    return true;
  });
  const hintId = host.querySelector('.kl-term-hint')?.id;
  if (term.textarea && hintId) term.textarea.setAttribute('aria-describedby', hintId);
  term.textarea?.setAttribute('aria-label', host.getAttribute('aria-label') ?? 'terminal');
  // The focus ring (CSS on data-focus): xterm's own textarea is invisible.
  term.textarea?.addEventListener('focus', () => (host.dataset.focus = 'terminal'));
  term.textarea?.addEventListener('blur', () => {
    escArmed = false;
    delete host.dataset.escape;
    delete host.dataset.focus;
  });

  // ---- The key row for touch keyboards. ----
  const row = host.querySelector<HTMLElement>('.kl-term-keys');
  if (row) {
    row.setAttribute('aria-label', t.keys);
    for (const k of KEYS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = k.label;
      b.setAttribute('aria-label', k.name[cfg.lang === 'en' ? 'en' : 'ko']);
      b.dataset.key = k.label;
      // Keep focus (and the on-screen keyboard) in the terminal while a key is tapped.
      b.addEventListener('pointerdown', (e) => e.preventDefault());
      b.addEventListener('click', () => {
        if (k.data === 'esc') {
          escArmed = true;
          host.dataset.escape = 'armed';
          say(t.esc);
        } else input(k.data);
        if (document.activeElement !== term.textarea && b.matches(':focus-visible') === false) term.focus();
      });
      row.append(b);
    }
    // Above the on-screen keyboard: pin the row to the bottom of the visual viewport while the terminal has focus.
    const vv = window.visualViewport;
    if (vv) {
      const place = () => {
        const covered = window.innerHeight - (vv.offsetTop + vv.height);
        const pinned = covered > 80 && host.contains(document.activeElement);
        row.classList.toggle('pinned', pinned);
        row.style.bottom = pinned ? `${covered}px` : '';
      };
      vv.addEventListener('resize', place);
      vv.addEventListener('scroll', place);
      host.addEventListener('focusin', place);
      host.addEventListener('focusout', () => setTimeout(place, 0));
    }
  }

  if (live.notice) term.write(`\x1b[${live.notice.kind === 'error' ? '33' : '90'}m${live.notice[cfg.lang]}\x1b[0m\r\n`);
  else if (cfg.welcome) term.write(cfg.welcome.replace(/\n/g, '\r\n') + '\r\n');
  if (live.restored) term.write(live.restored);
  prompt();
  // What happens to the saved work later (another tab, storage full, a save kept aside) shows above the screen, with the learner's choices.
  mountSessionNotices(box, live, cfg.lang, { skipFirst: true });

  // ---- ↺ asks first; a reset tells every widget of the session, then starts over. ----
  host.querySelector<HTMLButtonElement>('.kl-term-reset')?.addEventListener('click', (e) => {
    e.stopPropagation();
    const trigger = e.currentTarget as HTMLButtonElement;
    const dialog = document.createElement('dialog');
    dialog.className = 'kl-term-confirm';
    dialog.setAttribute('aria-labelledby', `${host.id || 'kl-term'}-confirm`);
    const p = document.createElement('p');
    p.id = `${host.id || 'kl-term'}-confirm`;
    p.textContent = t.confirm;
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'kl-term-confirm-yes';
    yes.textContent = t.yes;
    const no = document.createElement('button');
    no.type = 'button';
    no.textContent = t.no;
    no.autofocus = true;
    const actions = document.createElement('div');
    actions.append(no, yes);
    dialog.append(p, actions);
    host.append(dialog);
    dialog.addEventListener('close', () => {
      dialog.remove();
      trigger.focus();
    });
    no.addEventListener('click', () => dialog.close());
    yes.addEventListener('click', () => live.reset());
    dialog.showModal();
  });
  // The whole scrollback as text, for tests and for copying a transcript (xterm only keeps visible rows in the DOM).
  Object.assign(host, {
    transcript: () => {
      const b = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n').trimEnd();
    },
    /** Buffer rows that continue the row before them (a wrapped line), for layout tests. */
    wrappedRows: () => {
      const b = term.buffer.active;
      let n = 0;
      for (let i = 0; i < b.length; i++) if (b.getLine(i)?.isWrapped) n++;
      return n;
    },
  });
  host.dataset.state = 'ready';
  box.addEventListener('click', () => term.focus());
}

function commonPrefix(items: string[]): string {
  let p = items[0] ?? '';
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
