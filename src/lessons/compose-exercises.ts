import { dockerEngine, type Container } from '../sim/compose/engine/docker.ts';
import { LABEL } from '../sim/compose/engine/compose.ts';
import { Vfs } from '../sim/vfs.ts';
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
    ko: '프로젝트를 백그라운드에서 실행한 뒤, `web/index.html`의 내용을 바꾸고 **실행 중인 `web` 컨테이너가 새 내용을 담은 이미지**로 돌아가게 만드세요.',
    en: 'Run the project in the background, then change `web/index.html` and make the running `web` container use **an image that contains the new content**.',
  },
  hints: [
    { ko: '`docker compose up -d`로 시작하고, `echo \'<h1>v2</h1>\' > web/index.html`처럼 파일을 바꿔 보세요.', en: 'Start with `docker compose up -d`, then change the file, e.g. `echo \'<h1>v2</h1>\' > web/index.html`.' },
    { ko: '이미지가 이미 있으면 Compose는 다시 빌드하지 않아요. `up`에 어떤 옵션이 필요할까요?', en: 'Compose does not rebuild an image that already exists. Which option of `up` do you need?' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', "echo '<h1>v2</h1>' > web/index.html", 'docker compose up -d --build', 'docker compose images'],
  check(shell) {
    const web = service(shell, 'web');
    const db = service(shell, 'db');
    const html = shell.world.vfs.readFile(`/home/learner/${PROJECT}/web/index.html`);
    const served = web?.image.files['/usr/share/nginx/html/index.html'];
    return goalsResult([
      { text: { ko: '`db`와 `web`이 실행 중이에요', en: '`db` and `web` are running' }, met: running(db) && running(web) },
      { text: { ko: '`web/index.html`을 바꿨어요', en: '`web/index.html` was changed' }, met: html !== undefined && html !== composeDemo.files['web/index.html'] },
      { text: { ko: '실행 중인 `web` 이미지에 바뀐 `index.html`이 들어 있어요', en: 'the running `web` image holds the changed `index.html`' }, met: running(web) && html !== composeDemo.files['web/index.html'] && served === html },
    ]);
  },
};

/** What a check remembers of a container between two commands. */
interface Seen {
  id: string;
  startedAt: number;
  state: string;
}
const seen = (c: Container | undefined): Seen | undefined => (c ? { id: c.id, startedAt: c.startedAt, state: c.state } : undefined);

export const composeStopStartExercise: Exercise = {
  id: 'compose-stop-start',
  title: { ko: '연습 문제: 멈췄다가 그대로 다시 켜기', en: 'Exercise: stop, then start the same containers' },
  task: {
    ko: '프로젝트의 컨테이너를 **지우지 않고** 멈춘 다음, **같은 컨테이너**를 다시 실행하세요. 새 컨테이너를 만들면 안 돼요.',
    en: 'Stop the project\'s containers **without removing them**, then run **the same containers** again. No new containers.',
  },
  hints: [
    { ko: '먼저 `docker compose up -d`로 실행하고, `docker compose stop`으로 멈춘 뒤 `docker compose ps -a`로 `Exited` 상태를 확인해 보세요.', en: 'Start with `docker compose up -d`, stop with `docker compose stop`, and look for `Exited` in `docker compose ps -a`.' },
    { ko: '멈춘 컨테이너를 다시 켜는 명령은 `docker compose start`예요. `up -d`도 멈춘 컨테이너를 그대로 다시 시작해요.', en: 'The command that runs stopped containers again is `docker compose start`. `up -d` also starts stopped containers as they are.' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', 'docker compose stop', 'docker compose ps -a', 'docker compose start', 'docker compose ps'],
  check(shell, memo) {
    const web = service(shell, 'web');
    const db = service(shell, 'db');
    const stopped = !!web && !!db && web.state === 'exited' && db.state === 'exited';
    // Remember which containers were stopped; they must be the ones running again.
    if (stopped) memo.stopped = { web: web!.id, db: db!.id, at: Math.max(web!.finishedAt, db!.finishedAt) };
    const s = memo.stopped as { web: string; db: string; at: number } | undefined;
    const back = !!s && running(web) && running(db) && web!.id === s.web && db!.id === s.db && web!.startedAt >= s.at && db!.startedAt >= s.at;
    return goalsResult([
      { text: { ko: '`web`과 `db`가 멈춘 채(`Exited`) 남아 있었어요', en: '`web` and `db` were stopped but kept (`Exited`)' }, met: !!s },
      { text: { ko: '멈췄던 바로 그 컨테이너들이 다시 실행 중이에요', en: 'the very containers that were stopped are running again' }, met: back },
    ]);
  },
};

export const composeRestartExercise: Exercise = {
  id: 'compose-restart',
  title: { ko: '연습 문제: web만 재시작하기', en: 'Exercise: restart only web' },
  task: {
    ko: '프로젝트가 실행 중일 때 **`web` 서비스만** 재시작하세요. `db`는 그동안 계속 돌아가야 하고, 컨테이너를 새로 만들면 안 돼요.',
    en: 'While the project runs, restart **only the `web` service**. `db` must keep running meanwhile, and no container may be re-created.',
  },
  hints: [
    { ko: '프로젝트가 멈춰 있다면 먼저 `docker compose up -d`. 그다음 `docker compose restart` 뒤에 서비스 이름을 붙여 보세요.', en: 'If the project is not running, `docker compose up -d` first. Then give `docker compose restart` a service name.' },
    { ko: '`docker compose ps`의 STATUS(`Up ...`)를 비교해 보세요. `sleep 30s`로 시간을 흘려 보내면 차이가 잘 보여요.', en: 'Compare the STATUS (`Up ...`) column of `docker compose ps`; `sleep 30s` makes the difference easy to see.' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', 'sleep 30s', 'docker compose restart web', 'docker compose ps'],
  check(shell, memo) {
    const web = service(shell, 'web');
    const db = service(shell, 'db');
    // Judge each command by what it changed: web started again in the same container while db was left alone.
    const prev = memo.prev as { web?: Seen; db?: Seen } | undefined;
    if (prev?.web && prev.db && web && db) {
      const webRestarted = web.id === prev.web.id && running(web) && web.startedAt > prev.web.startedAt;
      const dbAlone = db.id === prev.db.id && running(db) && prev.db.state === 'running' && db.startedAt === prev.db.startedAt;
      if (webRestarted) memo.okFor = dbAlone ? web.id : undefined;
    }
    if (db && prev?.db && db.startedAt !== prev.db.startedAt) memo.okFor = undefined; // db was touched later: earn it again
    memo.prev = { web: seen(web), db: seen(db) };
    const ok = memo.okFor !== undefined && memo.okFor === web?.id && running(web) && running(db);
    return goalsResult([
      { text: { ko: '프로젝트가 실행 중이에요', en: 'the project is running' }, met: running(web) && running(db) },
      { text: { ko: '`db`는 그대로 둔 채 `web`만 (같은 컨테이너로) 재시작됐어요', en: 'only `web` was restarted (same container), `db` left alone' }, met: ok },
    ]);
  },
};

export const composeDownExercise: Exercise = {
  id: 'compose-down',
  title: { ko: '연습 문제: 남는 것과 지워지는 것', en: 'Exercise: what stays and what goes' },
  task: {
    ko: '`down` 뒤에도 `db`의 데이터 볼륨이 남는 것을 확인한 다음, 컨테이너, 네트워크, **볼륨까지** 모두 지우세요.',
    en: 'See that the `db` data volume outlives a plain `down`, then remove everything: containers, network **and the volume**.',
  },
  hints: [
    { ko: '`docker compose up -d` 다음 `docker compose down`, 그리고 `docker volume ls`를 보세요.', en: 'Run `docker compose up -d`, then `docker compose down`, then look at `docker volume ls`.' },
    { ko: '`down`에 `--volumes`(또는 `-v`)를 붙이면 이름 있는 볼륨도 지워요. 컨테이너가 이미 없어도 돼요.', en: 'Add `--volumes` (or `-v`) to `down` to remove the named volumes too; it works even when the containers are already gone.' },
  ],
  scenario: composeDemo,
  solution: ['docker compose up -d', 'docker compose down', 'docker volume ls', 'docker compose down --volumes', 'docker volume ls'],
  check(shell, memo) {
    const engine = dockerEngine(shell.world);
    const vol = engine.volumes.get(`${PROJECT}_db-data`);
    const network = [...engine.networks.values()].some((n) => n.name === `${PROJECT}_default`) || engine.networks.has(`${PROJECT}_default`);
    const left = projectContainers(shell).length;
    // A fresh session has no containers, network or volume either: "gone" counts only once the project has been up.
    if (left > 0) memo.wasUp = true;
    const removed = memo.wasUp === true;
    return goalsResult([
      { text: { ko: '컨테이너가 없어진 뒤에도 `compose-demo_db-data` 볼륨이 데이터를 담고 남아 있었어요', en: 'the `compose-demo_db-data` volume kept its data after its containers were gone' }, met: !!vol && vol.files.size > 0 && left === 0, sticky: true },
      { text: { ko: '컨테이너가 남아 있지 않아요', en: 'no containers are left' }, met: removed && left === 0 },
      { text: { ko: '`compose-demo_default` 네트워크가 지워졌어요', en: 'the `compose-demo_default` network is gone' }, met: removed && !network },
      { text: { ko: '`compose-demo_db-data` 볼륨이 지워졌어요', en: 'the `compose-demo_db-data` volume is gone' }, met: removed && !vol },
    ]);
  },
};

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
      { text: { ko: '`answer.txt` 파일이 있어요', en: '`answer.txt` exists' }, met: a !== undefined },
      { text: { ko: '`db` 서비스의 이미지가 적혀 있어요', en: 'it names the `db` service image' }, met: a === 'postgres:16' },
    ]);
  },
};
