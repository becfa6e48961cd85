import { loadExercise } from '../../lessons/exercise-loader.ts';
import { inlineMarkup } from '../../lessons/format.ts';
import type { Lang } from '../../shell/types.ts';
import { solvedKey } from '../../lessons/course.ts';
import { isSolved as wasSolved } from '../overrides/sidebar-progress.ts';
import { getSession } from '../runtime.ts';


export async function mountExercise(host: HTMLElement): Promise<void> {
  const id = host.dataset.id!;
  const ex = await loadExercise(id, host.dataset.pack === 'k8s' ? 'k8s' : 'compose');
  if (!ex) return;
  const lang = (host.dataset.lang === 'en' ? 'en' : 'ko') as Lang;
  const live = await getSession(host.dataset.session!, { seed: 1, lang, dir: ex.scenario.dir, files: ex.scenario.files, boot: ex.scenario.boot });
  const list = host.querySelector('.kl-ex-goals')!;
  const status = host.querySelector('.kl-ex-status')!;
  let solvedBefore = wasSolved(id);
  const render = () => {
    const r = live.exercise(ex);
    if (!r) return;
    list.innerHTML = r.goals.map((g) => `<li data-met="${g.met}">${inlineMarkup(g.text[lang])}</li>`).join('');
    const done = r.done || solvedBefore;
    host.dataset.done = String(done);
    status.textContent = (done ? host.dataset.doneText : host.dataset.todoText) ?? '';
    if (r.done && !solvedBefore) {
      solvedBefore = true;
      try {
        localStorage.setItem(solvedKey(id), JSON.stringify({ done: true }));
      } catch {
        /* storage full or blocked: the page still works */
      }
      window.dispatchEvent(new CustomEvent('kl-exercise-solved', { detail: { id, done: true } }));
    }
  };
  live.onExercises(render);
  render();
}
