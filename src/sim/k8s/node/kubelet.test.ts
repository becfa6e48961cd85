import { describe, expect, it, vi } from 'vitest';
import type { Container } from '../api/types.ts';
import { nodeFixture } from './testing/node-fixture.ts';

const nginx = { name: 'web', image: 'nginx:1.27' };

describe('worker node: "a node is a computer (VM or physical) that runs containers"', () => {
  it('registers a Node with its capacity, OS, kubelet and container runtime versions', () => {
    const { client } = nodeFixture();
    const node = client.get<import('../api/types.ts').Node>('Node', undefined, 'kind-worker')!;
    expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'kind-worker', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8388608Ki', pods: '110' });
    expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.33.4', containerRuntimeVersion: 'containerd://2.0.2', operatingSystem: 'linux' });
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '172.18.0.3' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
  });
});

describe('kubelet node status: computed every 10 s (nodeStatusUpdateFrequency), posted on change or every 5 minutes (nodeStatusReportFrequency)', () => {
  it('reads its Node from its node informer (no GET), posts a newly pulled image within 10 s, and otherwise only every 5 minutes', () => {
    const { client, clock, run, seconds } = nodeFixture({ preloaded: [] });
    const getNode = vi.spyOn(client, 'getNode');
    const t0 = clock.now();
    const at = () => client.nodeStatusWrites.map((w) => (w.at - t0) / 1000);
    expect(at()).toEqual([0]);
    seconds(295);
    expect(at()).toEqual([0]);
    seconds(10);
    expect(at()).toEqual([0, 300]);
    run({ name: 'web-1', containers: [nginx] });
    seconds(10);
    // The pull finished (3.2 s): the next 10 s tick sees a new image list and posts it at once.
    expect(at()).toEqual([0, 300, 310]);
    expect(client.nodeStatusWrites[2]!.node.status?.images?.flatMap((i) => i.names)).toContain('docker.io/library/nginx:1.27');
    seconds(280);
    expect(at()).toEqual([0, 300, 310]);
    seconds(20);
    expect(at()).toEqual([0, 300, 310, 610]);
    expect(getNode).not.toHaveBeenCalled();
  });

  it('answers a Ready condition someone else changed at its next status tick', () => {
    const { client, clock, seconds } = nodeFixture();
    const t0 = clock.now();
    seconds(20);
    const node = client.get<import('../api/types.ts').Node>('Node', undefined, 'kind-worker')!;
    const conditions = node.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown' } : c));
    client.put({ ...node, status: { ...node.status, conditions } });
    seconds(10);
    const ready = client.get<import('../api/types.ts').Node>('Node', undefined, 'kind-worker')!.status!.conditions!.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: new Date(t0 + 30_000).toISOString().replace('.000', '') });
    expect(client.nodeStatusWrites.map((w) => (w.at - t0) / 1000)).toEqual([0, 30]);
  });
});

