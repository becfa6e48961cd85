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

  it('starts with every goal unticked: no checklist item is satisfied by the starting state', () => {
    expect(new ExerciseProgress(ex).update(fresh()).goals.filter((g) => g.met).map((g) => g.text.en)).toEqual([]);
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

describe('no exercise can be locked by doing things in another order', () => {
  const solve = (id: string, lines: string[]) => {
    const ex = exercises[id]!;
    const shell = createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: ex.scenario.dir, files: ex.scenario.files, boot: ex.scenario.boot });
    const progress = new ExerciseProgress(ex);
    let r = progress.update(shell);
    for (const line of lines) {
      transcript(shell, [line], {});
      r = progress.update(shell);
    }
    return r;
  };

  it('compose-restart: stop, start and a plain restart first, then down and up -d, then restart web passes', () => {
    const before = ['docker compose up -d', 'docker compose stop', 'docker compose start', 'docker compose restart', 'docker compose down', 'docker compose up -d'];
    expect(solve('compose-restart', before).done).toBe(false);
    expect(solve('compose-restart', [...before, 'sleep 10s', 'docker compose restart web']).done).toBe(true);
  });

  it('compose-restart: restarting everything is not restarting only web, and touching db afterwards takes the tick away', () => {
    expect(solve('compose-restart', ['docker compose up -d', 'sleep 10s', 'docker compose restart']).done).toBe(false);
    expect(solve('compose-restart', ['docker compose up -d', 'sleep 10s', 'docker compose restart web', 'docker compose restart db']).done).toBe(false);
    expect(solve('compose-restart', ['docker compose up -d', 'sleep 10s', 'docker compose stop web', 'docker compose start web']).done).toBe(true);
  });

  it('compose-stop-start: re-created containers do not count, stopping and starting them again does', () => {
    expect(solve('compose-stop-start', ['docker compose up -d', 'docker compose stop', 'docker compose down', 'docker compose up -d']).done).toBe(false);
    expect(solve('compose-stop-start', ['docker compose up -d', 'docker compose stop', 'docker compose down', 'docker compose up -d', 'docker compose stop', 'docker compose up -d']).done).toBe(true);
  });

  it('compose-down: down --volumes after a plain down passes without another up -d', () => {
    expect(solve('compose-down', ['docker compose up -d', 'docker compose down', 'docker compose down --volumes']).done).toBe(true);
    expect(solve('compose-down', ['docker compose up -d', 'docker compose down --volumes']).done).toBe(false);
  });

  it('k8s-etcd: a leader written down before the quorum was lost must be updated if it changed', () => {
    const r = solve('k8s-etcd', ['echo etcd-9 > leader.txt', 'sim stop etcd-1', 'sim stop etcd-2', 'sim start etcd-1', 'sim start etcd-2', 'sleep 5s']);
    expect(r.goals.map((g) => g.met)).toEqual([true, true, false]);
  });

  it('k8s-scheduler: the taint goals read the cluster: a pod Pending for a stopped scheduler or one with an untainted worker left is not kept off by the taint', () => {
    const up = ['kubectl apply -f web.yaml', 'sleep 20s', 'sim stop scheduler', 'kubectl scale deployment web --replicas=5', 'sleep 10s', 'sim start scheduler', 'sleep 20s'];
    // Only kind-worker tainted: plain and blue both fit kind-worker2.
    const one = solve('k8s-scheduler', [...up, 'kubectl taint nodes kind-worker team=blue:NoSchedule', 'sim stop scheduler', 'kubectl run plain --image=nginx:1.27', 'sleep 5s']);
    expect(one.goals.map((g) => g.met)).toEqual([true, true, false, false, false]);
    const untainted = solve('k8s-scheduler', [...up, 'kubectl taint nodes kind-worker team=blue:NoSchedule', 'kubectl run plain --image=nginx:1.27', 'sleep 10s']);
    expect(untainted.goals.map((g) => g.met)).toEqual([true, true, true, false, false]);
    // Tainting kind-worker2 afterwards: blue stays where it is (NoSchedule evicts nothing), so it now runs on a tainted worker; a new pod has nowhere to go.
    const later = solve('k8s-scheduler', [...up, 'kubectl apply -f blue.yaml', 'sleep 10s', 'kubectl taint nodes kind-worker team=blue:NoSchedule', 'kubectl taint nodes kind-worker2 team=blue:NoSchedule', 'kubectl run plain --image=nginx:1.27', 'sleep 5s']);
    expect(later.done).toBe(true);
  });

  it('k8s-api-server: a made-up revision does not pass', () => {
    const r = solve('k8s-api-server', ['kubectl apply -f web.yaml', 'sleep 5s', 'echo kube-controller-manager > creator.txt', 'echo 1 > revision.txt']);
    expect(r.goals.map((g) => g.met)).toEqual([true, true, false]);
  });
});
