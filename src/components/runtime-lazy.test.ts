import { afterAll, describe, expect, it, vi } from 'vitest';
import { runLine as run } from '../testing/run-line.ts';

/**
 * A Kubernetes lesson's page session as the site builds it: the exercise
 * checks and the container shell/utilities/exec are fetched after the
 * terminal starts, and the first line typed waits for them.
 */

// Which of the later modules have been imported so far.
const { imported, noting } = vi.hoisted(() => {
  const imported = new Set<string>();
  return { imported, noting: (name: string) => async (orig: () => Promise<unknown>) => (imported.add(name), orig()) };
});

// The site's build swaps these seams for their lazy twins (astro.config.mjs); so does this file.
vi.mock('../sim/containers/container-tools.ts', () => import('../sim/containers/container-tools.lazy.ts'));
vi.mock('../sim/containers/tag-catalogue.ts', () => import('../sim/containers/tag-catalogue.lazy.ts'));
vi.mock('../sim/compose/load/schema-check.ts', () => import('../sim/compose/load/schema-check.lazy.ts'));
vi.mock('../lessons/k8s-exercises.ts', noting('k8s-exercises'));
vi.mock('../sim/containers/tools.ts', noting('tools'));
vi.mock('../sim/containers/exec.ts', noting('exec'));
vi.mock('../sim/containers/shell.ts', noting('container shell'));
vi.mock('../sim/containers/utils.ts', noting('utils'));
// The page's editor is DOM; the shell only needs a host that can be quiet.
vi.mock('./editor/host.ts', () => ({ attachEditorHost: () => ({ setQuiet() {} }) }));

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}
vi.stubGlobal('window', globalThis);
// Hidden: the page's clock runner does not move virtual time by the wall clock, so only the lines do.
vi.stubGlobal('document', { hidden: true });
vi.stubGlobal('addEventListener', () => {});
vi.stubGlobal('BroadcastChannel', undefined);
vi.stubGlobal('localStorage', memoryStorage());
vi.stubGlobal('sessionStorage', memoryStorage());
afterAll(() => void vi.unstubAllGlobals());

const { getSession } = await import('./runtime.ts');
const { registerExercise } = await import('./session-registry.ts');
const { k8sDemo } = await import('../lessons/scenarios.ts');


// Losing quorum is over by the second line: the etcd exercise's first goal is met only if its check saw the first.
const lines = [
  'sim stop etcd-1 && sim stop etcd-2',
  'sim start etcd-1 && sim start etcd-2 && sleep 5s',
  // A container whose command line is a shell script, and an exec into it: the container tools at work.
  "kubectl run bb --image=busybox:1.37 -- sh -c 'echo hello from $(hostname); sleep 3600'",
  'sleep 30s',
  'kubectl logs bb; kubectl exec bb -- ls /; kubectl exec bb -- sh -c "echo $((6 * 7))"',
];

describe('a Kubernetes lesson page fetches its exercise checks and the container tools after the terminal starts', () => {
  it('the session starts without them, and the first line waits for them: same answers and exercise progress as an eager session', async () => {
    registerExercise('k8s-etcd', 'k8s-etcd', 'k8s');
    const live = await getSession('k8s-etcd', { seed: 1, lang: 'en', dir: k8sDemo.dir, files: k8sDemo.files, boot: k8sDemo.boot });
    // The cluster booted, and nothing it did needed the container tools.
    expect(live.shell.world.peek('k8s.cluster')).toBeDefined();
    expect([...imported]).toEqual([]);
    const { containerToolsLoaded } = await import('../sim/containers/container-tools.ts');
    expect(containerToolsLoaded()).toBe(false);

    const got = [];
    for (const line of lines) got.push(await run(live.shell, line));
    live.clock.stop();
    expect([...imported].sort()).toEqual(['container shell', 'exec', 'k8s-exercises', 'tools', 'utils']);

    const { createSession } = await import('../shell/session.ts');
    const { ExerciseProgress } = await import('../lessons/exercise.ts');
    const { k8sEtcdExercise } = await import('../lessons/k8s-exercises.ts');
    const eager = createSession({ seed: 1, lang: 'en', dir: k8sDemo.dir, files: k8sDemo.files, boot: k8sDemo.boot });
    const progress = new ExerciseProgress(k8sEtcdExercise);
    progress.update(eager);
    const want = [];
    let result = progress.update(eager);
    for (const line of lines) {
      want.push(await run(eager, line));
      result = progress.update(eager);
    }
    expect(got).toEqual(want);
    expect(got[4]!.out).toMatch(/^hello from bb$/m);
    expect(got[4]!.out).toMatch(/^42$/m);
    expect(live.exercise(k8sEtcdExercise)).toEqual(result);
    expect(result.goals.slice(0, 2).map((g) => g.met)).toEqual([true, true]);
  });
});
