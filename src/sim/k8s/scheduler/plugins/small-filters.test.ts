import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../api/types.ts';
import { CycleState, newNodeInfo } from '../framework.ts';
import { boundTo, makeNode, makePod } from '../testing.ts';
import { nodeName } from './node-name.ts';
import { nodePorts, portsConflict } from './node-ports.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';

describe('NodeUnschedulable', () => {
  const table: [string, boolean, Toleration[], string | null][] = [
    ['schedulable node', false, [], null],
    ['cordoned node', true, [], 'node(s) were unschedulable'],
    ['cordoned node, pod tolerates the unschedulable taint', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], null],
    ['cordoned node, wildcard toleration', true, [{ operator: 'Exists' }], null],
  ];
  it.each(table)('%s', (_n, cordoned, tolerations, reason) => {
    const s = nodeUnschedulable.filter(new CycleState(), makePod('p', { tolerations }), newNodeInfo(makeNode('n', { unschedulable: cordoned })));
    expect(s).toEqual(reason ? { code: 'UnschedulableAndUnresolvable', reasons: [reason] } : expect.objectContaining({ code: 'Success' }));
  });
});

describe('NodeName', () => {
  const table: [string, string | undefined, string, boolean][] = [
    ['no nodeName', undefined, 'kind-worker', true],
    ['same node', 'kind-worker', 'kind-worker', true],
    ['other node', 'kind-worker2', 'kind-worker', false],
  ];
  it.each(table)('%s', (_n, want, node, fits) => {
    const s = nodeName.filter(new CycleState(), makePod('p', want ? { nodeName: want } : {}), newNodeInfo(makeNode(node)));
    expect(s).toEqual(fits ? expect.objectContaining({ code: 'Success' }) : { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] });
  });
});

describe('NodePorts', () => {
  const table: [string, [string, string, number], [string, string, number], boolean][] = [
    ['same port, protocol, any IP', ['0.0.0.0', 'TCP', 80], ['0.0.0.0', 'TCP', 80], true],
    ['other port', ['0.0.0.0', 'TCP', 80], ['0.0.0.0', 'TCP', 81], false],
    ['other protocol', ['0.0.0.0', 'TCP', 53], ['0.0.0.0', 'UDP', 53], false],
    ['specific IP vs any IP', ['10.0.0.1', 'TCP', 80], ['0.0.0.0', 'TCP', 80], true],
    ['two different specific IPs', ['10.0.0.1', 'TCP', 80], ['10.0.0.2', 'TCP', 80], false],
  ];
  it.each(table)('%s', (_n, [ip1, p1, n1], [ip2, p2, n2], conflict) => {
    expect(portsConflict({ ip: ip1, protocol: p1, port: n1 }, { ip: ip2, protocol: p2, port: n2 })).toBe(conflict);
  });

  it('rejects a node whose pod already holds the hostPort', () => {
    const info = newNodeInfo(makeNode('n'), [boundTo(makePod('web-0', { hostPort: 8080 }), 'n')]);
    const run = (hostPort?: number) => {
      const state = new CycleState();
      const pod = makePod('web-1', hostPort ? { hostPort } : {});
      nodePorts.preFilter(state, pod, []);
      return nodePorts.filter(state, pod, info);
    };
    expect(run(8080)).toEqual({ code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] });
    expect(run(8081).code).toBe('Success');
    expect(run().code).toBe('Success');
  });
});
