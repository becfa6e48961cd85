import { ExerciseProgress, type CheckResult } from '../lessons/exercise.ts';
import { exercises } from '../lessons/exercises.ts';
import { parseLog, Recorder, replay } from '../shell/recorder.ts';
import { emitSessionReset, exercisesFor } from './session-registry.ts';
import { terminalColumns } from './session-events.ts';
import { createSession, type SessionOptions } from '../shell/session.ts';
import type { Shell } from '../shell/shell.ts';

/**
 * Page-level sessions: every widget on a lesson page (terminal, editor,
 * exercise, diagram) that names the same session key shares one world and
 * one shell. The widgets render what the session emits and keep no state of
 * their own. A session is saved as its input log and replayed on the next
 * visit, so a reload never loses the learner's work.
 */
export interface LiveSession {
  shell: Shell;
  /** What the replayed commands printed, for the terminal to show first. */
  restored: string;
  /** A line for the learner about the saved session (restored, or why it could not be). */
  notice?: { kind: 'info' | 'error'; ko: string; en: string };
  /** Forget the saved session and start this lesson's session over. */
  reset(): void;
  /** The latest check of an exercise that follows this session. */
  exercise(id: string): CheckResult | undefined;
  /** Called after every command with the exercises' latest results. */
  onExercises(fn: () => void): () => void;
}

const sessions = new Map<string, LiveSession>();
const storageKey = (key: string) => `kube-lessons:session:${key}`;

function load(key: string): string | null {
  try {
    return localStorage.getItem(storageKey(key));
  } catch {
    return null;
  }
}

/** The session under key if a widget already started it; observers (the diagram) never start one. */
export function peekSession(key: string): LiveSession | undefined {
  return sessions.get(key);
}

export function getSession(key: string, opts: SessionOptions): LiveSession {
  const existing = sessions.get(key);
  if (existing) return existing;
  const parsed = parseLog(load(key));
  // Recording starts before the replay, so the replayed lines become the new log as they run.
  const results = new Map<string, CheckResult>();
  const listeners = new Set<() => void>();
  const track = (shell: Shell, id: string) => {
    const ex = exercises[id];
    if (!ex || results.has(id)) return;
    const progress = new ExerciseProgress(ex);
    results.set(id, progress.update(shell));
    shell.onLine(() => {
      results.set(id, progress.update(shell));
      for (const l of listeners) l();
    });
  };
  const fresh = (seed: number) => {
    // A saved session replays at the width the terminal will show it at (ls, progress lines, sim trace depend on it).
    const shell = createSession({ ...opts, seed, tty: { columns: terminalColumns(key) ?? 80, ...opts.tty } });
    results.clear();
    // Exercises check after every command from the very first one, replayed lines included.
    for (const id of exercisesFor(key)) track(shell, id);
    return { shell, rec: new Recorder(shell, seed) };
  };
  let { shell, rec } = fresh(parsed.log?.seed ?? opts.seed ?? 1);
  let restored = '';
  let notice: LiveSession['notice'];
  if (parsed.log && parsed.log.entries.length) {
    const w = { write: (s: string) => (restored += s) };
    let ok = false;
    try {
      ok = replay(shell, parsed.log, { stdout: w, stderr: w });
    } catch (e) {
      console.error(e);
    }
    if (ok) {
      notice = { kind: 'info', ko: `# 지난번 작업을 이어서 불러왔어요 (명령 ${parsed.log.entries.length}개). 처음부터 하려면 ↺ 를 누르세요.`, en: `# Restored your previous work (${parsed.log.entries.length} commands). Press ↺ to start over.` };
    } else {
      ({ shell, rec } = fresh(opts.seed ?? 1));
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
  shell.onInput((e) => e.type === 'interrupt' && save());
  const live: LiveSession = {
    shell,
    restored,
    notice,
    exercise(id) {
      track(shell, id); // an exercise that registered late starts from now
      return results.get(id);
    },
    onExercises(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    reset() {
      emitSessionReset(key);
      try {
        localStorage.removeItem(storageKey(key));
      } catch {
        /* nothing saved */
      }
      location.reload();
    },
  };
  sessions.set(key, live);
  runClock(shell);
  return live;
}

/** In the browser the virtual clock also runs on its own, at real speed, while the tab is visible. */
function runClock(shell: Shell) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const delta = Math.min(now - last, 1000); // a throttled background tab must not jump minutes ahead
    last = now;
    if (!document.hidden) shell.world.clock.advance(Math.floor(delta));
  }, 250);
}
