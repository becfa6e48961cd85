/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): a pod's
 * PersistentVolumeClaims must exist; claims of an Immediate class (or none)
 * must already be bound (PreFilter), and a bound volume's node affinity must
 * admit the node (Filter). Claims of a WaitForFirstConsumer class are bound
 * after the node is chosen: the scheduler annotates them with the node and
 * waits for their volumes before binding the pod (see scheduler.ts).
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/types.ts';
import { SKIP, SUCCESS, unresolvable, type CycleState, type FilterPlugin, type NodeInfo, type PreFilterPlugin, type Status } from '../framework.ts';
import { termMatches } from './node-affinity.ts';

export const NAME = 'VolumeBinding';
export const VOLUMES_KEY = 'volumeBinding';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';

/** What the scheduler read about the pod's claims before the cycle (its informers' view). */
export interface PodVolumes {
  /** `persistentvolumeclaim "x" not found` / `... is being deleted`. */
  error?: string;
  bound: PersistentVolume[];
  /** Unbound claims of an Immediate class, or of a class that does not exist (IsDelayBindingMode says false). */
  unboundImmediate: PersistentVolumeClaim[];
  /** Unbound claims of a WaitForFirstConsumer class: bound once the node is chosen. */
  delayed: PersistentVolumeClaim[];
}

export const podClaimNames = (pod: Pod): string[] => (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));

export const volumeBinding: PreFilterPlugin & FilterPlugin = {
  name: NAME,
  preFilter(state: CycleState, pod: Pod): Status {
    const v = state.read<PodVolumes>(VOLUMES_KEY);
    if (!v || podClaimNames(pod).length === 0) return SKIP;
    if (v.error) return unresolvable(v.error);
    if (v.unboundImmediate.length) return unresolvable(ERR_UNBOUND_IMMEDIATE);
    return SUCCESS;
  },
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const v = state.read<PodVolumes>(VOLUMES_KEY);
    if (!v) return SUCCESS;
    for (const pv of v.bound) {
      const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms?.length && !terms.some((t) => termMatches(t, nodeInfo.node))) return unresolvable(ERR_NODE_CONFLICT);
    }
    return SUCCESS;
  },
};
