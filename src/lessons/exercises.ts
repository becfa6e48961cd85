import { Vfs } from '../sim/vfs.ts';
import { goalsResult, type Exercise } from './exercise.ts';
import { composeDemo } from './scenarios.ts';
import { composeDownExercise, composeRestartExercise, composeStopStartExercise, composeUpExercise } from './compose-exercises.ts';
import { k8sApiServerExercise, k8sControllerManagerExercise, k8sEtcdExercise, k8sIntroExercise, k8sNodeFailureExercise, k8sPodLifecycleExercise, k8sReviewExercise, k8sSchedulerExercise, k8sServicesExercise } from './k8s-exercises.ts';

/** Reads a file relative to the scenario directory, trimmed, or undefined. */
function answer(shell: Parameters<Exercise['check']>[0], dir: string, name: string): string | undefined {
  return shell.world.vfs.readFile(Vfs.resolve(`/home/learner/${dir}`, name))?.trim();
}

export const composeIntroExercise: Exercise = {
  id: 'compose-intro',
  title: { ko: '연습 문제: 이미지 찾기', en: 'Exercise: find the image' },
  task: {
    ko: '`compose.yaml`을 읽고, `db` 서비스가 내려받아 쓰는 이미지 이름(태그 포함)을 `answer.txt` 파일에 적으세요. 예: `echo 이미지:태그 > answer.txt`',
    en: 'Read `compose.yaml` and write the image (with its tag) that the `db` service pulls into a file named `answer.txt`. For example: `echo image:tag > answer.txt`',
  },
  hints: [
    { ko: '`cat compose.yaml`로 파일을 열고 `db:` 아래의 `image:` 줄을 찾아보세요.', en: 'Open the file with `cat compose.yaml` and look for the `image:` line under `db:`.' },
    { ko: '`grep image compose.yaml`로 이미지 줄만 골라 볼 수도 있어요.', en: '`grep image compose.yaml` picks out just the image lines.' },
  ],
  scenario: composeDemo,
  solution: ['cat compose.yaml', 'echo postgres:16 > answer.txt'],
  check(shell) {
    const a = answer(shell, composeDemo.dir, 'answer.txt');
    return goalsResult([
      { text: { ko: '`answer.txt` 파일이 있다', en: '`answer.txt` exists' }, met: a !== undefined },
      { text: { ko: '`db` 서비스의 이미지가 적혀 있다', en: 'it names the `db` service image' }, met: a === 'postgres:16' },
    ]);
  },
};

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
