import { describe, expect, it } from 'vitest';
import { runLine as run } from '../testing/run-line.ts';
import { createLazySession } from './lazy-session.ts';
import { createSession } from './session.ts';
import { packsForLine } from './packs/index.ts';

/** Runs a line and resolves with its output once it has finished (a stub's pack may load first). */

const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' };

describe('a page session loads each simulator on demand', () => {
  it('a Compose session lists kubectl in help before the Kubernetes simulator has loaded', async () => {
    const shell = await createLazySession({ seed: 1, files, dir: 'demo' }, ['compose']);
    expect(shell.commands.get('kubectl')?.load).toBeTypeOf('function');
    expect((await run(shell, 'help')).out).toMatch(/kubectl\s+control the \(simulated\) Kubernetes cluster|kubectl\s+쿠버네티스/);
  });

  it('kubectl typed on a Compose page loads the cluster and answers as an eager session does, at the instant it was typed', async () => {
    const lazy = await createLazySession({ seed: 7, files, dir: 'demo' }, ['compose']);
    const eager = createSession({ seed: 7, files, dir: 'demo' });
    const before = lazy.world.clock.now();
    let sawLoading = false;
    const p = run(lazy, 'kubectl get nodes -o wide | grep worker > nodes.txt; cat nodes.txt');
    sawLoading = lazy.loading && lazy.busy;
    // Ctrl-C cannot cut a loading line short: a replay would run it whole.
    expect(lazy.interrupt()).toBe(false);
    const got = await p;
    expect(sawLoading).toBe(true);
    expect(lazy.loading).toBe(false);
    const want = await run(eager, 'kubectl get nodes -o wide | grep worker > nodes.txt; cat nodes.txt');
    expect(got).toEqual(want);
    expect(got.out).toMatch(/^kind-worker +Ready/m);
    expect(lazy.commands.get('kubectl')?.load).toBeUndefined();
    // The cluster was created by the command, not by the clock running while the code loaded.
    expect(lazy.world.clock.now() - before).toBe(eager.world.clock.now() - before);
  });

  it('a Kubernetes session boots the cluster like createSession and loads docker on first use', async () => {
    const lazy = await createLazySession({ seed: 3, boot: ['k8s'] }, []);
    const eager = createSession({ seed: 3, boot: ['k8s'] });
    expect(lazy.world.clock.now()).toBe(eager.world.clock.now());
    for (const line of ['kubectl get pods -A', 'etcdctl get /registry/namespaces --prefix --keys-only', 'docker compose version']) expect(await run(lazy, line)).toEqual(await run(eager, line));
  });

  it('finds the packs a saved line needs', () => {
    expect(packsForLine('kubectl get pods | grep web')).toEqual(['kubectl', 'grep', 'tags', 'tools']);
    expect(packsForLine('cat x && docker compose up -d; etcdctl get /a')).toEqual(['compose', 'kubectl', 'tags', 'schema', 'tools']);
    expect(packsForLine('echo hello > kube.txt')).toEqual([]);
  });
});
