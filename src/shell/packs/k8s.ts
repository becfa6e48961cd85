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
export function bootK8sSliced(world: World, between: () => Promise<void>, budget?: () => () => boolean): Promise<void> {
  // A second caller (kubectl's stub and a completion, say) waits for the same boot rather than finding half a cluster.
  let boot = booting.get(world);
  if (!boot) {
    if (world.peek('k8s.cluster')) return Promise.resolve();
    boot = slicedBoot(world, between, budget);
    booting.set(world, boot);
  }
  return boot;
}

const booting = new WeakMap<World, Promise<void>>();

async function slicedBoot(world: World, between: () => Promise<void>, budget?: () => () => boolean): Promise<void> {
  const cluster = world.engine('k8s.cluster', (w) => new Cluster(w, DEFAULT_NODES, { flush: false, steps: true }));
  // Joining the nodes and starting the controllers: as many steps per slice as the budget allows (one without a budget).
  let more = true;
  while (more) {
    await between();
    const stop = budget?.();
    do more = cluster.bootStep();
    while (more && stop && !stop());
  }
  const clock = world.clock;
  do await between();
  while (!clock.flush(budget?.()));
  const end = clock.now() + BOOT_SETTLE_MS;
  // Done when an advance reaches the end with everything due there fired: a slice that stops on a timer AT the end
  // leaves that instant's other timers (lease renewals) due, and `now < end` alone would stop before them.
  for (let done = false; !done; ) {
    await between();
    const left = end - clock.now();
    done = budget ? clock.advance(left, budget()) : clock.advance(Math.min(1000, left)) && clock.now() >= end;
  }
}
