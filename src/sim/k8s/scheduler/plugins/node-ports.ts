/**
 * NodePorts: two pods cannot hold the same hostPort and protocol on a node
 * when their host IPs overlap (0.0.0.0 overlaps every IP).
 */
import type { Pod } from '../../api/types.ts';
import { podHostPorts, SKIP, SUCCESS, unschedulable, type CycleState, type FilterPlugin, type HostPort, type NodeInfo, type PreFilterPlugin, type Status } from '../framework.ts';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const ANY_IP = '0.0.0.0';

export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === ANY_IP || b.ip === ANY_IP);
}

const STATE_KEY = 'PreFilter' + NAME;

export const nodePorts: PreFilterPlugin & FilterPlugin = {
  name: NAME,
  preFilter(state: CycleState, pod: Pod): Status {
    const ports = podHostPorts(pod);
    // No host ports: nothing to clash, so Filter is skipped (upstream since v1.28).
    if (ports.length === 0) return SKIP;
    state.write(STATE_KEY, ports);
    return SUCCESS;
  },
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const wanted = state.read<HostPort[]>(STATE_KEY) ?? podHostPorts(pod);
    const clash = wanted.some((w) => nodeInfo.usedPorts.some((u) => portsConflict(w, u)));
    return clash ? unschedulable(ERR_REASON) : SUCCESS;
  },
};
