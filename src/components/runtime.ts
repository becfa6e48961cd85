import { createSession, type SessionOptions } from '../shell/session.ts';
import type { Shell } from '../shell/shell.ts';

/**
 * Page-level sessions: every widget on a lesson page (terminal, editor,
 * diagram) that names the same session key shares one world and one shell.
 * The widgets render what the session emits and keep no state of their own.
 */
const sessions = new Map<string, Shell>();

export function getSession(key: string, opts: SessionOptions): Shell {
  let s = sessions.get(key);
  if (!s) {
    s = createSession(opts);
    sessions.set(key, s);
    runClock(s);
  }
  return s;
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
