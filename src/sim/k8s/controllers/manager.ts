import type { Controller, ControllerContext } from './controller.ts';
import { DaemonSetController } from './daemonset.ts';
import { DeploymentController } from './deployment.ts';
import { EndpointsController } from './endpoints.ts';
import { EndpointSliceController } from './endpointslice.ts';
import { SharedInformers } from './informer.ts';
import { GarbageCollector } from './garbagecollector.ts';
import { JobController } from './job.ts';
import { NamespaceController } from './namespace.ts';
import { NodeLifecycleController } from './nodelifecycle.ts';
import { ReplicaSetController } from './replicaset.ts';
import { RootCACertPublisher, ServiceAccountsController } from './serviceaccount.ts';
import { StatefulSetController } from './statefulset.ts';
import { CronJobController } from './cronjob.ts';
import { HorizontalPodAutoscalerController } from './podautoscaler.ts';
import { PersistentVolumeController, PVCProtectionController, PVProtectionController } from './persistentvolume.ts';
import { TaintEvictionController } from './taint-eviction.ts';

export type ControllerFactory = (ctx: ControllerContext) => Controller;

/** The controllers kube-controller-manager runs here, in start order. */
export const DEFAULT_CONTROLLERS: readonly ControllerFactory[] = [
  (ctx) => new ReplicaSetController(ctx),
  (ctx) => new DeploymentController(ctx),
  (ctx) => new NodeLifecycleController(ctx),
  (ctx) => new TaintEvictionController(ctx),
  (ctx) => new DaemonSetController(ctx),
  (ctx) => new StatefulSetController(ctx),
  (ctx) => new PersistentVolumeController(ctx),
  (ctx) => new PVCProtectionController(ctx),
  (ctx) => new PVProtectionController(ctx),
  (ctx) => new JobController(ctx),
  (ctx) => new CronJobController(ctx),
  (ctx) => new HorizontalPodAutoscalerController(ctx),
  (ctx) => new EndpointSliceController(ctx),
  (ctx) => new EndpointsController(ctx),
  (ctx) => new NamespaceController(ctx),
  (ctx) => new ServiceAccountsController(ctx),
  (ctx) => new RootCACertPublisher(ctx),
  (ctx) => new GarbageCollector(ctx),
];

/**
 * kube-controller-manager: starts and stops every controller together. While
 * stopped nothing reconciles (a deleted pod stays gone); start() lists the
 * world again and the controllers catch up.
 */
export class ControllerManager {
  readonly controllers: readonly Controller[];
  #running = false;

  constructor(ctx: ControllerContext, factories: readonly ControllerFactory[] = DEFAULT_CONTROLLERS) {
    const shared = { ...ctx, informers: ctx.informers ?? new SharedInformers(ctx.client, ctx.clock) };
    this.controllers = factories.map((f) => f(shared));
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const c of this.controllers) c.stop();
  }

  get<T extends Controller>(name: string): T | undefined {
    return this.controllers.find((c) => c.name === name) as T | undefined;
  }
}
