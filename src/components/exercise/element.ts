import { defineLazyElement } from '../lazy-element.ts';
import { registerExercise } from '../session-registry.ts';

/**
 * <kl-exercise>: registers with its session at once (so no command goes
 * unseen), and loads the checklist renderer when it nears the viewport.
 */
for (const el of document.querySelectorAll<HTMLElement>('kl-exercise[data-session][data-id]')) registerExercise(el.dataset.session!, el.dataset.id!);
defineLazyElement('kl-exercise', () => import('./mount.ts').then((m) => m.mountExercise), '600px');
