import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';
import { expectGolden } from '../../../testing/golden.ts';
import { isChatter } from './trace.ts';

const session = () => createSession({ seed: 1, lang: 'en', tty: { color: false, columns: 100 } });
const run = (script: string[]) => transcript(session(), script, {});

describe('sim', () => {
  it('status lists every component and marks the etcd leader (golden)', () => {
    expectGolden(join(import.meta.dirname, 'testdata', 'status.golden'), run(['sim status']));
  });

  it('stop and start components by name; unknown names are refused', () => {
    const out = run(['sim stop scheduler', 'sim status', 'sim start scheduler', 'sim stop nope', 'sim stop etcd-9']);
    expect(out).toMatch(/^scheduler stopped$/m);
    expect(out).toMatch(/^kube-scheduler +kind-control-plane +Stopped$/m);
    expect(out).toMatch(/^scheduler started$/m);
    expect(out).toContain('sim stop: unknown component "nope"');
    expect(out).toContain('sim stop: no etcd member "etcd-9" (members: etcd-0, etcd-1, etcd-2)');
  });

  it('with two etcd members down the status says quorum is lost', () => {
    expect(run(['sim stop etcd-0', 'sim stop etcd-1', 'sleep 5s', 'sim status'])).toContain('etcd has no leader: quorum is lost, so writes fail.');
  });

  it('node fail stops the kubelet; the node turns NotReady after the grace period', () => {
    const out = run(['sim node fail kind-worker', 'sleep 1m', 'kubectl get nodes', 'sim node recover kind-worker', 'sleep 20s', 'kubectl get nodes']);
    expect(out).toMatch(/^kind-worker +NotReady /m);
    expect(out.split('sim node recover')[0]).not.toMatch(/^kind-worker2 +NotReady/m);
    expect(out.slice(out.lastIndexOf('NAME'))).toMatch(/^kind-worker +Ready /m);
  });

  it('node add joins a worker with the next pod CIDR; bad names are refused', () => {
    const out = run(['sim node add kind-worker3', 'sleep 10s', 'kubectl get nodes', 'sim node add kind-worker3', 'sim node add Bad_Name']);
    expect(out).toContain('node kind-worker3 joined (pod CIDR 10.244.3.0/24)');
    expect(out).toMatch(/^kind-worker3 +Ready /m);
    expect(out).toContain('sim node add: node "kind-worker3" already exists');
    expect(out).toContain('sim node add: "Bad_Name" is not a valid node name');
  });

  it('crash restarts the container in place: same pod, RESTARTS 1', () => {
    const out = run(['kubectl run solo --image=nginx:1.27', 'sleep 20s', 'sim crash solo', 'sleep 5s', 'kubectl get pod solo', 'sim crash nope', 'sim crash -l app=none']);
    expect(out).toContain('solo/solo: the process exited with code 1');
    expect(out).toMatch(/^solo +1\/1 +Running +1 \(5s ago\)/m);
    expect(out).toContain('sim crash: pod "nope" not found in namespace "default"');
    expect(out).toContain('sim crash: no running pod matches "app=none" in namespace "default"');
  });

  it.each([
    ['Never, code 0: the pod Succeeded', 'Never', '0', /^once +0\/1 +Completed +0 /m, 'the process exited with code 0'],
    ['Never, code 2: the pod Failed', 'Never', '2', /^once +0\/1 +Error +0 /m, 'the process exited with code 2'],
    ['Always, code 0: restarted in place', 'Always', '0', /^once +1\/1 +Running +1 \(5s ago\)/m, 'the process exited with code 0'],
    ['out of range code is refused', 'Never', '256', /^once +1\/1 +Running +0 /m, 'sim crash: --exit-code must be between 0 and 255'],
  ])('crash --exit-code: %s', (_name, policy, code, row, said) => {
    const out = run([`kubectl run once --image=nginx:1.27 --restart=${policy}`, 'sleep 20s', `sim crash once --exit-code ${code}`, 'sleep 5s', 'kubectl get pod once']);
    expect(out).toContain(said);
    expect(out).toMatch(row);
  });

  it('why explains a placement; trace shows who wrote what to etcd', () => {
    const out = run(['kubectl run solo --image=nginx:1.27', 'sleep 5s', 'sim why solo', 'sim trace 3']);
    expect(out).toMatch(/kind-worker2?/);
    expect(out).toMatch(/kube-scheduler → create pods\/binding default\/solo \(201\)\n {10}etcd: txn \/registry\/pods\/default\/solo @\d+/);
  });

  it('trace still shows the learner\'s requests after sleep 30m of background chatter (issue 14)', () => {
    const out = run(['kubectl run solo --image=nginx:1.27', 'sleep 5s', 'sleep 30m', 'sim trace 4']);
    expect(out).not.toContain('No API requests yet.');
    expect(out).toMatch(/kubectl → create pods default\/solo \(201\)/);
    // 30 virtual minutes of a 3-node cluster: ~1.5 CPU-s, more wall time on shared cores.
  }, 30_000);

  it('trace hides heartbeats and reads unless asked for all', () => {
    const base = { time: 0, code: 200, etcd: [] };
    expect(isChatter({ ...base, component: 'kubelet/kind-worker', verb: 'update', resource: 'leases' })).toBe(true);
    expect(isChatter({ ...base, component: 'kubectl', verb: 'list', resource: 'pods' })).toBe(true);
    expect(isChatter({ ...base, component: 'kubectl', verb: 'create', resource: 'pods' })).toBe(false);
  });

  it('without arguments it prints usage and fails', () => {
    expect(run(['sim'])).toContain('Usage:\n  sim status');
  });
});

describe('sim speaks the page language', () => {
  const ko = () => createSession({ seed: 1, lang: 'ko', tty: { color: false, columns: 100 } });
  it('help and messages are Korean in a Korean session, English in an English one', () => {
    const out = transcript(ko(), ['sim help', 'sim stop scheduler', 'sim node fail kind-worker', 'sim stop nope'], {});
    expect(out).toContain('사용법:');
    expect(out).toContain('scheduler 멈춤');
    expect(out).toContain('약 50초 뒤 NotReady가 돼요');
    expect(out).toContain('알 수 없는 구성 요소 "nope"');
    expect(out).not.toMatch(/Usage:|stopped\n/);
    expect(run(['sim help'])).toContain('Usage:');
  });

  it('why takes a name prefix and explains the first matching pod', () => {
    const out = run(['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'sleep 10s', 'sim why web']);
    expect(out).toMatch(/default\/web-[a-z0-9]+-[a-z0-9]+/);
    expect(run(['sim why nothing-here'])).toContain('no decision recorded for pod default/nothing-here');
  });
});
