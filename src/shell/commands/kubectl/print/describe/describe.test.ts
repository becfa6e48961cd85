import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../../../testing/golden.ts';
import * as fx from '../testdata/fixtures.ts';
import { describeDeployment, describeNode, describePod, describeReplicaSet, describeService } from './describe.ts';

const golden = (name: string) => join(import.meta.dirname, '..', 'testdata', name);

describe('kubectl describe (golden)', () => {
  it('pod in CrashLoopBackOff with repeated events', () => expectGolden(golden('describe-pod-crashloop.txt'), describePod(fx.crashLoopPod, fx.crashLoopEvents, fx.NOW)));
  it('running pod without events', () => expectGolden(golden('describe-pod-running.txt'), describePod(fx.runningPod, [], fx.NOW)));
  it('terminating pod with an init container', () => {
    const p = structuredClone(fx.initPod);
    p.metadata.deletionTimestamp = fx.ago(-20);
    p.metadata.deletionGracePeriodSeconds = 30;
    expectGolden(golden('describe-pod-terminating-init.txt'), describePod(p, [], fx.NOW));
  });
  it('node with pods and allocated resources', () =>
    expectGolden(
      golden('describe-node.txt'),
      describeNode({ node: fx.worker2, pods: [fx.runningPod2, fx.crashLoopPod], events: fx.nodeEvents, lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'worker-2', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'worker-2', leaseDurationSeconds: 40, renewTime: fx.ago(4) } } }, fx.NOW),
    ));
  it('deployment', () => expectGolden(golden('describe-deployment.txt'), describeDeployment({ deployment: fx.webDeployment, newReplicaSet: fx.webReplicaSet, oldReplicaSets: [], events: [fx.event('web.1', { kind: 'Deployment', name: 'web' }, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-7d4b9c8f6d from 0 to 3', 'deployment-controller', 300, 300)] }, fx.NOW)));
  it('replicaset', () => expectGolden(golden('describe-replicaset.txt'), describeReplicaSet(fx.webReplicaSet, [fx.runningPod, fx.runningPod2, fx.pendingPod], [], fx.NOW)));
  it('service', () => expectGolden(golden('describe-service.txt'), describeService(fx.webSvc, [fx.webSlice], [], fx.NOW)));
});

describe('describe details a user relies on', () => {
  it('joins "Events:  <none>" to the block above it', () => {
    const lines = describePod(fx.runningPod, [], fx.NOW).trimEnd().split('\n');
    const tolerations = lines.find((l) => l.startsWith('Tolerations:'))!;
    expect(lines.at(-1)).toBe('Events:'.padEnd(tolerations.indexOf('node.'), ' ') + '<none>');
  });
  it('hides the Events block when events are not shown', () => {
    expect(describePod(fx.runningPod, undefined, fx.NOW)).not.toContain('Events:');
  });
  it('shows a repeated event as "last (xN over first)"', () => {
    expect(describePod(fx.crashLoopPod, fx.crashLoopEvents, fx.NOW)).toContain('  Warning  BackOff    5s (x27 over 6m40s)  kubelet            Back-off restarting failed container nginx');
  });
});
