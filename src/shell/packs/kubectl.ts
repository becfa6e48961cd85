import { etcdctl } from '../commands/etcdctl.ts';
import { kubectl } from '../commands/kubectl/kubectl.ts';
import { sim } from '../commands/sim/index.ts';
import type { Command } from '../types.ts';

/** The Kubernetes simulator's commands: their own chunk, apart from the cluster (k8s.ts), fetched once a page's terminal is up or with the first `kubectl`. */
export function k8sCommands(): Command[] {
  return [etcdctl, kubectl, sim];
}
