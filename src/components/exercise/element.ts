import { solvedKey } from '../../lessons/course.ts';
import { defineLazyElement } from '../lazy-element.ts';
import { onSessionReset, registerExercise } from '../session-registry.ts';

/**
 * <kl-exercise>: registers with its session at once (so no command goes
 * unseen), and loads the checklist renderer when it nears the viewport.
 * Hints open one at a time: the next appears once the previous was opened.
 * ↺ on the session forgets that the exercise was solved.
 */
for (const el of document.querySelectorAll<HTMLElement>('kl-exercise[data-session][data-id]')) {
  const id = el.dataset.id!;
  registerExercise(el.dataset.session!, id, el.dataset.pack === 'k8s' ? 'k8s' : 'compose');
  onSessionReset(el.dataset.session!, () => {
    try {
      localStorage.removeItem(solvedKey(id));
    } catch {
      /* storage blocked: nothing was saved */
    }
    el.dataset.done = 'false';
    window.dispatchEvent(new CustomEvent('kl-exercise-solved', { detail: { id, done: false } }));
  });
  const hints = [...el.querySelectorAll<HTMLDetailsElement>('details.kl-ex-hint[data-step]')];
  hints.forEach((d, i) =>
    d.addEventListener('toggle', () => {
      const next = hints[i + 1];
      if (d.open && next) next.hidden = false;
    }),
  );
}
defineLazyElement('kl-exercise', () => import('./mount.ts').then((m) => m.mountExercise), '600px');
