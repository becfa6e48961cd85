/** NodeName: a pod that names a node in spec.nodeName fits only there. */
import type { Pod } from '../../api/types.ts';
import { SUCCESS, unresolvable, type CycleState, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: NAME,
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return !pod.spec.nodeName || pod.spec.nodeName === nodeInfo.name ? SUCCESS : unresolvable(ERR_REASON);
  },
};
