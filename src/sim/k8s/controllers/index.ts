/**
 * kube-controller-manager for the simulated cluster. The integrator supplies a
 * ControllerClient backed by the API server and runs:
 *
 *   const cm = new ControllerManager({ client, clock: world.clock });
 *   cm.start();   // cm.stop() freezes reconciliation; start() catches up
 */
export type { ApiError, ApiResult, ControllerClient, DeleteOptions, PropagationPolicy, Resource, ResourceTypes, WatchEventType } from './client.ts';
export type { Controller, ControllerContext } from './controller.ts';
export { ControllerManager, DEFAULT_CONTROLLERS, type ControllerFactory } from './manager.ts';
export { HASH_LABEL, REVISION, RESTARTED_AT } from './deployment.ts';
export { podTemplateHash } from './hash.ts';
export { LEASE_NAMESPACE, NODE_MONITOR_GRACE_MS } from './nodelifecycle.ts';
