import { dockerEngine, type Container } from '../sim/compose/engine/docker.ts';
import { LABEL } from '../sim/compose/engine/compose.ts';
import type { Shell } from '../shell/shell.ts';
import { goalsResult, type Exercise } from './exercise.ts';
import { composeDemo } from './scenarios.ts';

/**
 * Exercises for the Compose lessons. Checks read the simulated Docker host
 * (containers, images, networks, volumes), so any sequence of commands that
 * reaches the goal passes, not just the stored solution.
 */
const PROJECT = 'compose-demo';

function projectContainers(shell: Shell): Container[] {
  return [...dockerEngine(shell.world).containers.values()].filter((c) => c.spec.labels[LABEL.project] === PROJECT);
}

function service(shell: Shell, name: string): Container | undefined {
  return projectContainers(shell).find((c) => c.spec.labels[LABEL.service] === name);
}

const running = (c: Container | undefined) => c?.state === 'running';

export const composeUpExercise: Exercise = {
  id: 'compose-up',
  title: { ko: '연습 문제: 바뀐 페이지를 띄우기', en: 'Exercise: ship the new page' },
  task: {
    ko: '프로젝트를 백그라운드에서 실행한 뒤, `web/index.html` 의 내용을 바꾸고 **실행 중인 `web` 컨테이너가 새 내용을 담은 이미지**로 돌아가게 만드세요.',
    en: 'Run the project in the background, then change `web/index.html` and make the **running `web` container use an image that contains the new content**.',
  },
  hints: [
    { ko: '`docker compose up -d` 로 시작하고, `echo \'<h1>v2</h1>\' > web/index.html` 처럼 파일을 바꿔 보세요.', en: 'Start with `docker compose up -d`, then change the file, e.g. `echo \'<h1>v2</h1>\' > web/index.html`.' },
    { ko: '이미지가 이미 있으면 Compose 는 다시 빌드하지 않아요. `up` 에 어떤 옵션이 필요할까요?', en: 'Compose does not rebuild an image that already exists. Which option of `up` do you need?' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', "echo '<h1>v2</h1>' > web/index.html", 'docker compose up -d --build', 'docker compose images'],
  check(shell) {
    const web = service(shell, 'web');
    const db = service(shell, 'db');
    const html = shell.world.vfs.readFile(`/home/learner/${PROJECT}/web/index.html`);
    const served = web?.image.files['/usr/share/nginx/html/index.html'];
    return goalsResult([
      { text: { ko: '`db` 와 `web` 이 실행 중이다', en: '`db` and `web` are running' }, met: running(db) && running(web) },
      { text: { ko: '`web/index.html` 을 바꿨다', en: '`web/index.html` was changed' }, met: html !== undefined && html !== composeDemo.files['web/index.html'] },
      { text: { ko: '실행 중인 `web` 이미지에 바뀐 `index.html` 이 들어 있다', en: 'the running `web` image holds the changed `index.html`' }, met: running(web) && html !== composeDemo.files['web/index.html'] && served === html },
    ]);
  },
};

export const composeRestartExercise: Exercise = {
  id: 'compose-restart',
  title: { ko: '연습 문제: web 만 재시작하기', en: 'Exercise: restart only web' },
  task: {
    ko: '프로젝트를 실행한 다음, **`web` 서비스만** 재시작하세요. `db` 는 그대로 계속 돌아가야 하고, 컨테이너를 새로 만들면 안 됩니다.',
    en: 'Start the project, then restart **only the `web` service**. `db` must keep running undisturbed, and no container may be re-created.',
  },
  hints: [
    { ko: '`docker compose restart` 뒤에 서비스 이름을 붙일 수 있어요.', en: '`docker compose restart` takes service names.' },
    { ko: '`docker compose ps` 의 STATUS(`Up ...`)를 비교해 보세요. `sleep 30s` 로 시간을 흘려 보내면 차이가 잘 보여요.', en: 'Compare the STATUS (`Up ...`) column of `docker compose ps`; `sleep 30s` makes the difference easy to see.' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', 'sleep 30s', 'docker compose restart web', 'docker compose ps'],
  check(shell, memo) {
    const web = service(shell, 'web');
    const db = service(shell, 'db');
    const bothUp = running(web) && running(db);
    // Remember the containers as first seen running: restarts keep IDs, re-creation does not.
    if (bothUp && memo.webId === undefined) {
      memo.webId = web!.id;
      memo.dbId = db!.id;
      memo.webStarted = web!.startedAt;
      memo.dbStarted = db!.startedAt;
    }
    const sameContainers = memo.webId !== undefined && web?.id === memo.webId && db?.id === memo.dbId;
    const webRestarted = sameContainers && running(web) && web!.startedAt > (memo.webStarted as number);
    const dbUntouched = sameContainers && running(db) && db!.startedAt === memo.dbStarted;
    return goalsResult([
      { text: { ko: '프로젝트가 실행 중이다', en: 'the project is running' }, met: bothUp },
      { text: { ko: '`web` 이 (같은 컨테이너로) 재시작되었다', en: '`web` was restarted (same container)' }, met: webRestarted },
      { text: { ko: '`db` 는 한 번도 멈추지 않았다', en: '`db` was never stopped' }, met: webRestarted && dbUntouched },
    ]);
  },
};

export const composeDownExercise: Exercise = {
  id: 'compose-down',
  title: { ko: '연습 문제: 흔적 없이 치우기', en: 'Exercise: clean up completely' },
  task: {
    ko: '프로젝트를 실행한 뒤, 컨테이너와 네트워크는 물론 **데이터 볼륨까지** 모두 지우세요. 지운 뒤 `docker volume ls` 로 확인해 보세요.',
    en: 'Start the project, then remove everything: the containers, the network **and the data volume**. Check with `docker volume ls` afterwards.',
  },
  hints: [
    { ko: '그냥 `docker compose down` 을 하면 볼륨이 남아요. `docker volume ls` 로 확인해 보세요.', en: 'A plain `docker compose down` leaves the volume behind; check with `docker volume ls`.' },
    { ko: '`down` 에 `--volumes`(또는 `-v`)를 붙이면 됩니다. 이미 `down` 했다면 다시 `up -d` 하고 해 보세요.', en: 'Add `--volumes` (or `-v`) to `down`. If you already ran `down`, run `up -d` again first.' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', 'docker compose down', 'docker volume ls', 'docker compose up -d', 'docker compose down --volumes', 'docker volume ls'],
  check(shell) {
    const engine = dockerEngine(shell.world);
    const volume = engine.volumes.has(`${PROJECT}_db-data`);
    const network = engine.networks.has(`${PROJECT}_default`) || [...engine.networks.values()].some((n) => n.name === `${PROJECT}_default`);
    const left = projectContainers(shell).length;
    const wasUp = running(service(shell, 'db')) && volume;
    return goalsResult([
      { text: { ko: '프로젝트가 데이터 볼륨과 함께 실행되었다', en: 'the project ran with its data volume' }, met: wasUp, sticky: true },
      { text: { ko: '컨테이너가 남아 있지 않다', en: 'no containers are left' }, met: left === 0 },
      { text: { ko: '`compose-demo_default` 네트워크가 지워졌다', en: 'the `compose-demo_default` network is gone' }, met: !network },
      { text: { ko: '`compose-demo_db-data` 볼륨이 지워졌다', en: 'the `compose-demo_db-data` volume is gone' }, met: !volume },
    ]);
  },
};