describe('kubelet: "runs on each node, starts/stops pods and reports their state"', () => {
  it('starts a pod bound to its node: sandbox, IP from the pod CIDR, Running and Ready', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'web-1', containers: [nginx] });
    seconds(0.1);
    expect(client.pod('web-1')?.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    seconds(2);
    const pod = client.pod('web-1')!;
    expect(pod.status).toMatchObject({ phase: 'Running', podIP: '10.244.1.2', hostIP: '172.18.0.3' });
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(client.eventsFor('web-1')).toEqual(['Pulled: Container image "nginx:1.27" already present on machine', 'Created: Created container: web', 'Started: Started container web']);
  });

  it('ignores pods bound to another node', () => {
    const { client, seconds } = nodeFixture();
    client.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other', namespace: 'default' }, spec: { nodeName: 'kind-worker2', containers: [nginx] } });
    seconds(5);
    expect(client.pod('other')?.status).toBeUndefined();
  });

  it('pulls a missing image with the real event texts and timing by size', () => {
    const { client, run, seconds } = nodeFixture({ preloaded: [] });
    run({ name: 'web-1', containers: [nginx] });
    seconds(5);
    expect(client.eventsFor('web-1').slice(0, 2)).toEqual(['Pulling: Pulling image "nginx:1.27"', 'Pulled: Successfully pulled image "nginx:1.27" in 3.224s (3.224s including waiting). Image size: 73091273 bytes.']);
  });

  it('stops a pod on deletion: SIGTERM, then removes the object with a final delete', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'web-1', containers: [nginx] });
    seconds(2);
    client.deletePod('default', 'web-1', {});
    seconds(0.05);
    expect(client.pod('web-1')?.metadata.deletionTimestamp).toBeDefined();
    seconds(1);
    expect(client.pod('web-1')).toBeUndefined();
    expect(client.eventsFor('web-1')).toContain('Killing: Stopping container web');
  });

  it('waits the grace period for a container that ignores SIGTERM', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'sleeper', containers: [{ name: 'main', image: 'busybox:1.37', command: ['sh', '-c', 'sleep 3600'] }], terminationGracePeriodSeconds: 5 });
    seconds(2);
    client.deletePod('default', 'sleeper', {});
    seconds(4);
    expect(client.pod('sleeper')).toBeDefined();
    seconds(2);
    expect(client.pod('sleeper')).toBeUndefined();
    const last = client.podStatusWrites.at(-1)!.pod.status!;
    expect(last.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('pod: "each pod has its own IP and gets a new one when it is re-created"', () => {
  it('a deleted pod is gone, and a new pod object (as a controller would make) gets a new IP', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'web-1', containers: [nginx] });
    seconds(2);
    const oldIP = client.pod('web-1')?.status?.podIP;
    client.deletePod('default', 'web-1', {});
    seconds(2);
    expect(client.pod('web-1')).toBeUndefined();
    run({ name: 'web-2', containers: [nginx] });
    seconds(2);
    expect(oldIP).toBe('10.244.1.2');
    expect(client.pod('web-2')?.status?.podIP).toBe('10.244.1.3');
  });

  it('two pods on one node have different IPs', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'a', containers: [nginx] });
    run({ name: 'b', containers: [nginx] });
    seconds(3);
    expect(new Set([client.pod('a')?.status?.podIP, client.pod('b')?.status?.podIP]).size).toBe(2);
  });
});

describe('pod: "if one container breaks..." — the truth: the kubelet restarts it IN PLACE', () => {
  it('a crashed container comes back in the same pod with the same IP and restartCount 1', () => {
    const { client, runtime, run, seconds, status } = nodeFixture();
    const created = run({ name: 'web-1', containers: [nginx] });
    seconds(2);
    expect(runtime.crashContainer({ namespace: 'default', name: 'web-1' }, 'web', 1)).toBe(true);
    seconds(1);
    const pod = client.pod('web-1')!;
    expect(pod.metadata.uid).toBe(created.metadata.uid);
    expect(pod.status?.podIP).toBe('10.244.1.2');
    expect(status('web-1')).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
  });

  it('a crash loop waits 10s, 20s, 40s between restarts, shown as CrashLoopBackOff', () => {
    const { client, run, seconds, clock } = nodeFixture();
    run({ name: 'crash', containers: [{ name: 'web', image: 'busybox:1.37', command: ['sh', '-c', 'exit 1'] }] });
    seconds(200);
    const starts = client.events.filter((e) => e.reason === 'Started').map((e) => e.at);
    const gaps = starts.slice(1).map((t, i) => (t - starts[i]!) / 1000);
    // First restart at once, then the back-off (plus 0.25 s create+start each time).
    expect(gaps.slice(0, 4)).toEqual([0.25, 10.25, 20.25, 40.25]);
    const waiting = client.podStatusWrites.map((w) => w.pod.status?.containerStatuses?.[0]?.state.waiting).filter((w) => w?.reason === 'CrashLoopBackOff');
    const uid = client.pod('crash')?.metadata.uid;
    expect(waiting.map((w) => w!.message)).toContain(`back-off 20s restarting failed container=web pod=crash_default(${uid})`);
    expect(client.eventsFor('crash')).toContain(`BackOff: Back-off restarting failed container web in pod crash_default(${uid})`);
    expect(client.pod('crash')?.status?.phase).toBe('Running');
    expect(clock.now()).toBeGreaterThan(0);
  });

  it('restartPolicy Never leaves a failed container terminated and the pod Failed', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'once', restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.37', command: ['sh', '-c', 'exit 3'] }] });
    seconds(30);
    expect(status('once')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 3, reason: 'Error' } } });
    expect(client.pod('once')?.status?.phase).toBe('Failed');
  });

  it('restartPolicy OnFailure does not restart a container that exited 0: Succeeded, Completed', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'job', restartPolicy: 'OnFailure', containers: [{ name: 'job', image: 'busybox:1.37', command: ['sh', '-c', 'echo done'] }] });
    seconds(30);
    expect(status('job')?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(client.pod('job')?.status?.phase).toBe('Succeeded');
  });

  it('a container over its memory limit is OOMKilled (exit 137) and restarted', () => {
    const { run, seconds, status } = nodeFixture();
    run({ name: 'hog', containers: [{ name: 'hog', image: 'busybox:1.37', command: ['sh', '-c', 'tail /dev/zero'], resources: { limits: { memory: '128Mi' } } }] });
    seconds(3);
    expect(status('hog')?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(status('hog')?.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('init containers run first; the app waits in PodInitializing', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'init', initContainers: [{ name: 'setup', image: 'busybox:1.37', command: ['sh', '-c', 'sleep 5'] }], containers: [nginx] });
    seconds(2);
    expect(client.pod('init')?.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(client.pod('init')?.status?.phase).toBe('Pending');
    seconds(6);
    expect(client.pod('init')?.status?.phase).toBe('Running');
    expect(client.pod('init')?.status?.initContainerStatuses?.[0]?.state.terminated?.reason).toBe('Completed');
  });
});

