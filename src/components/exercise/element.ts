import { defineLazyElement } from '../lazy-element.ts';

/** <kl-exercise>: the checker loads when the exercise nears the viewport. */
defineLazyElement('kl-exercise', () => import('./mount.ts').then((m) => m.mountExercise), '600px');
