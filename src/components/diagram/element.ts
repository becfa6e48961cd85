import { defineLazyElement } from '../lazy-element.ts';

/** <kl-cluster-diagram>: draws the session's cluster once it nears the viewport. */
defineLazyElement('kl-cluster-diagram', () => import('./mount.ts').then((m) => m.mountDiagram));
