/**
 * The page's editor as the shell sees it (EditorHost): `vi FILE`, `nano FILE`
 * and `kubectl edit` open a tab in the session's <kl-editor>. A page that has
 * a terminal but no editor gets one, placed right under the terminal. No
 * Monaco code here: it loads only when a tab actually opens.
 */
import type { EditorHost, Shell } from '../../shell/shell.ts';
import type { EditorElement } from './element.ts';
import './element.ts';

/** The session's editor that lists `path` among its files (a page may show two side by side), else its first one. */
function editorFor(session: string, path: string): EditorElement {
  const sel = `kl-editor[data-session="${CSS.escape(session)}"]`;
  const all = [...document.querySelectorAll<EditorElement>(sel)];
  const lists = (e: EditorElement) => {
    try {
      const { open = [] } = JSON.parse(e.dataset.config ?? '{}') as { open?: string[] };
      return open.some((rel) => path === rel || path.endsWith(`/${rel}`));
    } catch {
      return false;
    }
  };
  const found = all.find(lists) ?? all[0];
  if (found) return found;
  const el = document.createElement('kl-editor') as EditorElement;
  el.className = 'not-content kl-editor-floating';
  el.dataset.session = session;
  const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'ko';
  el.dataset.config = JSON.stringify({ session, lang, open: [], height: 18 });
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', lang === 'ko' ? '편집기' : 'Editor');
  let terminal: Element | undefined;
  for (const t of document.querySelectorAll('kl-terminal[data-config]')) {
    try {
      if ((JSON.parse((t as HTMLElement).dataset.config!) as { session?: string }).session === session) terminal = t;
    } catch {
      /* ignore a broken config */
    }
  }
  // After the terminal (or its dock wrapper), else at the end of the lesson text.
  const anchor = terminal?.closest('.kl-dock') ?? terminal;
  if (anchor) anchor.after(el);
  else (document.querySelector('main .sl-markdown-content') ?? document.body).append(el);
  return el;
}

/**
 * Gives the shell an editor. While a saved session replays, `quiet` is on:
 * the replay reproduces the state (a `kubectl edit` and its recorded save)
 * without opening tabs or loading Monaco.
 */
export function attachEditorHost(shell: Shell, session: string): { setQuiet(q: boolean): void } {
  let quiet = false;
  const host: EditorHost = {
    open(path, opts) {
      let closed = false;
      let el: EditorElement | undefined;
      const handle = {
        close() {
          closed = true;
          el?.closeFile(path);
        },
      };
      if (quiet) return handle;
      // Deferred: a command that opens and closes within one line (a replayed edit) never shows a tab.
      queueMicrotask(() => {
        if (closed) return;
        el = editorFor(session, path);
        el.openFile(path, opts?.purpose ?? 'edit');
      });
      return handle;
    },
  };
  shell.editor = host;
  return { setQuiet: (q) => (quiet = q) };
}
