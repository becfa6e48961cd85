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
