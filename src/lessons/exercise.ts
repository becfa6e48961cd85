import type { Shell } from '../shell/shell.ts';
import type { Lang } from '../shell/types.ts';
import type { Scenario } from './scenarios.ts';

/**
 * An exercise at the end of a lesson. The check reads the simulated world
 * (files, containers, cluster objects) after every command, so it judges
 * what the learner did, not what they typed. Every exercise ships the
 * commands that solve it; one test replays them all (learnGitBranching style).
 */
export interface CheckResult {
  done: boolean;
  /** Per-goal progress shown as a checklist. */
  goals: { text: Record<Lang, string>; met: boolean }[];
}

export interface Exercise {
  id: string;
  title: Record<Lang, string>;
  /** What to do, one short paragraph. */
  task: Record<Lang, string>;
  hints: Record<Lang, string>[];
  scenario: Scenario;
  /** Commands that solve the exercise from the scenario's starting state. */
  solution: string[];
  check(shell: Shell): CheckResult;
}

export function goalsResult(goals: CheckResult['goals']): CheckResult {
  return { done: goals.every((g) => g.met), goals };
}
