import type { Exercise } from './exercise.ts';
import type { Scenario } from './scenarios.ts';

/**
 * Exercises load with their simulator: a Compose exercise's checks read the
 * Docker engine, so they come in the Compose chunk, and a Kubernetes page
 * never downloads them (exercises.ts is the full registry, for the server
 * and tests).
 */
export type ExercisePack = 'compose' | 'k8s';

export const packOf = (scenario: Scenario): ExercisePack => (scenario.boot?.includes('k8s') ? 'k8s' : 'compose');

const modules: Record<ExercisePack, () => Promise<Record<string, unknown>>> = {
  compose: () => import('./compose-exercises.ts'),
  k8s: () => import('./k8s-exercises.ts'),
};

const isExercise = (v: unknown): v is Exercise => typeof v === 'object' && v !== null && typeof (v as Exercise).id === 'string' && typeof (v as Exercise).check === 'function';

export async function loadExercise(id: string, pack: ExercisePack): Promise<Exercise | undefined> {
  const m = await modules[pack]();
  return Object.values(m).find((v): v is Exercise => isExercise(v) && v.id === id);
}
