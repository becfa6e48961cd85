import { ExerciseProgress, type CheckResult, type Exercise } from '../lessons/exercise.ts';
import { loadExercise } from '../lessons/exercise-loader.ts';
import { parseLog, Recorder, replay, type SessionLog } from '../shell/recorder.ts';
import { announceSession, emitSessionReset, exercisesFor, sharedReplay } from './session-registry.ts';
import { terminalColumns } from './session-events.ts';
import { createLazySession } from '../shell/lazy-session.ts';
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
 */
export interface LiveSession {
  shell: Shell;
  /** Pause, play, speed and step for the session's virtual clock. */
  clock: ClockRunner;
  /** What the replayed commands printed, for the terminal to show first. */
  restored: string;
  /** A line for the learner about the saved session (restored, or why it could not be). */
  notice?: { kind: 'info' | 'error'; ko: string; en: string };
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

function load(key: string): string | null {
  try {
    return localStorage.getItem(storageKey(key));
  } catch {
    return null;
  }
}

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
  const parsed = opts.replayLog ? { log: opts.replayLog } : parseLog(load(key));
  const sharing = opts.replayLog !== undefined;
  const packs = new Set<PackName>([...(opts.packs ?? []), ...lessonPacks(opts)]);
  const wanted = exercisesFor(key);
  for (const ex of wanted) packs.add(ex.pack);
  // A restored session replays synchronously, so every simulator it used must be here first.
  for (const e of parsed.log?.entries ?? []) if (e.line) for (const p of packsForLine(e.line)) packs.add(p);
  const known = new Map<string, Exercise>();
  for (const ex of await Promise.all(wanted.map((w) => loadExercise(w.id, w.pack)))) if (ex) known.set(ex.id, ex);

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
  let notice: LiveSession['notice'];
  if (parsed.log && parsed.log.entries.length) {
    const w = { write: (s: string) => (restored += s) };
    let ok = false;
    try {
      editorHost.setQuiet(true);
      ok = replay(shell, parsed.log, { stdout: w, stderr: w });
    } catch (e) {
      console.error(e);
    }
    editorHost.setQuiet(false);
    if (ok) {
      const n = parsed.log.entries.length;
      notice = sharing
        ? { kind: 'info', ko: `# 공유 링크의 명령 ${n}개를 다시 재생했어요.`, en: `# Replayed the ${n} commands of the shared link.` }
        : { kind: 'info', ko: `# 지난번 작업을 이어서 불러왔어요 (명령 ${n}개). 처음부터 하려면 ↺ 를 누르세요.`, en: `# Restored your previous work (${n} commands). Press ↺ to start over.` };
    } else {
      ({ shell, rec, editorHost } = await fresh(opts.seed ?? 1));
      restored = '';
      notice = { kind: 'error', ko: '# 저장된 작업을 다시 재생하지 못해 새로 시작합니다.', en: '# Could not replay your saved work; starting fresh.' };
    }
  } else if (parsed.error) {
    console.warn(`kube-lessons: ${parsed.error}`);
    notice = { kind: 'error', ko: `# 저장된 작업을 읽지 못해 새로 시작합니다 (${parsed.error}).`, en: `# Could not read your saved work; starting fresh (${parsed.error}).` };
  }
  const save = () => {
    try {
      if (!rec.overflow) localStorage.setItem(storageKey(key), JSON.stringify(rec.log));
    } catch {
      /* storage full or blocked: keep working without saving */
    }
  };
  shell.onLine(save);
  shell.onInput((e) => (e.type === 'interrupt' || e.type === 'write') && save());
  const clock = new ClockRunner(shell);
  clock.start();
  // grep is in nearly every pipe; fetch its engine once the page is idle so the first `| grep` does not wait.
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 2000));
  idle(() => void loadPack('grep').then((p) => installPack(shell, p), () => {}));
  return {
    shell,
    clock,
    restored,
    notice,
    log: () => rec.log,
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
      try {
        localStorage.removeItem(storageKey(key));
        // and the editor's unsaved drafts of this session's files
        for (const k of Object.keys(localStorage)) if (k.startsWith(`kube-lessons:draft:${key}:`)) localStorage.removeItem(k);
      } catch {
        /* nothing saved */
      }
      emitSessionReset(key);
      location.reload();
    },
  };
}
