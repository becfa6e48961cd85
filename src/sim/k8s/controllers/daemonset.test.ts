import { describe, expect, it, vi } from 'vitest';
import type { DaemonSet, Node, PodSpec } from '../api/types.ts';
import { ignoreNodeUpdate, REVISION_HASH_LABEL } from './daemonset.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { template } from './testing/objects.ts';
import { isPodActive } from './util.ts';

// Counts template hashes: a node heartbeat must not cost one per DaemonSet (issue 13's idle cost).
const hashCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('./hash.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('./hash.ts')>();
  return { ...m, podTemplateHash: (...a: Parameters<typeof m.podTemplateHash>) => (hashCalls.n++, m.podTemplateHash(...a)) };
});

const ds = (spec: Partial<PodSpec> = {}): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { ...template({ app: 'agent' }), spec: { ...template().spec, ...spec } } },
});

function cluster(d: DaemonSet, nodeChange: (n: Node) => void = () => {}) {
  const c = new FakeCluster({ nodes: ['node-1', 'node-2', 'node-3'], scheduler: false });
  for (const n of c.client.objects('nodes')) c.client.mutate('nodes', undefined, n.metadata.name, nodeChange);
  c.manager.start();
  c.client.create('daemonsets', d);
  c.run(5000);
  return c;
}

const placement = (c: FakeCluster) => c.pods().filter(isPodActive).map((p) => p.spec.nodeName).sort();
const status = (c: FakeCluster) => c.client.objects('daemonsets')[0]!.status;

