/**
 * The Monaco editor of a lesson page. Every tab is a file of the page
 * session's virtual file system (the terminal's files): Ctrl/Cmd-S writes it
 * through the shell (so it is recorded and replayed like a command), a change
 * made in the terminal updates the tab, and unsaved text is kept in
 * localStorage across reloads. Markers come from the simulator's validators
 * (src/editor/diagnostics.ts); monaco-yaml only adds completion and hover
 * from the project's JSON Schemas.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/suggest/register.js';
// features/suggest only brings inline completions; the completion list itself is this contribution.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import 'monaco-editor/languages/definitions/dockerfile/register.js';
import 'monaco-editor/languages/definitions/html/register.js';
import 'monaco-editor/languages/definitions/shell/register.js';
import 'monaco-editor/languages/definitions/ini/register.js';
import { configureMonacoYaml } from 'monaco-yaml';
// As a string, injected at mount: importing the .css here made Vite put Monaco's stylesheet in the page's <link>s.
import editorCss from './editor.css?inline';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { HOME } from '../../sim/world.ts';
import { Vfs } from '../../sim/vfs.ts';
import { diagnose, fileKind } from '../../editor/diagnostics.ts';
import { composeJsonSchema, kubernetesJsonSchema } from '../../editor/schemas.ts';
import { validateFile } from '../../sim/compose/load/validate.ts';
import { installSchemaCheck } from '../../sim/compose/load/schema-check.ts';
import { getSession, type LiveSession } from '../runtime.ts';
import { runInTerminal } from '../run-in-terminal.ts';
import type { SessionOptions } from '../../shell/session.ts';
import type { EditorElement, MountedEditor, Purpose } from './element.ts';

// The editor's diagnostics load Compose projects, and zod is in this chunk anyway: fill the page's lazy schema check
// (src/sim/compose/load/schema-check.lazy.ts) rather than wait for the terminal's "schema" pack.
installSchemaCheck(validateFile);

interface EditorConfig {
  session: string;
  lang: 'ko' | 'en';
  seed?: number;
  dir?: string;
  files?: Record<string, string>;
  boot?: 'k8s'[];
  /** Paths relative to the session's directory, opened as tabs in this order. */
  open?: string[];
  active?: string;
  height?: number;
}

const TEXT = {
  ko: {
    save: '저장',
    saveTitle: '저장 (Ctrl-S / ⌘S)',
    apply: '적용',
    reset: '파일 되돌리기',
    resetConfirm: (f: string) => `${f}을(를) 레슨의 원래 내용으로 되돌릴까요? 저장하지 않은 내용도 사라져요.`,
    saved: (f: string) => `${f}을(를) 저장했어요. 터미널에서 바로 보여요.`,
    changed: (f: string) => `${f}이(가) 터미널에서 바뀌었어요.`,
    conflict: (f: string) => `${f}이(가) 터미널에서 바뀌었지만, 저장하지 않은 편집은 그대로 두었어요. 저장하면 덮어써요.`,
    deleted: (f: string) => `${f}이(가) 터미널에서 지워졌어요. 저장하면 다시 만들어요.`,
    restored: (n: number) => `저장하지 않은 편집 ${n}개를 다시 불러왔어요(● 표시).`,
    problems: (n: number) => (n === 0 ? '문제 없음' : `문제 ${n}개`),
    files: '파일',
    tabs: '열린 파일',
    close: (f: string) => `${f} 닫기`,
    unsaved: '저장 안 됨',
    kubectlEdit: 'kubectl edit: 고친 뒤 저장(Ctrl-S)하면 적용돼요. 탭을 닫으면 취소돼요.',
    noTerminal: '이 페이지에는 이 세션의 터미널이 없어요.',
    applyTitle: (cmd: string) => `터미널에서 실행: ${cmd}`,
    hint: 'Ctrl-S(⌘S) 저장 · Tab은 들여쓰기예요. 편집기에서 나가려면 Ctrl-M을 누른 뒤 Tab(또는 Shift+Tab)을 누르세요. Ctrl-M을 다시 누르면 Tab이 들여쓰기로 돌아와요.',
  },
  en: {
    save: 'Save',
    saveTitle: 'Save (Ctrl-S / ⌘S)',
    apply: 'Apply',
    reset: 'Reset file',
    resetConfirm: (f: string) => `Reset ${f} to the lesson's version? Unsaved edits are lost too.`,
    saved: (f: string) => `Saved ${f}. The terminal sees it now.`,
    changed: (f: string) => `${f} was changed in the terminal.`,
    conflict: (f: string) => `${f} was changed in the terminal; your unsaved edits are kept. Saving overwrites it.`,
    deleted: (f: string) => `${f} was deleted in the terminal. Saving creates it again.`,
    restored: (n: number) => `Restored ${n} unsaved edit(s) (marked ●).`,
    problems: (n: number) => (n === 0 ? 'No problems' : `${n} problem(s)`),
    files: 'Files',
    tabs: 'Open files',
    close: (f: string) => `Close ${f}`,
    unsaved: 'unsaved',
    kubectlEdit: 'kubectl edit: change the object and save (Ctrl-S) to apply it; closing the tab cancels.',
    noTerminal: 'This page has no terminal for this session.',
    applyTitle: (cmd: string) => `Runs in the terminal: ${cmd}`,
    hint: 'Ctrl-S (⌘S) saves · Tab indents. To leave the editor, press Ctrl-M, then Tab (or Shift+Tab); Ctrl-M again makes Tab indent.',
  },
};

