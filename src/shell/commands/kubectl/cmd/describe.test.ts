import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

describe('kubectl describe', () => {
  const sh = webSession();
  it.each([
    ['node', 'kubectl describe node kind-worker', /^Name:\s+kind-worker\n[\s\S]*Non-terminated Pods:/],
    ['deployment', 'kubectl describe deploy web', /^Name:\s+web\n[\s\S]*NewReplicaSet:\s+web-\S+ \(3\/3 replicas created\)[\s\S]*ScalingReplicaSet/],
    ['replicaset', 'kubectl describe rs', /^Name:\s+web-\S+\n[\s\S]*Pods Status:\s+3 Running/],
    ['service', 'kubectl describe svc web', /^Name:\s+web\n[\s\S]*Endpoints:\s+10\.244\./],
    ['a kind without a describer', 'kubectl describe ns default', /^Name:\s+default\nLabels:\s+kubernetes.io\/metadata.name=default\nAnnotations:\s+<none>\nEvents:\s+<none>\n$/],
  ])('%s', (_, line, want) => expect(out(sh, line)).toMatch(want));
  it('describes every pod when no name is given, one blank line apart', () => {
    const text = out(sh, 'kubectl describe pods');
    expect(text.match(/^Name:/gm)).toHaveLength(3);
    expect(text).toMatch(/\n\nName:/);
  });
  it.each([
    ['a missing pod', 'kubectl describe pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['an empty namespace', 'kubectl describe pods -n kube-public', 'No resources found in kube-public namespace.\n'],
  ])('reports %s', (_, line, want) => expect(out(session(), line)).toBe(want));
  it('shows the events of this object only', () => {
    const s = session();
    run(s, 'kubectl run a --image=nginx:1.27', 'kubectl run b --image=nginx:1.27', 'sleep 10s');
    expect(out(s, 'kubectl describe pod a')).not.toContain('default/b');
  });
});
