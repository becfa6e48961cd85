import { defineLazyElement } from '../lazy-element.ts';

/** <kl-terminal>: xterm and the shell load in one lazily imported chunk. */
defineLazyElement('kl-terminal', () => import('./mount.ts').then((m) => m.mountTerminal));
