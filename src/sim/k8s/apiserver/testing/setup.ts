import { World } from '../../../world.ts';
import type { Pod } from '../../api/types.ts';
import { createEtcdClient, getEtcdCluster } from '../../etcd/index.ts';
import type { EtcdClient } from '../../etcd/types.ts';
import { ApiServer } from '../apiserver.ts';

/** A world, its etcd cluster and an API server, plus a kubectl-identified client. */
export function setup(seed = 1, wrap: (e: EtcdClient) => EtcdClient = (e) => e) {
  const world = new World({ seed });
  const cluster = getEtcdCluster(world);
  const etcd = createEtcdClient(cluster);
  const api = new ApiServer(world, wrap(etcd));
  return { world, cluster, etcd, api, kubectl: api.as('kubectl') };
}

export function pod(name: string, extra: Partial<Pod['spec']> = {}, labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: labels ? { name, labels } : { name },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra },
  };
}
