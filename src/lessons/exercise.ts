import type { Shell } from '../shell/shell.ts';
import type { Lang } from '../shell/types.ts';
import type { Scenario } from './scenarios.ts';

/**
 * An exercise at the end of a lesson. The check reads the simulated world
 * (files, containers, cluster objects) after every command, so it judges
 * what the learner did, not what they typed. Every exercise ships the
 * commands that solve it; one test replays them all (learnGitBranching style).
 */
export interface Goal {
  text: Record<Lang, string>;
  met: boolean;
  /** Once met, stays met: for steps on the way ("the project was up") that later steps undo. */
  sticky?: boolean;
}

export interface CheckResult {
  done: boolean;
  /** Per-goal progress shown as a checklist. */
  goals: Goal[];
}

/** What a check may remember between commands (e.g. a container's first start time). */
export type Memo = Record<string, unknown>;

export interface Exercise {
  id: string;
  title: Record<Lang, string>;
  /** What to do, one short paragraph. */
  task: Record<Lang, string>;
  hints: Record<Lang, string>[];
  scenario: Scenario;
  /** Commands that solve the exercise from the scenario's starting state. */
  solution: string[];
  check(shell: Shell, memo: Memo): CheckResult;
}

/**
 * Follows one learner through an exercise: call update() after every command.
 * Sticky goals stay ticked once met; the memo carries what checks remember.
 */
export class ExerciseProgress {
  readonly exercise: Exercise;
  readonly memo: Memo = {};
  #stuck = new Set<number>();

  constructor(exercise: Exercise) {
    this.exercise = exercise;
  }

  update(shell: Shell): CheckResult {
    const r = this.exercise.check(shell, this.memo);
    const goals = r.goals.map((g, i) => {
      if (g.sticky && g.met) this.#stuck.add(i);
      return this.#stuck.has(i) ? { ...g, met: true } : g;
    });
    return goalsResult(goals);
  }
}

export function goalsResult(goals: CheckResult['goals']): CheckResult {
  return { done: goals.every((g) => g.met), goals };
}