let configured = false;
let hints = 0;
function configureMonaco() {
  if (configured) return;
  configured = true;
  (globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    // Markers come from the simulator's own validators, so the editor and the terminal agree.
    validate: false,
    completion: true,
    hover: true,
    // No formatter: Prettier is aliased away from the worker bundle (astro.config.mjs).
    format: { enable: false },
    schemas: [
      { uri: 'https://kube-lessons.example/schemas/compose.json', fileMatch: ['**/~compose/**'], schema: composeJsonSchema as never },
      { uri: 'https://kube-lessons.example/schemas/kubernetes.json', fileMatch: ['**/~manifest/**'], schema: kubernetesJsonSchema() as never },
    ],
  });
}

function languageOf(path: string): string {
  const kind = fileKind(path);
  if (kind === 'dockerfile') return 'dockerfile';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.html?$/i.test(path)) return 'html';
  if (/\.(sh|bash)$/i.test(path)) return 'shell';
  if (/(^|\/)\.env$|\.(ini|conf|env)$/i.test(path)) return 'ini';
  return 'plaintext';
}

/** A model URI that also says which schema applies (monaco-yaml matches schemas by path). */
function uriFor(path: string, text: string): monaco.Uri {
  const kind = fileKind(path, text);
  const tag = kind === 'compose' || kind === 'manifest' ? `~${kind}` : '~file';
  return monaco.Uri.from({ scheme: 'file', path: `/${tag}${path}` });
}

/** The options the page's terminal started (or will start) the session with, so either widget may come first. */
function sessionOptions(cfg: EditorConfig): SessionOptions & { files?: Record<string, string>; dir?: string } {
  for (const t of document.querySelectorAll<HTMLElement>('kl-terminal[data-config]')) {
    try {
      const c = JSON.parse(t.dataset.config!) as EditorConfig;
      if (c.session === cfg.session) return { seed: c.seed, lang: c.lang, dir: c.dir, files: c.files, boot: c.boot };
    } catch {
      /* the terminal reports its own broken config */
    }
  }
  return { seed: cfg.seed ?? 1, lang: cfg.lang, dir: cfg.dir, files: cfg.files, boot: cfg.boot };
}

interface Tab {
  path: string;
  model: monaco.editor.ITextModel;
  purpose: Purpose;
  view?: monaco.editor.ICodeEditorViewState | null;
  /** Text of the file when the tab last agreed with the VFS. */
  base: string | undefined;
}

const draftKey = (session: string, path: string) => `kube-lessons:draft:${session}:${path}`;

