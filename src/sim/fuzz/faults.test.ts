import { describe, expect, it } from 'vitest';
import { runFaultSequence } from './faults.ts';

describe('fault-sequence harness', () => {
  // Found by a random local run (seed -1749200449): with etcd-2 (the leader) stopped, the recovery's uncordons came in
  // the same instant as `sim start etcd-…`, got "etcdserver: no leader", and left both workers cordoned.
  it('recovers a cordoned and a drained node after the etcd leader was stopped', () => {
    expect(runFaultSequence(['kubectl cordon kind-worker', 'kubectl drain kind-worker2 --ignore-daemonsets --force', 'sim stop etcd-2', 'kubectl delete pods -l app=web --wait=false'])).toEqual([]);
  });
});
