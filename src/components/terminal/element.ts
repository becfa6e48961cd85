import { defineLazyElement } from '../lazy-element.ts';
import { setTerminalColumns } from '../session-events.ts';
import { columnsFor, fontSizeFor, measureCellRatio, SCREEN_CHROME_PX } from './width.ts';

/**
 * The width the terminal will have, known before the simulator loads, so a
 * saved session replays at that width and not at 80 columns. xterm measures
 * exactly once it is up; this estimate only has to agree on wide vs narrow.
 */
for (const el of document.querySelectorAll<HTMLElement>('kl-terminal[data-config]')) {
  try {
    const { session = 'default' } = JSON.parse(el.dataset.config!) as { session?: string };
    const box = el.querySelector<HTMLElement>('.kl-term-screen');
    const width = (box?.clientWidth ?? 640) - SCREEN_CHROME_PX;
    const ratio = measureCellRatio();
    const cell = fontSizeFor(width, ratio) * ratio;
    setTerminalColumns(session, columnsFor(Math.floor(width / cell)));
  } catch {
    /* a broken config is reported when the terminal mounts */
  }
}

/** <kl-terminal>: xterm and the shell load in one lazily imported chunk. */
defineLazyElement('kl-terminal', () => import('./mount.ts').then((m) => m.mountTerminal));