describe('pod: "containers in one pod share a network namespace and talk over localhost"', () => {
  it('a sidecar curls localhost:80 and gets the nginx welcome page', () => {
    const { runtime, run, seconds } = nodeFixture();
    run({ name: 'web-1', containers: [nginx, { name: 'sidecar', image: 'curlimages/curl:8.11.1', command: ['sleep', 'infinity'] }] });
    seconds(3);
    const pod = { namespace: 'default', name: 'web-1' };
    const r = runtime.exec(pod, 'sidecar', ['curl', '-s', 'localhost:80']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(runtime.exec(pod, 'sidecar', ['hostname', '-i']).stdout).toBe('10.244.1.2\n');
    expect(runtime.exec(pod, 'web', ['hostname', '-i']).stdout).toBe('10.244.1.2\n');
    expect(runtime.exec(pod, 'sidecar', ['wget', '-qO-', 'http://10.244.1.2:80']).stdout).toContain('Welcome to nginx!');
    expect(runtime.exec(pod, 'sidecar', ['cat', '/etc/hosts']).stdout).toContain('10.244.1.2\tweb-1');
    expect(runtime.exec(pod, 'sidecar', ['ip', 'addr']).stdout).toContain('inet 10.244.1.2/24');
  });

  it.each([
    [['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'localhost:80'], '200'],
    [['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'localhost:80/missing'], '404\n'],
    [['curl', '-sI', 'localhost:80'], /^HTTP\/1\.1 200 OK\r\nServer: nginx/],
  ])('curl %j prints what real curl prints', (argv, want) => {
    const { runtime, run, seconds } = nodeFixture();
    run({ name: 'web-1', containers: [nginx, { name: 'sidecar', image: 'curlimages/curl:8.11.1', command: ['sleep', 'infinity'] }] });
    seconds(3);
    const out = runtime.exec({ namespace: 'default', name: 'web-1' }, 'sidecar', argv).stdout;
    if (typeof want === 'string') expect(out).toBe(want);
    else expect(out).toMatch(want);
  });

  it('two containers on one port: the second fails with "Address already in use" and crash-loops', () => {
    const { client, runtime, run, seconds } = nodeFixture();
    run({ name: 'clash', containers: [nginx, { name: 'web2', image: 'nginx:1.27' }] });
    seconds(30);
    const s = client.pod('clash')!.status!.containerStatuses!;
    expect(s[0]).toMatchObject({ name: 'web', ready: true, restartCount: 0 });
    expect(s[1]!.restartCount).toBeGreaterThanOrEqual(1);
    expect(s[1]!.lastState?.terminated?.exitCode).toBe(1);
    const rtc = runtime.sandboxes().flatMap((sb) => runtime.containersIn(sb.id)).find((c) => c.name === 'web2')!;
    expect(runtime.logs(rtc.id).join('\n')).toMatch(/Address already in use/);
  });
});

describe('image pull failure', () => {
  it('a misspelt image: ErrImagePull, then ImagePullBackOff, retried with back-off', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'typo', containers: [{ name: 'web', image: 'ngnix:latest' }] });
    seconds(2.1);
    expect(status('typo')?.state.waiting?.reason).toBe('ErrImagePull');
    seconds(1.1);
    expect(status('typo')?.state.waiting).toMatchObject({ reason: 'ImagePullBackOff' });
    expect(status('typo')?.state.waiting?.message).toMatch(/^Back-off pulling image "ngnix:latest": ErrImagePull: failed to pull and unpack image "docker.io\/library\/ngnix:latest"/);
    const ev = client.eventsFor('typo');
    expect(ev).toContain('Failed: Failed to pull image "ngnix:latest": failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(ev).toContain('Failed: Error: ErrImagePull');
    expect(ev).toContain('BackOff: Back-off pulling image "ngnix:latest"');
    expect(ev).toContain('Failed: Error: ImagePullBackOff');
    seconds(60);
    const pulls = client.events.filter((e) => e.reason === 'Pulling').map((e) => e.at / 1000);
    expect(pulls.slice(1).map((t, i) => Math.round(t - pulls[i]!))).toEqual([11, 21, 41].slice(0, pulls.length - 1));
    expect(client.pod('typo')?.status?.phase).toBe('Pending');
  });
});

describe('probes', () => {
  it('a failing liveness probe kills and restarts the container in place', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'web-1', containers: [{ ...nginx, livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }] });
    seconds(20);
    const ev = client.eventsFor('web-1');
    expect(ev).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(ev).toContain('Killing: Container web failed liveness probe, will be restarted');
    expect(status('web-1')?.restartCount).toBe(1);
    expect(client.pod('web-1')?.status?.podIP).toBe('10.244.1.2');
  });

  it('a readiness probe on a closed port keeps the pod Running but not Ready', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'web-1', containers: [{ ...nginx, readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }] });
    seconds(20);
    expect(client.pod('web-1')?.status?.phase).toBe('Running');
    expect(status('web-1')?.ready).toBe(false);
    expect(client.eventsFor('web-1')).toContain('Unhealthy: Readiness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused');
  });

  it('a passing readiness probe makes the container Ready', () => {
    const { run, seconds, status } = nodeFixture();
    run({ name: 'web-1', containers: [{ ...nginx, readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] });
    seconds(3);
    expect(status('web-1')?.ready).toBe(true);
  });
});

