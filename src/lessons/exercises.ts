import type { Exercise } from './exercise.ts';
import { composeDownExercise, composeIntroExercise, composeRestartExercise, composeStopStartExercise, composeUpExercise } from './compose-exercises.ts';
import { k8sApiServerExercise, k8sControllerManagerExercise, k8sEtcdExercise, k8sIntroExercise, k8sNodeFailureExercise, k8sPodLifecycleExercise, k8sReviewExercise, k8sSchedulerExercise, k8sServicesExercise } from './k8s-exercises.ts';

export { composeIntroExercise };

/** Every exercise in the course, by id. */
export const exercises: Record<string, Exercise> = Object.fromEntries([
    composeIntroExercise,
    composeUpExercise,
    composeStopStartExercise,
    composeDownExercise,
    composeRestartExercise,
    k8sIntroExercise,
    k8sApiServerExercise,
    k8sEtcdExercise,
    k8sSchedulerExercise,
    k8sControllerManagerExercise,
    k8sNodeFailureExercise,
    k8sServicesExercise,
    k8sPodLifecycleExercise,
    k8sReviewExercise,
  ].map((e) => [e.id, e]));
