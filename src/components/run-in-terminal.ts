/**
 * Runs a line in the page's terminal for a session, visibly, as if typed
 * (Run buttons on lesson code blocks, the editor's Apply). The terminal loads
 * lazily, so if it is not up yet it is scrolled into view (which starts it)
 * and the line runs once it is ready. No simulator code here.
 */
import { requestRun } from './session-events.ts';

export function terminalFor(session: string): HTMLElement | undefined {
  for (const t of document.querySelectorAll<HTMLElement>('kl-terminal[data-config]')) {
    try {
      if (((JSON.parse(t.dataset.config!) as { session?: string }).session ?? 'default') === session) return t;
    } catch {
      /* ignore a broken config */
    }
  }
  return undefined;
}

/** False when the page has no terminal for the session. */
export function runInTerminal(session: string, line: string): boolean {
  const term = terminalFor(session);
  if (!term) return false;
  term.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  if (requestRun(session, line)) return true;
  // Not mounted yet: wait for it (scrolling it into view starts the load).
  const started = Date.now();
  const retry = () => {
    if (requestRun(session, line)) return;
    if (term.dataset.state === 'error' || Date.now() - started > 20_000) return;
    setTimeout(retry, 100);
  };
  setTimeout(retry, 100);
  return true;
}
