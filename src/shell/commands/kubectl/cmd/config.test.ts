/** `kubectl config` against kind's kubeconfig (context kind-kind); wording after kubectl's pkg/cmd/config. */
import { describe, expect, it } from 'vitest';
import { out, session } from './testing.ts';

describe('kubectl config', () => {
  it('shows kind\'s one context', () => {
    const sh = session();
    expect(out(sh, 'kubectl config current-context')).toBe('kind-kind\n');
    expect(out(sh, 'kubectl config get-contexts')).toBe('CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   \n');
    expect(out(sh, 'kubectl config use-context kind-kind')).toBe('Switched to context "kind-kind".\n');
    expect(out(sh, 'kubectl config use-context prod')).toBe('error: no context exists with the name: "prod"\n');
    expect(out(sh, 'kubectl config view')).toContain('    certificate-authority-data: DATA+OMITTED\n    server: https://127.0.0.1:6443\n  name: kind-kind\n');
  });

  it('set-context --current --namespace changes the namespace later commands use', () => {
    const sh = session();
    expect(out(sh, 'kubectl config set-context --current --namespace=kube-system')).toBe('Context "kind-kind" modified.\n');
    expect(out(sh, 'kubectl get deploy --no-headers')).toMatch(/^coredns\s/);
    expect(out(sh, 'kubectl create configmap c --from-literal=a=b')).toBe('configmap/c created\n');
    expect(out(sh, 'kubectl get configmap c -n kube-system -o name')).toBe('configmap/c\n');
    expect(out(sh, 'kubectl config view')).toContain('    namespace: kube-system\n');
    expect(out(sh, 'kubectl get pods -n default')).toBe('No resources found in default namespace.\n');
    out(sh, 'kubectl config set-context --current --namespace=default');
    expect(out(sh, 'kubectl get deploy')).toBe('No resources found in default namespace.\n');
  });

  it('answers the subcommands it does not model with a note, never an error', () => {
    expect(out(session(), 'kubectl config set-credentials bob --token=x')).toMatch(/^note: kubectl config set-credentials is not simulated here/);
  });
});
