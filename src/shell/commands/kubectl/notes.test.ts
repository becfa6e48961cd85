/** One test per sentence of the notes' worker-node and pod sections, through kubectl transcripts. */
import { describe, expect, it } from 'vitest';
import { out, podNames, run, session, webSession } from './cmd/testing.ts';

const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
  - name: sidecar
    image: curlimages/curl:8.11.1
    command: ["sleep", "3600"]
`;

/** Rows of `get pods -o wide` as {name, status, restarts, ip, node}. */
function widePods(sh: ReturnType<typeof session>) {
  return out(sh, 'kubectl get pods -o wide --no-headers')
    .trim()
    .split('\n')
    // RESTARTS may read `1 (5s ago)`.
    .map((l) => /^(\S+)\s+\S+\s+(\S+)\s+(\d+(?: \([^)]*\))?)\s+\S+\s+(\S+)\s+(\S+)/.exec(l)!)
    .map(([, name, status, restarts, ip, node]) => ({ name: name!, status: status!, restarts: restarts!, ip: ip!, node: node! }));
}

describe('worker nodes', () => {
  it('a node is a machine that runs containers', () => {
    const text = out(session(), 'kubectl get nodes -o wide');
    for (const n of ['kind-control-plane', 'kind-worker', 'kind-worker2']) expect(text).toMatch(new RegExp(`^${n}\\s+Ready.*containerd://`, 'm'));
  });

  it('the kubelet runs and stops pods and reports their state', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27');
    expect(out(sh, 'kubectl get pod web')).toMatch(/web\s+0\/1\s+ContainerCreating/);
    run(sh, 'sleep 10s');
    expect(out(sh, 'kubectl get pod web')).toMatch(/web\s+1\/1\s+Running/);
    const events = out(sh, 'kubectl describe pod web');
    for (const reason of ['Pulling', 'Pulled', 'Created', 'Started']) expect(events).toMatch(new RegExp(`Normal\\s+${reason}\\s+\\S+\\s+kubelet`));
    // Stopping: the kubelet ends the pod and the delete returns once it is gone.
    expect(run(sh, 'kubectl delete pod web', 'kubectl get pods')).toContain('pod "web" deleted\n$ kubectl get pods\nNo resources found in default namespace.');
  });

  it("kube-proxy keeps per-node network rules so a Service's cluster IP reaches its pods", () => {
    const sh = webSession();
    const pod = podNames(sh)[0]!;
    expect(out(sh, `kubectl exec ${pod} -- curl -s http://web`)).toContain('<title>Welcome to nginx!</title>');
    const ip = out(sh, 'kubectl get svc web -o jsonpath={.spec.clusterIP}');
    expect(out(sh, 'sim iptables kind-worker')).toContain(`-d ${ip}/32`);
  });
});

describe('pods', () => {
  it('a pod is the smallest deployable unit', () => {
    const sh = session();
    expect(run(sh, 'kubectl apply -f pod.yaml')).toContain('pod/nginx created');
    run(sh, 'sleep 10s');
    expect(out(sh, 'kubectl get pods')).toMatch(/^nginx\s+1\/1\s+Running/m);
  });

  it('containers in one pod share a network namespace and talk over localhost', () => {
    const sh = session({ 'two.yaml': TWO });
    run(sh, 'kubectl apply -f two.yaml', 'sleep 15s');
    expect(out(sh, 'kubectl exec two -c sidecar -- curl -s localhost:80')).toContain('<title>Welcome to nginx!</title>');
  });

  it('containers of a pod are scheduled together on one node', () => {
    const sh = session({ 'two.yaml': TWO });
    run(sh, 'kubectl apply -f two.yaml', 'sleep 15s');
    const [row] = widePods(sh);
    expect(row).toMatchObject({ name: 'two', status: 'Running' });
    const d = out(sh, 'kubectl describe pod two');
    expect(d).toMatch(new RegExp(`^Node:\\s+${row!.node}/`, 'm'));
    // Both containers run in the pod's one sandbox on that node.
    const hostname = (c: string) => out(sh, `kubectl exec two -c ${c} -- hostname`);
    expect(hostname('web')).toBe('two\n');
    expect(hostname('sidecar')).toBe('two\n');
    expect(d).toMatch(/^ {2}web:/m);
    expect(d).toMatch(/^ {2}sidecar:/m);
  });

  it('a crashed container is restarted in place by the kubelet', () => {
    const sh = webSession();
    const before = widePods(sh)[0]!;
    run(sh, `sim crash ${before.name}`, 'sleep 15s');
    const after = widePods(sh).find((p) => p.name === before.name)!;
    expect(before.restarts).toBe('0');
    expect(after).toEqual({ ...before, restarts: expect.stringMatching(/^1 \(\d+s ago\)$/) as unknown as string });
  });

  it('a deleted pod is replaced by its controller with a new name and a new IP', () => {
    const sh = webSession();
    const before = widePods(sh);
    const victim = before[0]!;
    run(sh, `kubectl delete pod ${victim.name}`, 'sleep 15s');
    const after = widePods(sh);
    expect(after).toHaveLength(3);
    const fresh = after.find((p) => !before.some((b) => b.name === p.name))!;
    expect(fresh.name).toMatch(/^web-/);
    expect(fresh.status).toBe('Running');
    expect(before.map((p) => p.ip)).not.toContain(fresh.ip);
  });

  it('every pod has its own IP', () => {
    const ips = widePods(webSession()).map((p) => p.ip);
    expect(ips).toHaveLength(3);
    expect(new Set(ips).size).toBe(3);
    for (const ip of ips) expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
  });
});
