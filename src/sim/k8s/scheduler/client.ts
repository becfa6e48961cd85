/**
 * What the scheduler needs from the API server, and nothing more. The
 * integrator adapts the real client to this; tests use fake-client.ts.
 * Calls are synchronous in virtual time, like the simulated API server's.
 */
import type { Result } from '../../errors.ts';
import type { Node, Pod, PodCondition } from '../api/types.ts';
import type { PodVolumes } from './plugins/volume-binding.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T> {
  type: WatchEventType;
  object: T;
}

export interface Listed<T> {
  items: T[];
  resourceVersion: string;
}

export interface Watch {
  stop(): void;
}

export interface PodStatusPatch {
  /** Merged by type into status.conditions. */
  conditions?: PodCondition[];
  /** '' clears it. */
  nominatedNodeName?: string;
}

/** A core/v1 Event's fields, as the scheduler fills them. */
export interface SchedulerEvent {
  involvedObject: { kind: 'Pod'; namespace: string; name: string; uid?: string };
  type: 'Normal' | 'Warning';
  /** "Scheduled", "FailedScheduling", "Preempted". */
  reason: string;
  /** events.k8s.io action: "Binding", "Scheduling", "Preempting". */
  action: string;
  message: string;
  source: { component: string };
}

export interface SchedulerClient {
  listPods(): Result<Listed<Pod>>;
  /** Events after resourceVersion, in order. */
  /** onError: the watch ended (410 Gone, storage unavailable); the scheduler lists and watches again. */
  watchPods(resourceVersion: string, onEvent: (e: WatchEvent<Pod>) => void, onError?: () => void): Result<Watch>;
  listNodes(): Result<Listed<Node>>;
  watchNodes(resourceVersion: string, onEvent: (e: WatchEvent<Node>) => void, onError?: () => void): Result<Watch>;
  /** POST pods/{name}/binding; the API server sets spec.nodeName and PodScheduled=True. */
  bind(namespace: string, podName: string, nodeName: string): Result<Pod>;
  /** PATCH pods/{name}/status. */
  patchPodStatus(namespace: string, podName: string, patch: PodStatusPatch): Result<Pod>;
  /** DELETE of a preemption victim. */
  deletePod(namespace: string, podName: string): Result<Pod>;
  recordEvent(event: SchedulerEvent): void;
  /** The pod's claims with their volumes and classes (kube-scheduler's PVC, PV and StorageClass informers). */
  podVolumes?(pod: Pod): PodVolumes;
  /** PreBind: the chosen node goes on a delayed claim as volume.kubernetes.io/selected-node. */
  selectNode?(namespace: string, claim: string, node: string): Result<unknown>;
  /** Whether every claim the pod uses is bound now. */
  claimsBound?(pod: Pod): boolean;
  /** Calls back on every claim, volume or class change (the events VolumeBinding registers); returns stop. */
  watchVolumes?(onChange: () => void): Watch | undefined;
}
