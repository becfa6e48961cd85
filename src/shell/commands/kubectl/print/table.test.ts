import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../../testing/golden.ts';
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { podStatusCells } from './pods.ts';
import { noResourcesFound, printGroups, printTable, type TableOptions } from './table.ts';
import * as fx from './testdata/fixtures.ts';

const golden = (name: string) => join(import.meta.dirname, 'testdata', name);

describe('kubectl get tables (golden)', () => {
  const cases: [string, KubeObject[], TableOptions][] = [
    ['get-pods.txt', fx.allPods, {}],
    ['get-pods-wide.txt', fx.allPods, { wide: true }],
    ['get-pods-all-namespaces-labels.txt', [fx.runningPod, fx.restartedPod, fx.completedPod], { withNamespace: true, showLabels: true }],
    ['get-pods-label-columns.txt', [fx.runningPod, fx.restartedPod], { labelColumns: ['app', 'app.kubernetes.io/version'], noHeaders: false }],
    ['get-nodes.txt', fx.allNodes, {}],
    ['get-nodes-wide.txt', fx.allNodes, { wide: true }],
    ['get-deploy.txt', [fx.apiDeployment, fx.webDeployment], {}],
    ['get-deploy-wide.txt', [fx.apiDeployment, fx.webDeployment], { wide: true }],
    ['get-rs.txt', [fx.webReplicaSet], {}],
    ['get-svc.txt', fx.allServices, {}],
    ['get-svc-wide.txt', fx.allServices, { wide: true }],
    ['get-ep.txt', [fx.webEndpoints], {}],
    ['get-endpointslices.txt', [fx.webSlice], {}],
    ['get-events.txt', fx.crashLoopEvents, {}],
    ['get-jobs.txt', [fx.migrateJob], {}],
    ['get-ns.txt', [fx.defaultNs], {}],
  ];
  it.each(cases)('%s', (file, objs, opts) => expectGolden(golden(file), printTable(objs, fx.NOW, opts)));

  it('get all: kind-prefixed groups with blank lines between them', () => {
    const out = printGroups([[fx.runningPod, fx.runningPod2, fx.terminatingPod], [fx.kubernetesSvc, fx.webSvc], [], [fx.webDeployment], [fx.webReplicaSet]], fx.NOW, { namespace: 'default' });
    expect(out.stderr).toBe('');
    expectGolden(golden('get-all.txt'), out.stdout);
  });
});

describe('what a user notices in get output', () => {
  it('prints nothing on stdout and names the namespace on stderr when empty', () => {
    expect(printGroups([[], []], fx.NOW, { namespace: 'default' })).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(noResourcesFound()).toBe('No resources found\n');
  });

  it('drops the header with --no-headers', () => {
    expect(printTable([fx.runningPod], fx.NOW, { noHeaders: true })).toBe('web-7d4b9c8f6d-x2k9p   1/1   Running   0     5m\n');
  });

  it.each([
    [fx.runningPod, '1/1', 'Running', '0'],
    [fx.restartedPod, '1/1', 'Running', '2 (35s ago)'],
    [fx.crashLoopPod, '0/1', 'CrashLoopBackOff', '5 (74s ago)'],
    [fx.completedPod, '0/1', 'Completed', '0'],
    [fx.terminatingPod, '1/1', 'Terminating', '0'],
    [fx.pendingPod, '0/1', 'Pending', '0'],
    [fx.creatingPod, '0/1', 'ContainerCreating', '0'],
    [fx.pullBackOffPod, '0/1', 'ImagePullBackOff', '0'],
    [fx.errImagePullPod, '0/1', 'ErrImagePull', '0'],
    [fx.errorPod, '0/1', 'Error', '0'],
    [fx.oomPod, '0/1', 'OOMKilled', '0'],
    [fx.initPod, '0/1', 'Init:0/1', '0'],
    [fx.nodeLostPod, '1/1', 'Unknown', '0'],
  ])('pod %#: READY %s STATUS %s RESTARTS %s', (pod, ready, status, restarts) => {
    expect(podStatusCells(pod, fx.NOW)).toEqual({ ready, status, restarts });
  });

  it('shows NodeLost for a pod of an unreachable node that is not being deleted', () => {
    const p = structuredClone(fx.nodeLostPod);
    delete p.metadata.deletionTimestamp;
    expect(podStatusCells(p, fx.NOW).status).toBe('NodeLost');
  });

  it('shows a failing init container by its reason', () => {
    const p = structuredClone(fx.initPod);
    p.status!.initContainerStatuses![0]!.state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(podStatusCells(p, fx.NOW).status).toBe('Init:CrashLoopBackOff');
    p.status!.initContainerStatuses![0]!.state = { terminated: { exitCode: 2 } };
    expect(podStatusCells(p, fx.NOW).status).toBe('Init:ExitCode:2');
  });
});
