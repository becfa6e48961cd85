import { describe, expect, it } from 'vitest';
import { transcript } from '../headless.ts';
import { createSession } from '../session.ts';
import { ETCD_VERSION, KUBERNETES_VERSION } from '../../sim/k8s/version.ts';

/** Issue 12, boot and versions: what a fresh kind cluster shows, whatever the first command is. */
const run = (sh: ReturnType<typeof createSession>, cmd: string) => transcript(sh, cmd, { echo: false });

describe('a Kubernetes session', () => {
  it('etcdctl get / --prefix --keys-only as the first command shows the booted cluster (the cluster boots first)', () => {
    // No boot option: a session that starts with etcdctl, as a learner following an etcd tutorial does.
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false } });
    const keys = run(sh, 'etcdctl get / --prefix --keys-only').split('\n').filter(Boolean);
    expect(keys).toContain('/registry/namespaces/default');
    expect(keys).toContain('/registry/namespaces/kube-system');
    expect(keys.some((k) => k.startsWith('/registry/minions/'))).toBe(true);
    expect(keys.some((k) => k.startsWith('/registry/pods/kube-system/etcd-'))).toBe(true);
  });

  // One Kubernetes and one etcd version everywhere. kind's node image for v1.33.4 runs kubeadm's etcd for
  // 1.33, registry.k8s.io/etcd:3.5.21-0 (kubeadm constants SupportedEtcdVersion 33: "3.5.21-0"), whose
  // etcdctl says `etcdctl version: 3.5.21` / `API version: 3.5`.
  it('kubectl version, node info, the etcd pod image, etcdctl version and endpoint status agree', () => {
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, boot: ['k8s'] });
    expect(KUBERNETES_VERSION).toBe('v1.33.4');
    expect(ETCD_VERSION).toBe('3.5.21');
    expect(run(sh, 'kubectl version')).toBe(`Client Version: v1.33.4\nKustomize Version: v5.6.0\nServer Version: v1.33.4\n`);
    expect(run(sh, 'kubectl get nodes -o jsonpath="{.items[*].status.nodeInfo.kubeletVersion}"')).toMatch(/^v1\.33\.4( v1\.33\.4)*$/);
    const etcdPod = run(sh, 'kubectl get pods -n kube-system -o name').split('\n').find((p) => p.startsWith('pod/etcd-'))!;
    expect(run(sh, `kubectl get ${etcdPod} -n kube-system -o jsonpath="{.spec.containers[0].image}"`)).toBe('registry.k8s.io/etcd:3.5.21-0');
    expect(run(sh, 'etcdctl version')).toBe('etcdctl version: 3.5.21\nAPI version: 3.5\n');
    expect(run(sh, 'etcdctl endpoint status -w table')).toMatch(/\| +3\.5\.21 \|/);
  });
});
