/**
 * Small events between the widgets of one page session (resets are in
 * session-registry.ts), with no simulator
 * code, so any widget can use them without loading the engines:
 *
 * - run: a widget (the diagram's component menu, a lesson's Run button) asks
 *   the session's terminal to run a line as if the learner typed it, so it is
 *   shown, recorded and replayed like any other command;
 * - columns: the terminal's width in columns, known before the session
 *   starts, so a restored session replays at the width it will be shown at.
 */
type Fn<T> = (v: T) => void;
const runners = new Map<string, Fn<string>>();
const columns = new Map<string, number>();

/** The terminal of a session takes lines to run here (one terminal per session). */
export function onRunRequest(session: string, fn: Fn<string>): () => void {
  runners.set(session, fn);
  return () => runners.get(session) === fn && runners.delete(session);
}

/** Runs line in the session's terminal; false if the page has no terminal for it. */
export function requestRun(session: string, line: string): boolean {
  const fn = runners.get(session);
  if (!fn) return false;
  fn(line);
  return true;
}

export function setTerminalColumns(session: string, cols: number): void {
  columns.set(session, cols);
}

export function terminalColumns(session: string): number | undefined {
  return columns.get(session);
}
