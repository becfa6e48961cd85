import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../sim/k8s/view.ts';
import { actionsFor, banners } from './status.ts';

const view = (o: Partial<ClusterView> = {}): ClusterView => ({
  apiserver: true,
  scheduler: true,
  controllerManager: true,
  etcd: [
    { name: 'etcd-0', running: true, leader: false },
    { name: 'etcd-1', running: true, leader: true },
    { name: 'etcd-2', running: true, leader: false },
  ],
  nodes: [{ name: 'kind-worker', controlPlane: false, ready: true, kubelet: true, proxy: true, pods: [{ namespace: 'default', name: 'web-1', phase: 'Running', state: 'Running', restarts: 0, node: 'kind-worker' }] }],
  unscheduled: [],
  ...o,
});

describe('diagram banners', () => {
  it('a healthy cluster has none', () => expect(banners(view(), 'en')).toEqual([]));

  it('one stopped etcd member keeps quorum; two lose it', () => {
    const one = view({ etcd: view().etcd.map((m) => (m.name === 'etcd-0' ? { ...m, running: false } : m)) });
    expect(banners(one, 'en')).toEqual([]);
    const two = view({ etcd: [{ name: 'etcd-0', running: false, leader: false }, { name: 'etcd-1', running: false, leader: false }, { name: 'etcd-2', running: true, leader: false }] });
    expect(banners(two, 'en')).toEqual([{ id: 'quorum', text: 'etcd has lost quorum: 1 of 3 members running (2 needed). Writes and linearizable reads fail.' }]);
    expect(banners(two, 'ko')[0]!.text).toMatch(/쿼럼 상실/);
  });

  it('a stopped scheduler and a NotReady node each get one', () => {
    const v = view({ scheduler: false, nodes: [{ ...view().nodes[0]!, ready: false }] });
    expect(banners(v, 'en').map((b) => b.id)).toEqual(['scheduler', 'node:kind-worker']);
  });

  it('a node whose state is not known yet (nothing listed) is not called NotReady', () => {
    const v = view({ apiserver: false, nodes: [{ ...view().nodes[0]!, ready: undefined }] });
    expect(banners(v, 'en').map((b) => b.id)).toEqual(['apiserver']);
  });
});

describe('diagram actions', () => {
  it('offer the sim command for the component state', () => {
    expect(actionsFor('kube-scheduler', view(), 'en')).toEqual([{ label: 'Stop scheduler', line: 'sim stop scheduler' }]);
    expect(actionsFor('kube-scheduler', view({ scheduler: false }), 'en')[0]!.line).toBe('sim start scheduler');
    expect(actionsFor('etcd:etcd-1', view(), 'en')[0]!.line).toBe('sim stop etcd-1');
    expect(actionsFor('kubelet:kind-worker', view(), 'en')[0]!.line).toBe('sim node fail kind-worker');
    const failed = view({ nodes: [{ ...view().nodes[0]!, kubelet: false }] });
    expect(actionsFor('kubelet:kind-worker', failed, 'en')[0]!.line).toBe('sim node recover kind-worker');
    expect(actionsFor('pod:default/web-1', view(), 'en').map((a) => a.line)).toEqual(['sim crash web-1', 'kubectl describe pod web-1', 'kubectl delete pod web-1']);
    expect(actionsFor('pod:default/nope', view(), 'en')).toEqual([]);
  });
});
