import { BOOT_SETTLE_MS, Cluster, DEFAULT_NODES, getCluster } from '../../sim/k8s/cluster.ts';
import type { World } from '../../sim/world.ts';

/**
 * The Kubernetes simulator's cluster: one chunk, loaded by Kubernetes pages
 * (which boot it) or with the first `kubectl`. Its commands are the
 * "kubectl" pack (kubectl.ts), which a page fetches once the terminal is up.
 */

/** Starts the cluster in world, so etcd already holds it when the lesson opens. */
export function bootK8s(world: World): void {
  getCluster(world);
}

/**
 * The same boot as getCluster(), in slices with `between` awaited before
 * each, so a page can yield to the browser instead of one long task: the
 * boot's zero-delay work, then the settle, each slice stopping when
 * budget()'s stop says so (without a budget: one virtual second per slice).
 * The clock fires the same timers at the same instants however advance()
 * is split, so the cluster ends the same.
 */
export async function bootK8sSliced(world: World, between: () => Promise<void>, budget?: () => () => boolean): Promise<void> {
  if (world.peek('k8s.cluster')) return;
  world.engine('k8s.cluster', (w) => new Cluster(w, DEFAULT_NODES, { flush: false }));
  const clock = world.clock;
  do await between();
  while (!clock.flush(budget?.()));
  const end = clock.now() + BOOT_SETTLE_MS;
  while (clock.now() < end) {
    await between();
    const left = end - clock.now();
    clock.advance(budget ? left : Math.min(1000, left), budget?.());
  }
}