describe('DaemonSet controller', () => {
  it('a node status heartbeat changes no verdict and hashes no template; a label change is still looked at', () => {
    const c = cluster(ds({ nodeSelector: { disk: 'ssd' } }));
    hashCalls.n = 0;
    for (let i = 1; i <= 20; i++)
      for (const n of c.client.objects('nodes')) c.client.mutate('nodes', undefined, n.metadata.name, (o) => (o.status!.conditions![0]!.lastHeartbeatTime = `2026-01-15T10:00:${String(i).padStart(2, '0')}Z`));
    c.run(1);
    expect(hashCalls.n).toBe(0);
    c.client.mutate('nodes', undefined, 'node-2', (o) => (o.metadata.labels!.disk = 'ssd'));
    c.run(1000);
    expect(placement(c)).toEqual(['node-2']);
  });

  it.each([
    { why: 'plain nodes', d: ds(), node: () => {}, want: ['node-1', 'node-2', 'node-3'] },
    { why: 'nodeSelector', d: ds({ nodeSelector: { disk: 'ssd' } }), node: (n: Node) => n.metadata.name === 'node-2' && (n.metadata.labels!.disk = 'ssd'), want: ['node-2'] },
    { why: 'untolerated NoSchedule taint', d: ds(), node: (n: Node) => n.metadata.name === 'node-3' && (n.spec.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]), want: ['node-1', 'node-2'] },
    {
      why: 'tolerated taint',
      d: ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }),
      node: (n: Node) => n.metadata.name === 'node-3' && (n.spec.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]),
      want: ['node-1', 'node-2', 'node-3'],
    },
    {
      why: 'cordoned node (automatic unschedulable toleration)',
      d: ds(),
      node: (n: Node) => n.metadata.name === 'node-1' && ((n.spec.unschedulable = true), (n.spec.taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }])),
      want: ['node-1', 'node-2', 'node-3'],
    },
    {
      why: 'required node affinity',
      d: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['node-1'] }] }] } } } }),
      node: () => {},
      want: ['node-2', 'node-3'],
    },
  ])('$why: pods on $want', ({ d, node, want }) => {
    const c = cluster(d, node);
    expect(placement(c)).toEqual(want);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: want.length, currentNumberScheduled: want.length, numberMisscheduled: 0, numberReady: want.length });
    expect(c.pods().every((p) => /^agent-[a-z0-9]{5}$/.test(p.metadata.name))).toBe(true);
  });

  it('follows nodes joining and leaving', () => {
    const c = cluster(ds());
    c.addNode('node-4');
    c.run(3000);
    expect(placement(c)).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    c.client.delete('nodes', undefined, 'node-1');
    c.run(3000);
    expect(placement(c)).toEqual(['node-2', 'node-3', 'node-4']);
  });

  it('follows a node that gains the selected label, and leaves one tainted NoExecute', () => {
    const c = cluster(ds({ nodeSelector: { disk: 'ssd' } }));
    expect(placement(c)).toEqual([]);
    c.client.mutate('nodes', undefined, 'node-2', (n) => (n.metadata.labels!.disk = 'ssd'));
    c.run(3000);
    expect(placement(c)).toEqual(['node-2']);
    c.client.mutate('nodes', undefined, 'node-2', (n) => (n.spec.taints = [{ key: 'evict', value: 'now', effect: 'NoExecute' }]));
    c.run(3000);
    expect(placement(c)).toEqual([]);
  });

  it.each([
    { why: 'a heartbeat (condition times only)', change: (n: Node) => (n.status!.conditions![0]!.lastHeartbeatTime = '2026-01-15T09:10:00Z'), ignored: true },
    { why: 'new images on the node', change: (n: Node) => (n.status!.images = [{ names: ['nginx:1.27'], sizeBytes: 1 }]), ignored: true },
    { why: 'Ready turning False', change: (n: Node) => (n.status!.conditions![0]!.status = 'False'), ignored: false },
    { why: 'a label', change: (n: Node) => (n.metadata.labels = { ...n.metadata.labels, disk: 'ssd' }), ignored: false },
    { why: 'a taint', change: (n: Node) => (n.spec.taints = [{ key: 'k', effect: 'NoSchedule' }]), ignored: false },
  ])('a node update is ignored by daemon sets: $why → $ignored', ({ change, ignored }) => {
    const old: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', resourceVersion: '5', labels: { a: 'b' } }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-15T09:00:00Z' }] } } as Node;
    const cur = structuredClone(old);
    cur.metadata.resourceVersion = '6';
    change(cur);
    expect(ignoreNodeUpdate(old, cur)).toBe(ignored);
  });

  it('keeps its pod on an unreachable node', () => {
    const c = cluster(ds());
    c.kill('node-1');
    c.run(600_000);
    expect(placement(c)).toEqual(['node-1', 'node-2', 'node-3']);
    const p = c.pods().find((x) => x.spec.nodeName === 'node-1')!;
    expect(p.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  });

  it('replaces a failed daemon pod', () => {
    const c = cluster(ds());
    const victim = c.pods()[0]!;
    c.client.mutate('pods', 'default', victim.metadata.name, (p) => (p.status!.phase = 'Failed'));
    c.run(3000);
    expect(placement(c)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(c.pods().map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    expect(c.client.eventMessages('FailedDaemonPod')).toEqual([`Found failed daemon pod default/${victim.metadata.name} on node ${victim.spec.nodeName}, will try to kill it`]);
  });

  it('rolls a template change one node at a time', () => {
    const c = cluster(ds());
    const d = c.client.objects('daemonsets')[0]!;
    d.spec.template.spec.containers[0]!.image = 'agent:2';
    c.client.update('daemonsets', d);
    let minReady = Infinity;
    for (let t = 0; t < 30_000; t += 100) {
      c.world.clock.advance(100);
      minReady = Math.min(minReady, c.pods().filter((p) => isPodActive(p) && p.status?.phase === 'Running').length);
    }
    expect(minReady).toBe(2);
    expect(c.pods().map((p) => p.spec.containers[0]!.image)).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect(new Set(c.pods().map((p) => p.metadata.labels?.[REVISION_HASH_LABEL])).size).toBe(1);
    expect(status(c)).toMatchObject({ updatedNumberScheduled: 3, numberReady: 3 });
  });
});
