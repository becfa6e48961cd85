import { getCluster } from '../../sim/k8s/cluster.ts';
import type { World } from '../../sim/world.ts';
import { etcdctl } from '../commands/etcdctl.ts';
import { kubectl } from '../commands/kubectl/kubectl.ts';
import { sim } from '../commands/sim/index.ts';
import type { Command } from '../types.ts';

/** The Kubernetes simulator's commands: one chunk, loaded by Kubernetes pages or the first `kubectl`. */
export function k8sCommands(): Command[] {
  return [etcdctl, kubectl, sim];
}

/** Starts the cluster in world, so etcd already holds it when the lesson opens. */
export function bootK8s(world: World): void {
  getCluster(world);
}
