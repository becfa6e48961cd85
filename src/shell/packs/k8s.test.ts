import { describe, expect, it } from 'vitest';
import { World } from '../../sim/world.ts';
import { getCluster, type Cluster } from '../../sim/k8s/cluster.ts';
import { bootK8sSliced } from './k8s.ts';

/** Everything etcd holds, and at which revision: two clusters that agree on this are the same cluster. */
function state(c: Cluster) {
  const store = c.etcd.storeOf(c.etcd.leader()!)!;
  return { revision: store.revision, kvs: JSON.stringify(store.range('/registry/', { prefix: true })), now: c.world.clock.now() };
}

describe('a page boots the cluster in slices', () => {
  it('joins each node in a slice of its own, then ends exactly as the one-piece boot does', async () => {
    const world = new World({ seed: 5 });
    const nodesAtEachSlice: number[] = [];
    const between = async () => {
      nodesAtEachSlice.push(world.peek<Cluster>('k8s.cluster')?.nodes.size ?? -1);
    };
    // Without a budget each slice does one step of the boot (and then one virtual second of the settle).
    await bootK8sSliced(world, between);
    const cluster = world.peek<Cluster>('k8s.cluster')!;
    // The browser gets the thread back before each node joins: 0 nodes, then 1, then 2 (3 after the last).
    expect(nodesAtEachSlice.slice(0, 3)).toEqual([0, 1, 2]);
    expect(nodesAtEachSlice.length).toBeGreaterThan(cluster.nodes.size + 2);

    const eager = getCluster(new World({ seed: 5 }));
    expect(state(cluster)).toEqual(state(eager));
  });

  it.each([
    ['stops after every timer', () => () => true],
    [
      'stops after every third timer',
      () => {
        let n = 0;
        return () => ++n % 3 === 0;
      },
    ],
  ] as const)('ends as the one-piece boot does however the budget slices it (%s)', async (_why, budget) => {
    const world = new World({ seed: 5 });
    await bootK8sSliced(world, async () => {}, budget);
    expect(state(world.peek<Cluster>('k8s.cluster')!)).toEqual(state(getCluster(new World({ seed: 5 }))));
  });

  it('a second caller waits for the same boot instead of finding half a cluster', async () => {
    const world = new World({ seed: 2 });
    const tick = () => new Promise<void>((r) => setTimeout(r, 0));
    const first = bootK8sSliced(world, tick);
    await tick();
    const second = bootK8sSliced(world, tick);
    await second;
    const c = world.peek<Cluster>('k8s.cluster')!;
    expect(c.nodes.size).toBe(3);
    expect(state(c)).toEqual(state(getCluster(new World({ seed: 2 }))));
    await first;
  });
});
