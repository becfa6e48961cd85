import { ExerciseProgress, type CheckResult, type Exercise } from '../lessons/exercise.ts';
import { loadExercise } from '../lessons/exercise-loader.ts';
import { LOG_VERSION, MAX_ENTRIES, parseLog, Recorder, replay, REPLAY_BUDGET_MS, type SessionLog } from '../shell/recorder.ts';
import { announceSession, emitSessionReset, exercisesFor, sharedReplay } from './session-registry.ts';
import { terminalColumns } from './session-events.ts';
import { createLazySession, packsAfterStart } from '../shell/lazy-session.ts';
import { installPack, loadPack, packsForLine, type PackName } from '../shell/packs/index.ts';
import type { SessionOptions } from '../shell/session-shell.ts';
import type { Shell } from '../shell/shell.ts';
import { ClockRunner } from './clock-runner.ts';
import { attachEditorHost } from './editor/host.ts';

/**
 * Page-level sessions: every widget on a lesson page (terminal, editor,
 * exercise, diagram) that names the same session key shares one world and
 * one shell. The widgets render what the session emits and keep no state of
 * their own. A session is saved as its input log and replayed on the next
 * visit, so a reload never loses the learner's work.
 *
 * Sessions start asynchronously: the page loads only the simulator its
 * lesson needs (Compose or Kubernetes) and the other one on first use.
 *
 * What can go wrong with a save is said, never swallowed: a save that cannot
 * be read, is of another version or does not replay in time is kept aside
 * (under `…:aside`) until the learner chooses to keep trying or start fresh;
 * a second tab on the same session (the ko and en pages share one) is
 * announced, and a tab whose save was overtaken stops writing; a full
 * storage quota and the MAX_ENTRIES cap are reported.
 */
export interface SessionNotice {
  id: string;
  kind: 'info' | 'error';
  ko: string;
  en: string;
  /** Buttons the learner can press; each runs LiveSession.act(action). */
  actions?: { id: NoticeAction; ko: string; en: string }[];
}

export type NoticeAction = 'keep-trying' | 'start-fresh';

export interface LiveSession {
  shell: Shell;
  /** Pause, play, speed and step for the session's virtual clock. */
  clock: ClockRunner;
  /** What the replayed commands printed, for the terminal to show first. */
  restored: string;
  /** The first line about the saved session (restored, or why it could not be), for the terminal. */
  notice?: SessionNotice;
  /** Every notice so far, oldest first (later ones: another tab, storage full, recording cap). */
  notices(): SessionNotice[];
  onNotice(fn: (n: SessionNotice) => void): () => void;
  /** Runs a notice's action: keep trying (replay the kept save again, with more time) or start fresh (drop it). */
  act(action: NoticeAction): void;
  /** What was typed and saved so far, with virtual times: the input a share link carries. */
  log(): SessionLog;
  /** Forget the saved session and start this lesson's session over. */
  reset(): void;
  /** The latest check of an exercise that follows this session (it starts following from now if it registered late). */
  exercise(ex: Exercise): CheckResult | undefined;
  /** Called after every command with the exercises' latest results. */
  onExercises(fn: () => void): () => void;
}

export interface LiveSessionOptions extends SessionOptions {
  /** Simulator packs to load up front (the lesson's kind); others load when first typed. */
  packs?: PackName[];
  /** A log to replay instead of the saved one (a shared playground link); the replayed state is then saved as usual. */
  replayLog?: SessionLog;
}

const sessions = new Map<string, Promise<LiveSession>>();
const started = new Map<string, LiveSession>();
const storageKey = (key: string) => `kube-lessons:session:${key}`;
const asideKey = (key: string) => `${storageKey(key)}:aside`;
const unsavedKey = (key: string) => `${storageKey(key)}:unsaved`;
/** sessionStorage: the replay budget multiplier after "keep trying". */
const budgetKey = (key: string) => `${storageKey(key)}:budget`;

const local = () => localStorage;
const perTab = () => sessionStorage;

function read(store: () => Storage, k: string): string | null {
  try {
    return store().getItem(k);
  } catch {
    return null;
  }
}

/** Writes (or removes, for null); returns the error when the browser refused (quota, privacy mode). */
function write(store: () => Storage, k: string, v: string | null): unknown {
  try {
    if (v === null) store().removeItem(k);
    else store().setItem(k, v);
    return undefined;
  } catch (e) {
    return e ?? new Error('storage refused');
  }
}

/** Which tab wrote a save (outside the simulator, so Math.random is fine). */
const tabId = () => Math.random().toString(36).slice(2, 10);

