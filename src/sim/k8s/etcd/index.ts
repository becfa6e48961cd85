import type { World } from '../../world.ts';
import { EtcdCluster } from './cluster.ts';

/** The world's one etcd cluster: etcdctl, `sim status` and the API server all see the same members and data. */
export function getEtcdCluster(world: World): EtcdCluster {
  return world.engine('etcd', (w) => new EtcdCluster(w));
}

export { EtcdCluster, type CommitTrace, type MemberInfo, type MemberStatus, ETCD_VERSION, API_VERSION } from './cluster.ts';
export { createEtcdClient, type EtcdClientOptions } from './client.ts';
export { keyFor, prefixFor, isClusterScoped } from './keys.ts';
export { storedObjectOf } from './store.ts';
export type * from './types.ts';