describe('heartbeats', () => {
  it('renews the Lease in kube-node-lease every 10 s and stops on stop()', () => {
    const { client, kubelet, seconds } = nodeFixture();
    seconds(30);
    const times = client.leaseWrites.map((w) => w.at - client.leaseWrites[0]!.at);
    expect(times).toEqual([0, 10_000, 20_000, 30_000]);
    expect(client.leaseWrites.at(-1)?.lease).toMatchObject({ metadata: { namespace: 'kube-node-lease', name: 'kind-worker' }, spec: { holderIdentity: 'kind-worker', leaseDurationSeconds: 40 } });
    kubelet.stop();
    seconds(60);
    expect(client.leaseWrites.length).toBe(4);
    kubelet.start();
    seconds(10);
    expect(client.leaseWrites.length).toBe(6);
  });

  it('a stopped kubelet leaves containers as they are and does not restart crashes', () => {
    const { client, runtime, kubelet, run, seconds, status } = nodeFixture();
    run({ name: 'web-1', containers: [nginx] });
    seconds(2);
    kubelet.stop();
    runtime.crashContainer({ namespace: 'default', name: 'web-1' }, 'web', 1);
    seconds(60);
    expect(status('web-1')?.state.running).toBeDefined(); // the API still shows the last report
    expect(client.pod('web-1')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });
});

describe('container environment from ConfigMaps and the downward API', () => {
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap' as const, metadata: { name: 'game', namespace: 'default' }, data });
  const box = (extra: Partial<Container>): Container => ({ name: 'box', image: 'busybox:1.37', command: ['sh', '-c', 'env; sleep 3600'], ...extra });

  it.each([
    ['configMapKeyRef', cm({ lives: '3' }), box({ env: [{ name: 'LIVES', valueFrom: { configMapKeyRef: { name: 'game', key: 'lives' } } }] }), ['LIVES=3']],
    ['envFrom with a prefix', cm({ lives: '3', mode: 'hard' }), box({ envFrom: [{ prefix: 'G_', configMapRef: { name: 'game' } }] }), ['G_lives=3', 'G_mode=hard']],
    ['env wins over envFrom', cm({ lives: '3' }), box({ envFrom: [{ configMapRef: { name: 'game' } }], env: [{ name: 'lives', value: '9' }] }), ['lives=9']],
    ['an optional missing ConfigMap is skipped', undefined, box({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'game', key: 'k', optional: true } } }] }), []],
    ['fieldRef metadata.name and status.podIP', undefined, box({ env: [{ name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }), ['ME=p', 'IP=10.244.1.2']],
  ])('%s', (_name, map, container, want) => {
    const { client, run, seconds, status, runtime } = nodeFixture();
    if (map) client.put(map);
    run({ name: 'p', containers: [container] });
    seconds(3);
    expect(status('p')?.state.running).toBeDefined();
    const id = status('p')!.containerID!.replace('containerd://', '');
    const lines = runtime.logs(id).filter((l) => !/^(HOSTNAME|HOME|PATH)=/.test(l));
    expect(lines).toEqual(want);
  });

  it.each([
    ['a missing ConfigMap (valueFrom)', box({ env: [{ name: 'LIVES', valueFrom: { configMapKeyRef: { name: 'game', key: 'lives' } } }] }), undefined, 'configmap "game" not found'],
    ['a missing ConfigMap (envFrom)', box({ envFrom: [{ configMapRef: { name: 'game' } }] }), undefined, 'configmap "game" not found'],
    ['a missing key', box({ env: [{ name: 'LIVES', valueFrom: { configMapKeyRef: { name: 'game', key: 'nope' } } }] }), cm({ lives: '3' }), "couldn't find key nope in ConfigMap default/game"],
  ])('%s: CreateContainerConfigError, and the container starts once it is fixed', (_name, container, map, message) => {
    const { client, run, seconds, status } = nodeFixture();
    if (map) client.put(map);
    run({ name: 'p', containers: [container] });
    seconds(3);
    expect(status('p')?.state.waiting).toEqual({ reason: 'CreateContainerConfigError', message });
    expect(client.eventsFor('p')).toContain(`Failed: Error: ${message}`);
    client.put(cm({ lives: '3', nope: 'x' }));
    seconds(11);
    expect(status('p')?.state.running).toBeDefined();
  });
});

