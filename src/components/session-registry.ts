/**
 * Which exercises follow which session. Tiny on purpose: exercise elements
 * register here as soon as they are on the page, before any simulator code
 * loads, so the session tracks their progress from its first command
 * (including commands replayed from a saved session).
 */
export type ExercisePack = 'compose' | 'k8s';

const bySession = new Map<string, Map<string, ExercisePack>>();

export function registerExercise(session: string, id: string, pack: ExercisePack = 'compose'): void {
  let s = bySession.get(session);
  if (!s) bySession.set(session, (s = new Map()));
  s.set(id, pack);
}

/** The exercises registered for a session, with the simulator pack each one's checks need. */
export function exercisesFor(session: string): { id: string; pack: ExercisePack }[] {
  return [...(bySession.get(session) ?? [])].map(([id, pack]) => ({ id, pack }));
}

/**
 * Started sessions, for widgets that only observe one (time controls, the
 * diagram): they wait here instead of importing the simulator themselves.
 */
const live = new Map<string, unknown>();
const waiting = new Map<string, ((s: unknown) => void)[]>();

export function announceSession(key: string, session: unknown): void {
  live.set(key, session);
  for (const fn of waiting.get(key) ?? []) fn(session);
  waiting.delete(key);
}

/** Calls fn with the session under key once it has started (at once if it has). */
export function whenSession<T>(key: string, fn: (session: T) => void): void {
  if (live.has(key)) fn(live.get(key) as T);
  else waiting.set(key, [...(waiting.get(key) ?? []), fn as (s: unknown) => void]);
}

/** ↺ on a session: listeners (the exercises following it) forget their progress before the page starts over. */
const resetListeners = new Map<string, Set<() => void>>();

export function onSessionReset(session: string, fn: () => void): () => void {
  let s = resetListeners.get(session);
  if (!s) resetListeners.set(session, (s = new Set()));
  s.add(fn);
  return () => s.delete(fn);
}

export function emitSessionReset(session: string): void {
  for (const fn of resetListeners.get(session) ?? []) fn();
}

/**
 * A shared playground link being opened: the session under key waits for it
 * and replays its log (undefined when the link was refused: nothing loads).
 */
const sharedReplays = new Map<string, Promise<unknown>>();

export function setSharedReplay(key: string, log: Promise<unknown>): void {
  sharedReplays.set(key, log);
}

export function sharedReplay(key: string): Promise<unknown> | undefined {
  return sharedReplays.get(key);
}
