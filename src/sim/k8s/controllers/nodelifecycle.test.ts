import { describe, expect, it } from 'vitest';
import { NODE_MONITOR_GRACE_MS, UNREACHABLE } from './nodelifecycle.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment } from './testing/objects.ts';
import { isPodActive, isPodReady } from './util.ts';

function cluster() {
  const c = new FakeCluster({ nodes: ['node-1', 'node-2'] });
  c.manager.start();
  c.client.create('deployments', deployment('web', 4));
  c.run(10_000);
  return c;
}

const node = (c: FakeCluster, name: string) => c.client.objects('nodes').find((n) => n.metadata.name === name)!;
const ready = (c: FakeCluster, name: string) => node(c, name).status?.conditions?.find((x) => x.type === 'Ready');

describe('node lifecycle controller', () => {
  it('marks a silent node Unknown after the grace period, taints it and marks its pods not ready', () => {
    const c = cluster();
    const onNode1 = c.pods().filter((p) => p.spec.nodeName === 'node-1');
    expect(onNode1).toHaveLength(2);
    c.kill('node-1');
    c.run(NODE_MONITOR_GRACE_MS - 10_000);
    expect(ready(c, 'node-1')?.status).toBe('True');
    c.run(20_000);
    expect(ready(c, 'node-1')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(c, 'node-1').spec.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([`${UNREACHABLE}:NoExecute`, `${UNREACHABLE}:NoSchedule`]);
    expect(ready(c, 'node-2')?.status).toBe('True');
    expect(node(c, 'node-2').spec.taints).toBeUndefined();
    expect(c.client.eventMessages('NodeNotReady')).toEqual(['Node node-1 status is now: NodeNotReady', 'Node is not ready', 'Node is not ready']);
    expect(c.pods().filter((p) => p.spec.nodeName === 'node-1').some(isPodReady)).toBe(false);
  });

  it('evicts pods after tolerationSeconds and the ReplicaSet replaces them on a healthy node', () => {
    const c = cluster();
    const victims = c.pods().filter((p) => p.spec.nodeName === 'node-1').map((p) => p.metadata.name);
    c.kill('node-1');
    c.run(60_000);
    const taintedAt = c.world.clock.now();
    c.run(240_000);
    expect(c.pods().filter((p) => victims.includes(p.metadata.name))).toHaveLength(2);
    c.run(80_000);
    expect(c.pods().filter((p) => victims.includes(p.metadata.name))).toHaveLength(0);
    expect(c.world.clock.now() - taintedAt).toBeGreaterThanOrEqual(300_000);
    expect(c.client.eventMessages('TaintManagerEviction').sort()).toEqual(victims.map((v) => `Marking for deletion Pod default/${v}`).sort());
    const pods = c.pods().filter(isPodActive);
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.spec.nodeName === 'node-2' && isPodReady(p))).toBe(true);
  });

  it.each([
    { tolerationSeconds: 0, evictedBy: 5_000 },
    { tolerationSeconds: 30, evictedBy: 35_000 },
    { tolerationSeconds: undefined, evictedBy: undefined },
  ])('honours a pod toleration of $tolerationSeconds s', ({ tolerationSeconds, evictedBy }) => {
    const c = new FakeCluster({ nodes: ['node-1', 'node-2'] });
    c.manager.start();
    const d = deployment('web', 2);
    d.spec.template.spec.tolerations = [{ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds }];
    c.client.create('deployments', d);
    c.run(10_000);
    const victim = c.pods().find((p) => p.spec.nodeName === 'node-1')!.metadata.name;
    c.kill('node-1');
    c.run(NODE_MONITOR_GRACE_MS + 5_000);
    expect(node(c, 'node-1').spec.taints?.length).toBe(2);
    const gone = () => !c.pods().some((p) => p.metadata.name === victim);
    if (evictedBy === undefined) {
      c.run(1_000_000);
      expect(gone()).toBe(false);
    } else {
      if (evictedBy > 5000) {
        c.run(evictedBy - 10_000);
        expect(gone()).toBe(false);
      }
      c.run(10_000);
      expect(gone()).toBe(true);
    }
  });

  it('removes the taints and cancels evictions when heartbeats return', () => {
    const c = cluster();
    c.kill('node-1');
    c.run(100_000);
    expect(node(c, 'node-1').spec.taints).toHaveLength(2);
    c.revive('node-1');
    c.run(10_000);
    expect(ready(c, 'node-1')?.status).toBe('True');
    expect(node(c, 'node-1').spec.taints).toBeUndefined();
    c.run(600_000);
    expect(c.client.eventMessages('TaintManagerEviction').filter((m) => m.startsWith('Marking'))).toEqual([]);
    expect(c.client.eventMessages('TaintManagerEviction')).toHaveLength(2);
    expect(c.pods().filter((p) => p.spec.nodeName === 'node-1')).toHaveLength(2);
  });
});
