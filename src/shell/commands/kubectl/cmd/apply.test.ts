import { describe, expect, it } from 'vitest';
import { LAST_APPLIED, threeWayPatch } from './apply.ts';
import { out, run, session, WEB } from './testing.ts';

describe('threeWayPatch', () => {
  it.each([
    ['nothing changed', { a: 1, l: [1] }, { a: 1, l: [1] }, { a: 1, l: [1, 'defaulted'], s: 'server' }, undefined],
    ['a field the manifest dropped', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2 }, { b: null }],
    ['live drifted from the manifest', { a: 1 }, { a: 1 }, { a: 5 }, { a: 1 }],
    ['a changed list goes whole', { l: [1] }, { l: [2] }, { l: [1, 'x'] }, { l: [2] }],
    ['nested objects', { m: { x: 1, y: 2 } }, { m: { x: 3 } }, { m: { x: 1, y: 2, z: 0 } }, { m: { x: 3, y: null } }],
  ])('%s', (_, o, m, l, want) => expect(threeWayPatch(o, m, l)).toEqual(want));
});

describe('kubectl apply', () => {
  it('says no objects were passed for an empty file or one with only separators and comments, and fails', () => {
    const sh = session({ 'empty.yaml': '', 'dashes.yaml': '# nothing yet\n---\n' });
    expect(out(sh, 'kubectl apply -f empty.yaml; echo $?')).toBe('error: no objects passed to apply\n1\n');
    expect(out(sh, 'kubectl apply -f dashes.yaml')).toBe('error: no objects passed to apply\n');
    expect(out(sh, 'kubectl create -f empty.yaml')).toBe('error: no objects passed to create\n');
    expect(out(sh, 'kubectl get all')).toContain('service/kubernetes');
  });
  it('creates, then reports unchanged, then configured after an edit', () => {
    const sh = session({ 'scaled.yaml': WEB.replace('replicas: 3', 'replicas: 2') });
    expect(out(sh, 'kubectl apply -f web.yaml')).toBe('deployment.apps/web created\nservice/web created\n');
    expect(out(sh, 'kubectl apply -f web.yaml')).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
    expect(out(sh, 'kubectl apply -f scaled.yaml')).toBe('deployment.apps/web configured\nservice/web unchanged\n');
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('2');
  });
  it('keeps the last-applied-configuration annotation', () => {
    const sh = session();
    run(sh, 'kubectl apply -f pod.yaml');
    const pod = JSON.parse(out(sh, 'kubectl get pod nginx -o json')) as { metadata: { annotations: Record<string, string> } };
    expect(JSON.parse(pod.metadata.annotations[LAST_APPLIED]!)).toMatchObject({ kind: 'Pod', metadata: { name: 'nginx', namespace: 'default', annotations: {} } });
    expect(LAST_APPLIED).toBe('kubectl.kubernetes.io/last-applied-configuration');
  });
  it.each([
    ['no -f', 'kubectl apply', 'error: must specify one of -f and -k\n\n'],
    ['a missing file', 'kubectl apply -f nope.yaml', 'error: the path "nope.yaml" does not exist\n'],
  ])('errors on %s', (_, line, want) => expect(out(session(), line)).toBe(want));
  it('reads stdin with -f -', () => {
    const sh = session();
    expect(out(sh, 'cat pod.yaml | kubectl apply -f -')).toBe('pod/nginx created\n');
  });
});
