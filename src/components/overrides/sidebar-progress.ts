import { course, solvedKey } from '../../lessons/course.ts';

/** Was this exercise ever solved in this browser? */
export function isSolved(exerciseId: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    const raw = storage?.getItem(solvedKey(exerciseId));
    return raw != null && (JSON.parse(raw) as { done?: unknown }).done === true;
  } catch {
    return false; // unreadable or corrupt entry: not solved
  }
}

/** The lesson slug a sidebar link points to, in either language ("/en/k8s/etcd/" -> "k8s/etcd"). */
export function slugOf(href: string): string {
  return new URL(href, 'http://x/').pathname.replace(/^\/(en\/)?/, '').replace(/\/$/, '');
}

/** Adds (or removes) a tick after every sidebar link whose lesson's exercise is solved. */
export function markSolvedLessons(doc: Document): void {
  const label = doc.querySelector<HTMLElement>('[data-kl-done-label]')?.dataset.klDoneLabel ?? 'done';
  const bySlug = new Map(course.map((l) => [l.slug, l.exercise]));
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('nav.sidebar a[href]')) {
    const ex = bySlug.get(slugOf(a.getAttribute('href')!));
    if (!ex) continue;
    const solved = isSolved(ex);
    let tick = a.querySelector('.kl-tick');
    if (solved && !tick) {
      tick = doc.createElement('span');
      tick.className = 'kl-tick';
      tick.textContent = '✓';
      tick.setAttribute('role', 'img');
      tick.setAttribute('aria-label', label);
      a.append(tick);
    } else if (!solved && tick) tick.remove();
  }
}
