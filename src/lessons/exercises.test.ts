import { describe, expect, it } from 'vitest';
import { transcript } from '../shell/headless.ts';
import { createSession } from '../shell/session.ts';
import { ExerciseProgress } from './exercise.ts';
import { exercises } from './exercises.ts';

// learnGitBranching's rule: every exercise ships its solution, and replaying it must pass the check.
describe.each(Object.values(exercises))('exercise $id', (ex) => {
  const fresh = () => createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: ex.scenario.dir, files: ex.scenario.files, boot: ex.scenario.boot });

  it('is not already solved at the start', () => {
    expect(new ExerciseProgress(ex).update(fresh()).done).toBe(false);
  });

  it('is solved by replaying its stored solution, checked after every command as the page does', () => {
    const shell = fresh();
    const progress = new ExerciseProgress(ex);
    let result = progress.update(shell);
    for (const line of ex.solution) {
      transcript(shell, [line], {});
      result = progress.update(shell);
    }
    expect(result.goals.filter((g) => !g.met).map((g) => g.text.en)).toEqual([]);
    expect(result.done).toBe(true);
  });

  it('has a task, hints and goals in both languages', () => {
    for (const t of [ex.title, ex.task, ...ex.hints]) {
      expect(t.ko.trim()).not.toBe('');
      expect(t.en.trim()).not.toBe('');
    }
    expect(new ExerciseProgress(ex).update(fresh()).goals.length).toBeGreaterThan(0);
  });
});

it('a wrong answer does not pass', () => {
  const ex = exercises['compose-intro']!;
  const shell = createSession({ tty: { color: false }, dir: ex.scenario.dir, files: ex.scenario.files });
  transcript(shell, ['echo nginx > answer.txt'], {});
  expect(new ExerciseProgress(ex).update(shell).done).toBe(false);
});