describe('service account token signature', () => {
  it('is 342 base64url characters (an RS256 signature of 2,048 bits), the same for the same token and different for another', async () => {
    const { signature } = await import('./kubelet.ts');
    const a = signature('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    expect(a).toMatch(/^[A-Za-z0-9_-]{342}$/);
    expect(signature('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe(a);
    expect(signature('60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752')).not.toBe(a);
    // Not one character repeated: every one of the 64 letters appears.
    expect(new Set(a).size).toBe(64);
  });
});

describe('textFingerprint (what the kubelet keeps of its last status write)', () => {
  it('is the same for the same text and differs for texts that differ by one character, order or length', async () => {
    const { textFingerprint } = await import('./kubelet.ts');
    const base = JSON.stringify({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.244.1.5' });
    expect(textFingerprint(base)).toBe(textFingerprint(String(base)));
    const variants = [base.replace('True', 'Fals'), base.replace('10.244.1.5', '10.244.1.6'), base.replace('Running', 'gninnuR'), base + ' ', base.slice(1), ''];
    const prints = new Set([base, ...variants].map(textFingerprint));
    expect(prints.size).toBe(variants.length + 1);
    // Short, whatever the text's size.
    expect(textFingerprint('x'.repeat(100_000)).length).toBeLessThan(24);
  });
});

describe('jsonFingerprint (the fingerprint of a status without its text)', () => {
  it('is textFingerprint of JSON.stringify, for escapes, surrogates, numbers, undefined members and key order', async () => {
    const { jsonFingerprint, textFingerprint } = await import('./kubelet.ts');
    const values: unknown[] = [
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.244.1.5' },
      { b: 1, a: 2 },
      { a: 2, b: 1 },
      { gone: undefined, fn: () => 1, kept: null, list: [undefined, () => 1, 0, -0, 1.5, 1e21, NaN, Infinity] },
      { message: 'quote " backslash \\ tab \t nl \n cr \r ff \f bs \b nul \u0000 us \u001f del \u007f' },
      { text: 'pair \ud83d\ude00 lone high \ud83d. lone low \ude00 end \ud83d', 'k\u00e9y': 'é' },
      [],
      {},
      [[], {}, [{}], true, false, 'x'],
      { date: new Date(0), nested: { deeper: { deepest: [1, { x: 'y' }] } } },
    ];
    for (const v of values) expect(jsonFingerprint(v)).toBe(textFingerprint(JSON.stringify(v)));
    expect(jsonFingerprint({ b: 1, a: 2 })).not.toBe(jsonFingerprint({ a: 2, b: 1 }));
  });
});
