/**
 * kubectl details a learner notices (issue 12), one test per defect, named
 * after what the real tool does; the upstream source each was checked
 * against is cited in the test.
 */
import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

const CRASH = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: c
    image: busybox:1.37
    command: ["sh", "-c", "exit 1"]
`;

describe('kubectl behaves as the real one', () => {
  // kubectl/pkg/describe/describe.go DescribeEvents prints `<last> (x<count> over <first>)` for an event with
  // count > 1; client-go's EventCorrelator (tools/record/events_cache.go) makes the kubelet's repeats one Event.
  it('describe folds a repeated event into one line, (xN over T)', () => {
    const sh = session({ 'crash.yaml': CRASH });
    run(sh, 'kubectl apply -f crash.yaml', 'sleep 3m');
    const d = out(sh, 'kubectl describe pod crash').split('Events:')[1]!;
    const started = d.split('\n').filter((l) => /\bStarted\b/.test(l));
    expect(started).toHaveLength(1);
    expect(started[0]).toMatch(/Normal +Started +\S+ \(x\d+ over \S+\) +kubelet +Started container c/);
    expect(d).toMatch(/Warning +BackOff +\S+ \(x\d+ over \S+\) +kubelet +Back-off restarting failed container c in pod crash_default/);
  });

  // kubectl get events lists in the order the API returns (by name), which is why users sort
  // (kubernetes/kubernetes#29838); --sort-by=.lastTimestamp gives the timeline.
  it('get events lists by name as the API returns them; --sort-by=.lastTimestamp orders by time', () => {
    const sh = webSession();
    const names = out(sh, 'kubectl get events -o name').trimEnd().split('\n');
    expect(names).toEqual([...names].sort());
    const times = out(sh, "kubectl get events --sort-by=.lastTimestamp -o jsonpath='{range .items[*]}{.lastTimestamp}{\"\\n\"}{end}'").trimEnd().split('\n');
    expect(times).toEqual([...times].sort());
  });

  // kube-apiserver --event-ttl defaults to 1h: events are stored with an etcd lease renewed on each write.
  it('events expire an hour after their last write', () => {
    const sh = webSession();
    const scaled = 'kubectl get events --field-selector reason=ScalingReplicaSet -o name';
    expect(out(sh, scaled)).toMatch(/^event\/web\./);
    run(sh, 'sleep 59m');
    expect(out(sh, scaled)).toMatch(/^event\/web\./);
    run(sh, 'sleep 2m');
    expect(out(sh, scaled)).toBe('');
  });

  // kube-apiserver's lease manager: one etcd lease for the events of a minute, granted for 1 h + 60 s.
  it('events are attached to an etcd lease the API server reuses, and go with it', () => {
    const sh = webSession();
    const list = out(sh, 'etcdctl lease list');
    expect(list).toMatch(/^found 1 leases\n[0-9a-f]{16}\n$/);
    const id = list.split('\n')[1]!;
    const ttl = out(sh, `etcdctl lease timetolive ${id} --keys`);
    expect(ttl).toMatch(new RegExp(`^lease ${id} granted with TTL\\(3660s\\), remaining\\(\\d+s\\), attached keys\\(\\[/registry/events/default/`));
    const events = out(sh, 'kubectl get events -A --no-headers').trim().split('\n').length;
    expect(ttl.match(/\/registry\/events\//g)?.length).toBe(events);
    const rev = (s: string) => Number(/"revision":(\d+)/.exec(s)![1]);
    const before = rev(out(sh, 'etcdctl get /registry/events/ --prefix --keys-only -w json'));
    run(sh, 'sleep 31m', 'sleep 31m');
    // Gone with the lease (other events may have been written since, on a lease of their own).
    const now = out(sh, 'etcdctl get /registry/events/ --prefix --keys-only');
    const gone = ttl.match(/\/registry\/events\/[^\s\]]+/g)!;
    expect(gone).toHaveLength(events);
    for (const k of gone) expect(now).not.toContain(k);
    expect(out(sh, `etcdctl lease timetolive ${id}`)).toBe(`lease ${id} already expired\n`);
    expect(rev(out(sh, 'etcdctl get /registry/events/ --prefix --keys-only -w json'))).toBeGreaterThan(before);
  });

  // kube-controller-manager's serviceaccount controller (pkg/controller/serviceaccount) and root-ca-cert-publisher
  // (pkg/controller/certificates/rootcacertpublisher) give every namespace these two, as on a fresh kind cluster.
  it('a fresh cluster has the default ServiceAccount and the kube-root-ca.crt ConfigMap in each namespace, and a new namespace gets them', () => {
    const sh = session();
    expect(out(sh, 'kubectl get sa')).toMatch(/^NAME {6}SECRETS {3}AGE\ndefault {3}0 {9}\d+s\n$/);
    const cms = out(sh, 'kubectl get cm -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name --no-headers');
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) expect(cms).toMatch(new RegExp(`^${ns} +kube-root-ca\\.crt$`, 'm'));
    expect(out(sh, "kubectl get cm kube-root-ca.crt -o jsonpath='{.data.ca\\.crt}'")).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    run(sh, 'kubectl create namespace team-a', 'sleep 2s');
    expect(out(sh, 'kubectl get sa,cm -n team-a -o name')).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
    // Deleted, it comes back.
    run(sh, 'kubectl delete sa default -n team-a', 'sleep 2s');
    expect(out(sh, 'kubectl get sa -n team-a -o name')).toBe('serviceaccount/default\n');
  });

  // k8s.io/kubectl/pkg/cmd/taint/utils.go parseTaint: the key must be a qualified name (validation.IsQualifiedName).
  it('taint with an empty key (:NoSchedule) is rejected as an invalid taint spec', () => {
    const sh = session();
    expect(out(sh, 'kubectl taint node kind-worker :NoSchedule')).toBe(
      "error: invalid taint spec: :NoSchedule, name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n",
    );
    expect(out(sh, 'kubectl taint node kind-worker dedicated=gpu:Sometimes')).toBe('error: invalid taint effect: Sometimes, unsupported taint effect\n');
    // One part: the whole `dedicated=gpu` is the key, which is not a qualified name.
    expect(out(sh, 'kubectl taint node kind-worker dedicated=gpu')).toMatch(/^error: invalid taint spec: dedicated=gpu, name part must consist of alphanumeric characters/);
    expect(out(sh, 'kubectl taint node kind-worker dedicated=gpu:NoSchedule')).toBe('node/kind-worker tainted\n');
  });

  // Kubernetes 1.33 deprecates v1 Endpoints; the API server sends a warning header that kubectl prints
  // (KEP-4974; the text as reported in e.g. prometheus-community/helm-charts#6374).
  it('get ep prints the v1 Endpoints deprecation warning', () => {
    const sh = webSession();
    const t = out(sh, 'kubectl get ep web');
    expect(t.startsWith('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n')).toBe(true);
    expect(t).toMatch(/\nNAME +ENDPOINTS +AGE\nweb +/);
    expect(out(sh, 'kubectl get endpointslices')).not.toContain('Warning');
  });

  // kubectl get.go prints "No resources found" only when len(infos) == 0 and no error happened.
  it('an error is not followed by "No resources found"', () => {
    const sh = session();
    const bad = out(sh, "kubectl get pods -l 'app in'");
    expect(bad).toMatch(/^Error from server \(BadRequest\)|^error: /);
    expect(bad).not.toContain('No resources found');
    run(sh, 'sim stop apiserver');
    expect(out(sh, 'kubectl get pods')).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n');
    expect(out(sh, 'kubectl describe pods')).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n');
  });

  // A real command the simulator lacks is not "unknown": the kubectl command list
  // (kubectl/pkg/cmd/cmd.go NewKubectlCommand) is known and answered "not simulated here".
  it('a real kubectl command the simulator lacks says "not simulated here"', () => {
    const sh = session();
    expect(out(sh, 'kubectl cp web:/etc/hosts hosts')).toMatch(/not simulated here/);
    expect(out(sh, 'kubectl proxy')).toMatch(/not simulated here/);
    expect(out(sh, 'kubectl frobnicate')).toMatch(/^error: unknown command "frobnicate" for "kubectl"/);
  });
});
