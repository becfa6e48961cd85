import type { World } from '../../world.ts';
import { createEtcdClient, getEtcdCluster } from '../etcd/index.ts';
import { ApiServer } from './apiserver.ts';

/** The world's one API server, on the world's etcd cluster. */
export function getApiServer(world: World): ApiServer {
  return world.engine('k8s.apiserver', (w) => new ApiServer(w, createEtcdClient(getEtcdCluster(w))));
}

export { ApiServer } from './apiserver.ts';
export type { PodExecOptions, PodLogOptions } from './proxy.ts';
export type { ApiClient, ApiServerOptions, ApiWatchEvent, DeleteOptions, ListOptions, ObjectList, Scale, WatchHandle, WatchOptions, WriteOptions } from './apiserver.ts';
// decodeManifests (YAML in, objects out) is client-side work, imported from './decode.ts' by kubectl and the editor: kept out of this barrel so the cluster's chunk does not carry the YAML parser.
export { kubectlMessage, type ApiError, type ApiResult, type StatusCause } from './status.ts';
export type { TraceEntry, EtcdOpTrace } from './trace.ts';
export { isActivity } from './trace.ts';
export { KINDS, kindFor, resolveResource } from './registry.ts';
export type { KindDef } from './kinds/types.ts';
export { schemaAt, type FieldSchema } from './schema.ts';
// Discovery: what kubectl learns from /api and /apis (group of an apiVersion, the kinds served without a controller).
export { groupOf } from './kinds/types.ts';
export { PASSIVE_KINDS } from './kinds/passive.ts';
