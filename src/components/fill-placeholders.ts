/**
 * Fills `<pod name>`-style placeholders of a Run button's command from the
 * session's live state (the first matching pod, node, deployment, service or
 * container), or asks the learner. A command never runs with a literal
 * `<…>` in it. Loaded on click only.
 */
import { peekSession } from './runtime.ts';
import { placeholders } from './code-commands.ts';
import { liveValue } from './live-values.ts';

/** The line with every placeholder filled, or undefined if the learner cancelled. */
export function fillPlaceholders(session: string, line: string, lang: 'ko' | 'en'): string | undefined {
  const world = peekSession(session)?.shell.world;
  let out = line;
  for (const p of placeholders(line)) {
    let v = world ? liveValue(world, p) : undefined;
    if (v === undefined) {
      const answer = prompt(lang === 'ko' ? `${p} 자리에 넣을 값을 입력하세요:\n${line}` : `What should replace ${p}?\n${line}`);
      if (answer === null || answer.trim() === '') return undefined;
      v = answer.trim();
    }
    out = out.split(p).join(v);
  }
  return out;
}
