/**
 * Which exercises follow which session. Tiny on purpose: exercise elements
 * register here as soon as they are on the page, before any simulator code
 * loads, so the session tracks their progress from its first command
 * (including commands replayed from a saved session).
 */
const bySession = new Map<string, Set<string>>();

export function registerExercise(session: string, id: string): void {
  let s = bySession.get(session);
  if (!s) bySession.set(session, (s = new Set()));
  s.add(id);
}

export function exercisesFor(session: string): string[] {
  return [...(bySession.get(session) ?? [])];
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