/** The session under key if it has started; observers (the diagram) never start one. */
export function peekSession(key: string): LiveSession | undefined {
  return started.get(key);
}

/** A lesson with a compose file is a Compose lesson; one that boots a cluster is a Kubernetes lesson. */
export function lessonPacks(opts: SessionOptions): PackName[] {
  const packs = new Set<PackName>();
  if (opts.boot?.includes('k8s')) packs.add('k8s');
  if (Object.keys(opts.files ?? {}).some((f) => /(^|\/)(docker-)?compose\.ya?ml$/.test(f))) packs.add('compose');
  return [...packs];
}

export function getSession(key: string, opts: LiveSessionOptions): Promise<LiveSession> {
  let s = sessions.get(key);
  if (!s) {
    s = startSession(key, opts);
    sessions.set(key, s);
    s.then(
      (live) => {
        started.set(key, live);
        announceSession(key, live);
      },
      () => sessions.delete(key),
    );
  }
  return s;
}

async function startSession(key: string, opts: LiveSessionOptions): Promise<LiveSession> {
  const shared = (await sharedReplay(key)) as SessionLog | undefined;
  if (shared && !opts.replayLog) opts = { ...opts, replayLog: shared };
  const raw = opts.replayLog ? null : read(local, storageKey(key));
  const parsed: ReturnType<typeof parseLog> = opts.replayLog ? { log: opts.replayLog } : parseLog(raw);
  const sharing = opts.replayLog !== undefined;
  const packs = new Set<PackName>([...(opts.packs ?? []), ...lessonPacks(opts)]);
  const wanted = exercisesFor(key);
  for (const ex of wanted) packs.add(ex.pack);
  // A restored session replays synchronously, so every simulator it used must be here first.
  for (const e of parsed.log?.entries ?? []) if (e.line) for (const p of packsForLine(e.line)) packs.add(p);
  const known = new Map<string, Exercise>();
  const loadExercises = async () => {
    for (const ex of await Promise.all(wanted.map((w) => loadExercise(w.id, w.pack)))) if (ex && !known.has(ex.id)) known.set(ex.id, ex);
  };
  // A saved or shared session replays at once, and the exercises check every replayed line: their checks come first.
  // A fresh one has run no line yet: the checks are fetched once the terminal is up, and a line typed sooner waits for them.
  const replaying = (parsed.log?.entries.length ?? 0) > 0;
  if (replaying) await loadExercises();

  const results = new Map<string, CheckResult>();
  const listeners = new Set<() => void>();
  const track = (shell: Shell, id: string) => {
    const ex = known.get(id);
    if (!ex || results.has(id)) return;
    const progress = new ExerciseProgress(ex);
    results.set(id, progress.update(shell));
    shell.onLine(() => {
      results.set(id, progress.update(shell));
      for (const l of listeners) l();
    });
  };
  const fresh = async (seed: number) => {
    // A saved session replays at the width the terminal will show it at (ls, progress lines, sim trace depend on it).
    const shell = await createLazySession({ ...opts, seed, tty: { columns: terminalColumns(key) ?? 80, ...opts.tty } }, [...packs]);
    results.clear();
    // Exercises check after every command from the very first one, replayed lines included.
    for (const id of known.keys()) track(shell, id);
    // vi, nano and kubectl edit open the page's editor; quiet while a saved session replays.
    const editorHost = attachEditorHost(shell, key);
    // Recording starts before the replay, so the replayed lines become the new log as they run.
    return { shell, rec: new Recorder(shell, seed), editorHost };
  };
  let { shell, rec, editorHost } = await fresh(parsed.log?.seed ?? opts.seed ?? 1);
  let restored = '';
  const notices: SessionNotice[] = [];
  const noticeListeners = new Set<(n: SessionNotice) => void>();
  const notify = (n: SessionNotice) => {
    if (notices.some((x) => x.id === n.id)) return;
    notices.push(n);
    for (const l of noticeListeners) l(n);
  };
  const choices: NonNullable<SessionNotice['actions']> = [
    { id: 'keep-trying', ko: '다시 시도', en: 'Keep trying' },
    { id: 'start-fresh', ko: '새로 시작', en: 'Start fresh' },
  ];
  /** Keeps a save that could not be used, so the next command does not overwrite it. */
  const setAside = (text: string | null) => {
    if (text !== null && read(local, asideKey(key)) === null) write(local, asideKey(key), text);
  };
  if (parsed.log && parsed.log.entries.length) {
    const w = { write: (s: string) => (restored += s) };
    const budget = REPLAY_BUDGET_MS * Math.max(1, Number(read(perTab, budgetKey(key))) || 1);
    write(perTab, budgetKey(key), null);
    let r: ReturnType<typeof replay> = { ok: false, stopped: 'diverged', ran: 0 };
    try {
      editorHost.setQuiet(true);
      r = replay(shell, parsed.log, { stdout: w, stderr: w }, { budgetMs: budget });
    } catch (e) {
      console.error(e);
    }
    editorHost.setQuiet(false);
    const n = parsed.log.entries.length;
    if (r.ok) {
      notify(
        sharing
          ? { id: 'restored', kind: 'info', ko: `# 공유 링크의 명령 ${n}개를 다시 재생했어요.`, en: `# Replayed the ${n} commands of the shared link.` }
          : { id: 'restored', kind: 'info', ko: `# 지난번 작업을 이어서 불러왔어요 (명령 ${n}개). 처음부터 하려면 ↺ 를 누르세요.`, en: `# Restored your previous work (${n} commands). Press ↺ to start over.` },
      );
      const unsaved = Number(read(local, unsavedKey(key)));
      if (!sharing && unsaved > n)
        notify({ id: 'unsaved', kind: 'error', ko: `# 저장 공간이 부족해 마지막 명령 ${unsaved - n}개는 저장되지 않았어요.`, en: `# The last ${unsaved - n} commands of that session were not saved (browser storage was full).` });
    } else if (r.stopped === 'budget') {
      // The partial replay is a consistent state: keep working from it, with the full save kept aside.
      setAside(raw);
      const secs = Math.round(budget / 1000);
      notify({
        id: 'replay-budget',
        kind: 'error',
        ko: `# 저장된 작업을 다시 재생하는 데 ${secs}초가 넘게 걸려, 명령 ${n}개 중 ${r.ran}개까지만 재생하고 멈췄어요. 저장본은 따로 보관해 두었어요.`,
        en: `# Replaying your saved work took over ${secs} s, so it stopped after ${r.ran} of ${n} commands. The full save is kept aside.`,
        ...(raw !== null ? { actions: choices } : {}),
      });
    } else {
      setAside(raw);
      ({ shell, rec, editorHost } = await fresh(opts.seed ?? 1));
      restored = '';
      notify({ id: 'replay-failed', kind: 'error', ko: '# 저장된 작업을 다시 재생하지 못해 새로 시작해요. 저장본은 따로 보관해 두었어요.', en: '# Could not replay your saved work; starting fresh. The save is kept aside.', ...(raw !== null ? { actions: choices } : {}) });
    }
  } else if (parsed.error) {
    console.warn(`kube-lessons: ${parsed.error}`);
    setAside(raw);
    notify({
      id: 'unreadable',
      kind: 'error',
      ko: `# 저장된 작업을 읽지 못해 새로 시작해요(${parsed.error}). 저장본은 따로 보관해 두었어요.`,
      en: `# Could not read your saved work; starting fresh (${parsed.error}). The save is kept aside.`,
      actions: parsed.problem === 'version' ? choices : [choices[1]!],
    });
  }
  if (!notices.some((n) => n.actions) && read(local, asideKey(key)) !== null)
    notify({ id: 'aside', kind: 'error', ko: '# 복원하지 못한 이전 저장본을 따로 보관하고 있어요.', en: '# A previous save that could not be restored is kept aside.', actions: choices });

  // ---------- saving ----------
  const me = tabId();
  /** What this tab last saw in storage: a different value at save time means another tab wrote. */
  let lastSeen = read(local, storageKey(key));
  let paused = false;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('kube-lessons-sessions') : undefined;
  const otherTab = () =>
    notify({
      id: 'other-tab',
      kind: 'info',
      ko: '# 이 레슨이 다른 탭(또는 다른 언어 페이지)에서도 열려 있어요. 저장은 마지막으로 명령을 실행한 탭의 것이 남아요.',
      en: '# This lesson is also open in another tab (or the other language’s page). The save follows the tab that runs a command last.',
    });
  const overtaken = () => {
    paused = true;
    notify({
      id: 'overtaken',
      kind: 'error',
      ko: '# 다른 탭이 이 레슨의 작업을 더 나중에 저장했어요. 그 작업을 지키려고 이 탭은 더 이상 저장하지 않아요. 새로고침하면 최신 저장본으로 이어서 할 수 있어요.',
      en: '# Another tab saved this lesson after this one. To keep that work, this tab no longer saves; reload to continue from the latest save.',
    });
  };
  channel?.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as { key?: string; from?: string; type?: string } | null;
    if (m?.key !== key || m.from === me) return;
    otherTab();
    if (m.type === 'hello') channel.postMessage({ key, from: me, type: 'here' });
  });
  channel?.postMessage({ key, from: me, type: 'hello' });
  addEventListener('storage', (e: StorageEvent) => {
    if (e.key === storageKey(key) && e.newValue !== null && e.newValue !== lastSeen) otherTab();
  });
  const save = () => {
    if (paused || rec.overflow) return;
    const cur = read(local, storageKey(key));
    if (cur !== lastSeen && cur !== null) return overtaken();
    const text = JSON.stringify({ ...rec.log, v: LOG_VERSION, writer: me });
    const err = write(local, storageKey(key), text);
    if (err) {
      write(local, unsavedKey(key), String(rec.log.entries.length));
      const full = err instanceof DOMException && (err.name === 'QuotaExceededError' || err.code === 22);
      notify({
        id: 'save-failed',
        kind: 'error',
        ko: full ? '# 브라우저 저장 공간이 가득 차서 작업을 저장하지 못했어요. 이 탭을 닫기 전까지는 그대로 남아 있어요.' : '# 브라우저가 저장을 막아 작업을 저장하지 못했어요. 이 탭을 닫기 전까지는 그대로 남아 있어요.',
        en: full ? '# Browser storage is full: your work could not be saved. It stays here until you close this tab.' : '# The browser refused to save your work. It stays here until you close this tab.',
      });
      return;
    }
    lastSeen = text;
    write(local, unsavedKey(key), null);
    channel?.postMessage({ key, from: me, type: 'saved' });
  };
  rec.onOverflow(() =>
    notify({
      id: 'cap',
      kind: 'error',
      ko: `# 명령이 ${MAX_ENTRIES}개를 넘어 이후 작업은 저장되지 않아요. ↺ 로 새로 시작할 수 있어요.`,
      en: `# This session passed ${MAX_ENTRIES} commands, the most that is saved: later commands are not saved. Press ↺ to start over.`,
    }),
  );
  shell.onLine(save);
  // Lines are saved when they finish; Ctrl-C and editor saves at once.
  shell.onInput((e) => e.type !== 'line' && save());
  const clock = new ClockRunner(shell);
  clock.start();
  const idle = (fn: () => void, timeout = 5000) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout }) : setTimeout(fn, Math.min(timeout, 2000)));
  // The cluster's commands, the tag history and the container tools come once the page is idle after the terminal is up (a line typed sooner waits for them).
  idle(() => {
    for (const p of packsAfterStart([...packs])) void loadPack(p).then((pk) => installPack(shell, pk), () => {});
  }, 1000);
  if (!replaying && wanted.length) {
    let loading: Promise<void> | undefined;
    const checks = () =>
      (loading ??= loadExercises().then(
        () => {
          for (const id of known.keys()) track(shell, id);
        },
        (e: unknown) => console.error(e),
      ));
    shell.waitBeforeLines(checks);
    idle(() => void checks(), 1000);
  }
  // grep is in nearly every pipe; fetch its engine once the page is idle so the first `| grep` does not wait.
  idle(() => void loadPack('grep').then((p) => installPack(shell, p), () => {}));
  // What happened to the saved work is printed in the terminal; "also open in another tab" can arrive first and
  // belongs in the notice bar only.
  const terminalNotice = notices.find((n) => n.id !== 'other-tab');
  return {
    shell,
    clock,
    restored,
    log: () => rec.log,
    ...(terminalNotice ? { notice: terminalNotice } : {}),
    notices: () => [...notices],
    onNotice(fn) {
      noticeListeners.add(fn);
      return () => noticeListeners.delete(fn);
    },
    act(action) {
      const kept = read(local, asideKey(key));
      if (action === 'keep-trying' && kept !== null) {
        write(local, storageKey(key), kept);
        write(perTab, budgetKey(key), '4');
      } else {
        write(local, storageKey(key), null);
        emitSessionReset(key);
      }
      write(local, asideKey(key), null);
      write(local, unsavedKey(key), null);
      location.reload();
    },
    exercise(ex) {
      if (!known.has(ex.id)) known.set(ex.id, ex);
      track(shell, ex.id);
      return results.get(ex.id);
    },
    onExercises(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    reset() {
      for (const k of [storageKey(key), asideKey(key), unsavedKey(key)]) write(local, k, null);
      try {
        // and the editor's unsaved drafts of this session's files
        for (const k of Object.keys(localStorage)) if (k.startsWith(`kube-lessons:draft:${key}:`)) localStorage.removeItem(k);
      } catch {
        /* storage blocked */
      }
      emitSessionReset(key);
      location.reload();
    },
  };
}
