/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods
 * that tolerate the node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import type { Pod, Taint } from '../../api/types.ts';
import { SUCCESS, unresolvable, type CycleState, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';
import { toleratedBy } from './taint-toleration.ts';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulable: FilterPlugin = {
  name: NAME,
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    if (!nodeInfo.unschedulable || toleratedBy(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return SUCCESS;
    return unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};