export async function mountEditor(host: EditorElement): Promise<MountedEditor> {
  const cfg = JSON.parse(host.dataset.config ?? '{}') as EditorConfig;
  const t = TEXT[cfg.lang === 'en' ? 'en' : 'ko'];
  const opts = sessionOptions(cfg);
  const live: LiveSession = await getSession(cfg.session, opts);
  const shell = live.shell;
  const vfs = shell.world.vfs;
  const baseDir = opts.dir ? Vfs.resolve(HOME, opts.dir) : HOME;
  const lessonFiles = new Map(Object.entries(opts.files ?? {}).map(([rel, text]) => [Vfs.resolve(baseDir, rel), text]));
  const rel = (p: string) => (p.startsWith(baseDir + '/') ? p.slice(baseDir.length + 1) : p);
  configureMonaco();
  if (!document.querySelector('style[data-kl-editor]')) {
    const style = document.createElement('style');
    style.dataset.klEditor = '';
    style.textContent = editorCss;
    document.head.append(style);
  }

  // ---------- DOM ----------
  // A keyboard user who tabbed onto the preview started the editor: the preview goes, so focus moves into the editor when it is up.
  const hadFocus = host.contains(document.activeElement);
  host.textContent = '';
  host.dataset.state = 'loading';
  const bar = el('div', 'kl-ed-bar');
  const tabList = el('div', 'kl-ed-tabs');
  tabList.setAttribute('role', 'tablist');
  tabList.setAttribute('aria-label', t.tabs);
  const actions = el('div', 'kl-ed-actions');
  const saveBtn = button(t.save, 'kl-ed-save', t.saveTitle);
  const applyBtn = button(t.apply, 'kl-ed-apply');
  const resetBtn = button(t.reset, 'kl-ed-reset');
  actions.append(saveBtn, applyBtn, resetBtn);
  bar.append(tabList, actions);
  const main = el('div', 'kl-ed-main');
  const tree = el('nav', 'kl-ed-tree');
  tree.setAttribute('aria-label', t.files);
  const banner = el('p', 'kl-ed-banner');
  banner.hidden = true;
  const surface = el('div', 'kl-ed-surface');
  surface.setAttribute('role', 'tabpanel');
  const right = el('div', 'kl-ed-right');
  right.append(banner, surface);
  main.append(tree, right);
  const status = el('p', 'kl-ed-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  // The way out, tied to the editor's input as the terminal's is (the status line above changes as the learner works).
  const keyHint = el('p', 'kl-ed-keyhint');
  keyHint.id = `kl-ed-keyhint-${++hints}`;
  keyHint.textContent = t.hint;
  host.append(bar, main, status, keyHint);

  const isDark = () => document.documentElement.dataset.theme !== 'light';
  const editor = monaco.editor.create(surface, {
    model: null,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    renderWhitespace: 'boundary',
    theme: isDark() ? 'vs-dark' : 'vs',
    // Tab inserts spaces in YAML; Ctrl-M (Monaco's own toggle) lets Tab move focus, for keyboard users.
    tabFocusMode: false,
    ariaLabel: cfg.lang === 'en' ? 'Code editor' : '코드 편집기',
    fixedOverflowWidgets: true,
    wordBasedSuggestions: 'off',
    quickSuggestions: { other: true, comments: false, strings: true },
  });
  // Monaco's input is an EditContext element where the browser has it, else its textarea; it exists once a model is shown.
  const describeInput = () => {
    for (const input of editor.getDomNode()?.querySelectorAll('.native-edit-context, textarea') ?? []) input.setAttribute('aria-describedby', keyHint.id);
  };
  editor.onDidChangeModel(describeInput);
  editor.onDidFocusEditorText(describeInput);
  new MutationObserver(() => monaco.editor.setTheme(isDark() ? 'vs-dark' : 'vs')).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  const tabs: Tab[] = [];
  let active: Tab | undefined;
  const say = (msg: string) => (status.textContent = msg);

  const dirty = (tab: Tab) => tab.model.getValue() !== (vfs.readFile(tab.path) ?? '') || (!vfs.isFile(tab.path) && tab.model.getValue() !== '');

  const saveDraft = (tab: Tab) => {
    try {
      if (tab.purpose === 'edit' && dirty(tab)) localStorage.setItem(draftKey(cfg.session, tab.path), JSON.stringify({ text: tab.model.getValue(), base: tab.base ?? null }));
      else localStorage.removeItem(draftKey(cfg.session, tab.path));
    } catch {
      /* storage blocked: edits still live in the tab */
    }
  };

  // ---------- markers from the simulator's validators ----------
  const timers = new Map<Tab, ReturnType<typeof setTimeout>>();
  const check = (tab: Tab, delay = 250) => {
    clearTimeout(timers.get(tab));
    timers.set(
      tab,
      setTimeout(() => {
        if (tab.model.isDisposed()) return;
        const diags = diagnose(tab.path, tab.model.getValue(), vfs, Object.fromEntries(shell.env));
        monaco.editor.setModelMarkers(
          tab.model,
          'kube-lessons',
          diags.map((d) => {
            const line = Math.min(Math.max(1, d.line), tab.model.getLineCount());
            const endCol = Math.max(d.col + 1, tab.model.getLineMaxColumn(line));
            return {
              severity: d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
              message: d.message,
              source: d.source,
              startLineNumber: line,
              startColumn: d.col,
              endLineNumber: line,
              endColumn: endCol,
            };
          }),
        );
        host.dataset.problems = String(diags.length);
        if (tab === active) renderStatusLine();
      }, delay),
    );
  };

  const renderStatusLine = () => {
    if (!active) return;
    const found = monaco.editor.getModelMarkers({ resource: active.model.uri, owner: 'kube-lessons' });
    const n = found.length;
    // The first problem in words, where the learner looks after saving (the same text the terminal prints).
    const first = found[0];
    if (first) say(`${rel(active.path)}:${first.startLineNumber}:${first.startColumn}: ${first.message}`);
    else if (status.dataset.problem === 'true') say('');
    status.dataset.problem = String(!!first);
    host.querySelector('.kl-ed-problems')?.remove();
    const p = el('span', 'kl-ed-problems');
    p.textContent = t.problems(n);
    p.dataset.count = String(n);
    actions.prepend(p);
  };

  // ---------- tabs ----------
  const renderTabs = () => {
    tabList.textContent = '';
    for (const tab of tabs) {
      const b = el('button', 'kl-ed-tab') as HTMLButtonElement;
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(tab === active));
      b.tabIndex = tab === active ? 0 : -1;
      b.dataset.path = tab.path;
      b.title = tab.path;
      const name = el('span', 'kl-ed-tab-name');
      name.textContent = tab.purpose === 'kubectl-edit' ? `kubectl edit · ${Vfs.basename(tab.path)}` : rel(tab.path);
      b.append(name);
      if (dirty(tab)) {
        const d = el('span', 'kl-ed-dirty');
        d.textContent = '●';
        d.title = t.unsaved;
        d.setAttribute('aria-label', t.unsaved);
        b.append(d);
        b.dataset.dirty = 'true';
      }
      b.addEventListener('click', () => activate(tab));
      b.addEventListener('keydown', (e) => {
        const i = tabs.indexOf(tab);
        const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
        if (next) {
          e.preventDefault();
          activate(next);
          tabList.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
        } else if (e.key === 'Delete') closeTab(tab);
      });
      const x = el('span', 'kl-ed-close');
      x.textContent = '×';
      x.setAttribute('role', 'button');
      x.setAttribute('aria-label', t.close(rel(tab.path)));
      x.addEventListener('click', (e) => {
        e.stopPropagation();
        closeTab(tab);
      });
      b.append(x);
      tabList.append(b);
    }
    const kind = active ? fileKind(active.path, active.model.getValue()) : 'text';
    const cmd = active ? applyCommand(active, kind) : undefined;
    applyBtn.hidden = !cmd || active?.purpose === 'kubectl-edit';
    if (cmd) applyBtn.title = t.applyTitle(cmd);
    resetBtn.hidden = !active || !lessonFiles.has(active.path) || active.purpose === 'kubectl-edit';
    saveBtn.disabled = !active;
    banner.hidden = active?.purpose !== 'kubectl-edit';
    banner.textContent = t.kubectlEdit;
    host.dataset.active = active?.path ?? '';
    host.dataset.dirty = String(tabs.some(dirty));
    surface.setAttribute('aria-label', active ? rel(active.path) : '');
  };

  const activate = (tab: Tab) => {
    if (active) active.view = editor.saveViewState();
    active = tab;
    editor.setModel(tab.model);
    if (tab.view) editor.restoreViewState(tab.view);
    renderTabs();
    renderStatusLine();
  };

  const openTab = (path: string, purpose: Purpose, focus: boolean): Tab => {
    let tab = tabs.find((x) => x.path === path);
    if (!tab) {
      const onDisk = vfs.readFile(path);
      let text = onDisk ?? '';
      let restoredDraft = false;
      if (purpose === 'edit') {
        try {
          const raw = localStorage.getItem(draftKey(cfg.session, path));
          const draft = raw ? (JSON.parse(raw) as { text?: unknown }) : undefined;
          if (draft && typeof draft.text === 'string' && draft.text !== onDisk) {
            text = draft.text;
            restoredDraft = true;
          }
        } catch {
          /* a damaged draft is ignored */
        }
      }
      const model = monaco.editor.getModel(uriFor(path, text)) ?? monaco.editor.createModel(text, languageOf(path), uriFor(path, text));
      model.setValue(text);
      tab = { path, model, purpose, base: onDisk };
      const thisTab = tab;
      model.onDidChangeContent(() => {
        check(thisTab);
        saveDraft(thisTab);
        renderTabs();
      });
      tabs.push(tab);
      check(tab, 0);
      if (restoredDraft) drafts++;
    } else tab.purpose = purpose;
    if (focus || !active) activate(tab);
    else renderTabs();
    return tab;
  };

  const closeTab = (tab: Tab, fromCommand = false) => {
    const i = tabs.indexOf(tab);
    if (i < 0) return;
    // Closing the kubectl edit tab is quitting the editor without saving: kubectl says the edit was cancelled.
    if (tab.purpose === 'kubectl-edit' && !fromCommand && vfs.isFile(tab.path)) shell.saveFile(tab.path, vfs.readFile(tab.path)!);
    if (!tabs.includes(tab)) return; // the save above may already have closed it
    tabs.splice(i, 1);
    clearTimeout(timers.get(tab));
    if (tab.purpose === 'kubectl-edit') {
      try {
        localStorage.removeItem(draftKey(cfg.session, tab.path));
      } catch {
        /* nothing saved */
      }
    }
    tab.model.dispose();
    if (active === tab) {
      active = undefined;
      const next = tabs[Math.min(i, tabs.length - 1)];
      if (next) activate(next);
      else {
        editor.setModel(null);
        renderTabs();
      }
    } else renderTabs();
  };

  const save = (tab: Tab | undefined = active) => {
    if (!tab) return;
    const text = tab.model.getValue();
    const e = shell.saveFile(tab.path, text);
    if (e) {
      say(e.message);
      return;
    }
    if (!tabs.includes(tab)) return; // kubectl edit finished and closed it
    // kubectl edit may have rewritten the file (errors on top); the tab already follows it.
    tab.base = vfs.readFile(tab.path);
    saveDraft(tab);
    say(t.saved(rel(tab.path)));
    renderTabs();
  };

  // ---------- actions ----------
  function applyCommand(tab: Tab, kind: ReturnType<typeof fileKind>): string | undefined {
    const dir = Vfs.dirname(tab.path);
    const relToShell = tab.path.startsWith(shell.cwd + '/') ? tab.path.slice(shell.cwd.length + 1) : tab.path;
    if (kind === 'manifest') return `kubectl apply -f ${relToShell}`;
    if (kind === 'compose') {
      const name = Vfs.basename(tab.path);
      const standard = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].includes(name);
      return dir === shell.cwd && standard ? 'docker compose up -d' : `docker compose -f ${relToShell} up -d`;
    }
    return undefined;
  }

  saveBtn.addEventListener('click', () => save());
  applyBtn.addEventListener('click', () => {
    if (!active) return;
    const cmd = applyCommand(active, fileKind(active.path, active.model.getValue()));
    if (!cmd) return;
    if (dirty(active)) save(active);
    if (!runInTerminal(cfg.session, cmd)) say(t.noTerminal);
  });
  resetBtn.addEventListener('click', () => {
    if (!active) return;
    const original = lessonFiles.get(active.path);
    if (original === undefined) return;
    if (!confirm(t.resetConfirm(rel(active.path)))) return;
    active.model.setValue(original);
    save(active);
  });
  // An action, not addCommand: Monaco's addCommand binds globally, so with two editors on a page (the Compose intro) Ctrl-S saved the last one created.
  editor.addAction({ id: 'kube-lessons.save', label: t.save, keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS], run: () => save() });
  // Ctrl-S anywhere in the editor's frame (tabs, buttons) saves too, instead of the browser's "save page".
  host.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save();
    }
  });

  // ---------- the terminal changes files too ----------
  vfs.onChange((c) => {
    for (const tab of [...tabs]) {
      if (c.type === 'write' && c.path === tab.path) {
        const now = vfs.readFile(tab.path) ?? '';
        const mine = tab.model.getValue();
        if (mine === now) {
          tab.base = now;
          continue;
        }
        if (mine === (tab.base ?? '')) {
          // No unsaved edits: follow the file, keeping undo history and the cursor.
          tab.model.pushEditOperations([], [{ range: tab.model.getFullModelRange(), text: now }], () => null);
          tab.base = now;
          if (tab.purpose === 'edit') say(t.changed(rel(tab.path)));
        } else {
          tab.base = now;
          say(t.conflict(rel(tab.path)));
        }
        renderTabs();
      } else if (c.type === 'delete' && (c.path === tab.path || tab.path.startsWith(c.path + '/'))) {
        if (tab.purpose === 'kubectl-edit') continue;
        say(t.deleted(rel(tab.path)));
        renderTabs();
      }
    }
    if (c.type !== 'write' || !tabs.some((x) => x.path === c.path)) scheduleTree();
  });

  // ---------- file tree (only when the lesson has folders) ----------
  let treeTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleTree = () => {
    clearTimeout(treeTimer);
    treeTimer = setTimeout(renderTree, 100);
  };
  const hasFolders = [...lessonFiles.keys()].some((p) => Vfs.dirname(p) !== baseDir);
  const renderTree = () => {
    tree.hidden = !hasFolders;
    host.dataset.tree = String(hasFolders);
    if (!hasFolders) return;
    tree.textContent = '';
    const build = (dir: string, depth: number): HTMLElement => {
      const ul = el('ul', 'kl-ed-tree-list');
      if (depth === 0) ul.setAttribute('role', 'list');
      for (const entry of vfs.list(dir) ?? []) {
        if (entry.name.startsWith('.') && entry.name !== '.env') continue;
        const li = el('li', entry.dir ? 'kl-ed-tree-dir' : 'kl-ed-tree-file');
        const full = `${dir === '/' ? '' : dir}/${entry.name}`;
        if (entry.dir) {
          const label = el('span', 'kl-ed-tree-dirname');
          label.textContent = `${entry.name}/`;
          li.append(label, build(full, depth + 1));
        } else {
          const b = button(entry.name, 'kl-ed-tree-btn');
          b.dataset.path = full;
          if (active?.path === full) b.setAttribute('aria-current', 'true');
          b.addEventListener('click', () => openTab(full, 'edit', true));
          li.append(b);
        }
        ul.append(li);
      }
      return ul;
    };
    tree.append(build(baseDir, 0));
  };

  // ---------- first tabs ----------
  let drafts = 0;
  // A floating editor (opened by vi or kubectl edit) starts with no tabs of its own: open is [].
  const wanted = (cfg.open ?? [...lessonFiles.keys()].map(rel)).map((p) => Vfs.resolve(baseDir, p));
  for (const p of wanted) if (vfs.isFile(p) || lessonFiles.has(p)) openTab(p, 'edit', false);
  const first = cfg.active ? tabs.find((x) => x.path === Vfs.resolve(baseDir, cfg.active!)) : tabs[0];
  if (first) activate(first);
  renderTree();
  renderTabs();
  // Monaco keeps Tab for indenting; its Ctrl-M toggle is the documented way out for keyboard users (keyHint).
  if (drafts) say(t.restored(drafts));
  host.dataset.state = 'ready';
  host.style.removeProperty('--kl-ed-preview');
  describeInput();
  if (hadFocus && (!document.activeElement || document.activeElement === document.body)) editor.focus();

  // For tests and other widgets: the Monaco instance and the model of a path.
  Object.assign(host, { monaco, editor, shell, tabPaths: () => tabs.map((x) => x.path) });

  return {
    openFile(path, purpose) {
      const tab = openTab(path, purpose, true);
      host.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      activate(tab);
      editor.focus();
    },
    closeFile(path) {
      const tab = tabs.find((x) => x.path === path);
      if (tab) closeTab(tab, true);
    },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

function button(label: string, cls: string, title?: string): HTMLButtonElement {
  const b = el('button', cls);
  b.type = 'button';
  b.textContent = label;
  if (title) b.title = title;
  return b;
}
