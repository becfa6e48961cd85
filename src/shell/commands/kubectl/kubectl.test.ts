import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../testing/golden.ts';
import { createSession } from '../../session.ts';
import type { Shell } from '../../shell.ts';
import { kubectl } from './kubectl.ts';
import { out, podNames, run, session, webSession } from './cmd/testing.ts';

const golden = (name: string) => join(import.meta.dirname, 'testdata', 'e2e', `${name}.txt`);

describe('kubectl after applying a 3-replica nginx Deployment and a Service (golden)', () => {
  const sh = webSession();
  const first = podNames(sh)[0]!;
  it.each([
    ['get-pods', 'kubectl get pods'],
    ['get-pods-wide', 'kubectl get pods -o wide'],
    ['get-nodes', 'kubectl get nodes'],
    ['get-deploy', 'kubectl get deploy'],
    ['describe-pod', `kubectl describe pod ${first}`],
    ['get-svc', 'kubectl get svc'],
    ['get-all', 'kubectl get all'],
  ])('%s', (name, line) => expectGolden(golden(name), run(sh, line)));
});

describe('kubectl errors (golden)', () => {
  const invalid = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers:\n  - name: web\n    image: nginx\n';
  const syntax = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec: {}\n';
  const unknownField = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    imagez: nginx\n';
  it.each([
    ['err-not-found', ['kubectl get pods x']],
    ['err-unknown-type', ['kubectl get podz']],
    ['err-already-exists', ['kubectl create -f pod.yaml', 'kubectl create -f pod.yaml']],
    ['err-invalid', ['kubectl apply -f invalid.yaml']],
    ['err-yaml-syntax', ['kubectl apply -f syntax.yaml']],
    ['err-unknown-field', ['kubectl apply -f unknown-field.yaml']],
    ['err-unknown-flag', ['kubectl get pods --bogus']],
  ])('%s', (name, lines) => {
    const sh = session({ 'invalid.yaml': invalid, 'syntax.yaml': syntax, 'unknown-field.yaml': unknownField });
    expectGolden(golden(name), run(sh, ...lines));
  });
});

describe('kubectl entry point', () => {
  it('is deterministic: the same script twice gives the same bytes', () => {
    const script = ['kubectl apply -f web.yaml', 'sleep 20s', 'kubectl get pods -o wide', 'kubectl delete pod --all', 'kubectl get pods -o wide', 'kubectl get events'];
    expect(run(session(), ...script)).toBe(run(session(), ...script));
  });
  it.each([
    ['an unknown subcommand', 'kubectl frobnicate', 'error: unknown command "frobnicate" for "kubectl"'],
    ['a known but unsimulated one', 'kubectl proxy', 'kubectl proxy is not simulated here'],
    ['--help', 'kubectl --help', 'get, describe'],
  ])('answers %s', (_, line, text) => expect(out(session(), line)).toContain(text));
  it('lists the subcommands in help, in both languages', () => {
    for (const lang of ['ko', 'en'] as const) for (const c of ['get', 'apply', 'rollout', 'drain', 'explain', 'wait']) expect(kubectl.help![lang]).toContain(c);
  });
  it('completes object names from the API, without booting a cluster', () => {
    const c = (sh: Shell) => ({ world: sh.world, cwd: sh.cwd, shell: sh });
    const fresh = createSession({ seed: 1 });
    expect(kubectl.complete!(['get', 'nodes'], 'w', c(fresh))).toEqual([]);
    expect(fresh.world.peek('k8s.cluster')).toBeUndefined();
    const sh = webSession();
    expect(kubectl.complete!(['get', 'nodes'], 'kind-w', c(sh))).toEqual(['kind-worker', 'kind-worker2']);
    expect(kubectl.complete!(['logs'], 'web-', c(sh))).toEqual(podNames(sh));
  });
});
