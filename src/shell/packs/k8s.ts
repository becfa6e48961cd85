import { BOOT_SETTLE_MS, Cluster, getCluster } from '../../sim/k8s/cluster.ts';
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
 * The same boot as getCluster(), with the settle advanced one virtual second
 * at a time and `between` awaited before each, so a page can yield to the
 * browser instead of one long task. The clock fires the same timers at the
 * same instants however advance() is split, so the cluster ends the same.
 */
export async function bootK8sSliced(world: World, between: () => Promise<void>): Promise<void> {
  if (world.peek('k8s.cluster')) return;
  world.engine('k8s.cluster', (w) => new Cluster(w));
  for (let t = 0; t < BOOT_SETTLE_MS; t += 1000) {
    await between();
    world.clock.advance(Math.min(1000, BOOT_SETTLE_MS - t));
  }
}
