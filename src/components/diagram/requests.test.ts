import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../sim/k8s/apiserver/index.ts';
import { classify, RequestLog } from './requests.ts';

const e = (o: Partial<TraceEntry>): TraceEntry => ({ time: 0, component: 'kubectl', verb: 'create', resource: 'deployments', code: 201, etcd: [], ...o });

describe('request list', () => {
  it('keeps the learner requests apart from control-plane writes and folds heartbeats into a count', () => {
    expect(classify(e({}))).toBe('mine');
    expect(classify(e({ verb: 'list', resource: 'pods' }))).toBe('mine');
    expect(classify(e({ component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding' }))).toBe('activity');
    expect(classify(e({ component: 'kubelet/kind-worker', verb: 'update', resource: 'leases' }))).toBe('noise');
    expect(classify(e({ component: 'kubelet/kind-worker', verb: 'patch', resource: 'pods', subresource: 'status' }))).toBe('noise');
    expect(classify(e({ component: 'kube-controller-manager', verb: 'get', resource: 'pods' }))).toBe('noise');
    expect(classify(e({ component: 'kube-controller-manager', verb: 'watch', resource: 'pods', eventType: 'ADDED' }))).toBeUndefined();
  });

  it('pins the newest kubectl requests on top however much noise follows', () => {
    const log = new RequestLog({ mine: 2, activity: 2, noise: 3 });
    log.add(e({ name: 'a' }));
    log.add(e({ name: 'b', code: 0 }));
    for (let i = 0; i < 50; i++) log.add(e({ component: 'kubelet/kind-worker', verb: 'update', resource: 'leases', name: `l${i}` }));
    log.add(e({ component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'default', name: 'web-1', etcd: [{ op: 'txn', key: '/registry/pods/default/web-1', revision: 42 }] as TraceEntry['etcd'] }));
    expect(log.mine.map((r) => [r.target, r.failed])).toEqual([
      ['deployments b', true],
      ['deployments a', false],
    ]);
    expect(log.noiseCount).toBe(50);
    log.add(e({ verb: 'get', name: 'c', code: 404 }));
    log.add(e({ verb: 'create', name: 'd', code: 422 }));
    expect(log.mine.map((r) => [r.target, r.failed])).toEqual([
      ['deployments d', true],
      ['deployments c', false],
    ]);
    expect(log.noise).toHaveLength(3);
    expect(log.activity[0]).toMatchObject({ component: 'kube-scheduler', target: 'pods/binding default/web-1', revision: 42, failed: false });
  });
});
