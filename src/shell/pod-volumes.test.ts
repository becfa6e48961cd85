import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Pod volumes as a kind cluster shows them, with the Kubernetes documentation's
 * own manifests verbatim (kubernetes/website content/en/examples: pods/two-container-pod.yaml,
 * configmap/configmap-multikeys.yaml, pods/pod-configmap-volume*.yaml,
 * pods/inject/secret.yaml and secret-pod.yaml) and what its pages say you see
 * ("Communicate Between Containers in the Same Pod Using a Shared Volume",
 * "Configure a Pod to Use a ConfigMap", "Distribute Credentials Securely Using Secrets").
 */
const docs = (f: string) => readFileSync(join(import.meta.dirname, '../sim/k8s/fixtures/docs', f), 'utf8');
const session = (files: Record<string, string>) => createSession({ seed: 1, dir: 'work', files, tty: { color: false, columns: 200 }, lang: 'en' });

describe('emptyDir: one directory shared by the pod\'s containers', () => {
  it('two-container-pod.yaml: nginx serves the index.html the debian container wrote', () => {
    const sh = session({ 'two-container-pod.yaml': docs('two-container-pod.yaml') });
    const out = transcript(sh, ['kubectl apply -f two-container-pod.yaml', 'sleep 20', 'kubectl exec two-containers -c nginx-container -- curl -s localhost', 'kubectl get pod two-containers']);
    expect(out).toContain('Hello from the debian container');
    expect(out).not.toContain('Welcome to nginx!');
    // The debian container has exited (restartPolicy Never): 1/2 NotReady, as the docs' output shows.
    expect(out).toMatch(/two-containers\s+1\/2\s+NotReady\s+0/);
  });

  it('an init container writes the page into an emptyDir before nginx starts', () => {
    const pod = [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: init-demo', 'spec:',
      '  containers:', '  - name: nginx', '    image: nginx', '    volumeMounts:', '    - name: workdir', '      mountPath: /usr/share/nginx/html',
      '  initContainers:', '  - name: install', '    image: busybox:1.28', '    command: ["sh", "-c", "echo Hello from the init container > /work-dir/index.html"]',
      '    volumeMounts:', '    - name: workdir', '      mountPath: "/work-dir"',
      '  volumes:', '  - name: workdir', '    emptyDir:', '      medium: Memory', '      sizeLimit: 64Mi', '',
    ].join('\n');
    const sh = session({ 'init.yaml': pod });
    const out = transcript(sh, ['kubectl apply -f init.yaml', 'sleep 20', 'kubectl exec init-demo -- curl -s localhost', 'kubectl exec init-demo -- cat /usr/share/nginx/html/index.html']);
    expect(out.match(/Hello from the init container/g)).toHaveLength(2);
  });

  it('an empty emptyDir hides the image\'s files under the mount point: nginx answers 403', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: nginx', '    image: nginx', '    volumeMounts:', '    - name: html', '      mountPath: /usr/share/nginx/html', '  volumes:', '  - name: html', '    emptyDir: {}', ''].join('\n');
    const out = transcript(session({ 'p.yaml': pod }), ['kubectl apply -f p.yaml', 'sleep 20', 'kubectl exec web -- curl -s localhost', 'kubectl exec web -- ls /usr/share/nginx/html']);
    expect(out).toContain('<head><title>403 Forbidden</title></head>');
  });
});

describe('configMap volumes', () => {
  it('pod-configmap-volume.yaml: every key is a file (ls /etc/config/ prints SPECIAL_LEVEL SPECIAL_TYPE)', () => {
    const sh = session({ 'cm.yaml': docs('configmap-multikeys.yaml'), 'pod.yaml': docs('pod-configmap-volume.yaml') });
    const out = transcript(sh, ['kubectl apply -f cm.yaml', 'kubectl apply -f pod.yaml', 'sleep 20', 'kubectl logs dapi-test-pod']);
    expect(out).toContain('SPECIAL_LEVEL\nSPECIAL_TYPE\n');
  });

  it('items put one key at a chosen path (cat /etc/config/keys prints very)', () => {
    const sh = session({ 'cm.yaml': docs('configmap-multikeys.yaml'), 'pod.yaml': docs('pod-configmap-volume-specific-key.yaml') });
    const out = transcript(sh, ['kubectl apply -f cm.yaml', 'kubectl apply -f pod.yaml', 'sleep 20', 'kubectl logs dapi-test-pod']);
    expect(out.trimEnd().endsWith('very')).toBe(true);
  });

  it('a missing ConfigMap keeps the pod ContainerCreating with the FailedMount event, and it starts once the ConfigMap exists', () => {
    const sh = session({ 'cm.yaml': docs('configmap-multikeys.yaml'), 'pod.yaml': docs('pod-configmap-volume.yaml') });
    const out = transcript(sh, ['kubectl apply -f pod.yaml', 'sleep 30', 'kubectl get pod dapi-test-pod', 'kubectl get events --field-selector reason=FailedMount']);
    expect(out).toMatch(/dapi-test-pod\s+0\/1\s+ContainerCreating\s+0/);
    expect(out).toContain('MountVolume.SetUp failed for volume "config-volume" : configmap "special-config" not found');
    const later = transcript(sh, ['kubectl apply -f cm.yaml', 'sleep 130', 'kubectl logs dapi-test-pod']);
    expect(later).toContain('SPECIAL_LEVEL\nSPECIAL_TYPE\n');
  });

  it('optional: true mounts an empty directory instead of waiting', () => {
    const pod = docs('pod-configmap-volume.yaml').replace('name: special-config', 'name: special-config\n        optional: true');
    const out = transcript(session({ 'pod.yaml': pod }), ['kubectl apply -f pod.yaml', 'sleep 20', 'kubectl get pod dapi-test-pod']);
    expect(out).toMatch(/dapi-test-pod\s+0\/1\s+Completed\s+0/);
  });

  it('configMap volumes are read-only: a write fails with EROFS', () => {
    const pod = docs('pod-configmap-volume.yaml').replace('"ls /etc/config/"', '"echo x > /etc/config/new; echo status=$?"');
    const out = transcript(session({ 'cm.yaml': docs('configmap-multikeys.yaml'), 'pod.yaml': pod }), ['kubectl apply -f cm.yaml -f pod.yaml', 'sleep 20', 'kubectl logs dapi-test-pod']);
    expect(out).toContain("can't create /etc/config/new: Read-only file system");
    expect(out).toContain('status=1');
  });
});

describe('secret volumes', () => {
  it('secret-pod.yaml: the files hold the base64-decoded values (my-app, 39528$vdg7Jb)', () => {
    const sh = session({ 'secret.yaml': docs('secret.yaml'), 'secret-pod.yaml': docs('secret-pod.yaml') });
    const out = transcript(sh, ['kubectl apply -f secret.yaml', 'kubectl apply -f secret-pod.yaml', 'sleep 20', 'kubectl exec secret-test-pod -- ls /etc/secret-volume', 'kubectl exec secret-test-pod -- cat /etc/secret-volume/username', 'echo', 'kubectl exec secret-test-pod -- cat /etc/secret-volume/password']);
    expect(out).toContain('password\nusername\n');
    expect(out).toContain('my-app');
    expect(out).toContain('39528$vdg7Jb');
  });

  it('a missing Secret: FailedMount "secret ... not found"', () => {
    const out = transcript(session({ 'secret-pod.yaml': docs('secret-pod.yaml') }), ['kubectl apply -f secret-pod.yaml', 'sleep 10', 'kubectl describe pod secret-test-pod']);
    expect(out).toContain('MountVolume.SetUp failed for volume "secret-volume" : secret "test-secret" not found');
  });
});

describe('hostPath and subPath', () => {
  it('two pods on one node share a hostPath directory; subPath mounts one file of a volume', () => {
    const pod = (name: string, cmd: string) => ['apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`, 'spec:', '  nodeName: kind-worker', '  containers:', '  - name: c', '    image: busybox:1.37', `    command: ["sh", "-c", "${cmd}"]`, '    volumeMounts:', '    - name: h', '      mountPath: /data', '  volumes:', '  - name: h', '    hostPath:', '      path: /tmp/shared', '      type: DirectoryOrCreate', ''].join('\n');
    const sh = session({ 'a.yaml': pod('writer', 'echo from-writer > /data/note; sleep 3600'), 'b.yaml': pod('reader', 'sleep 3600') });
    const out = transcript(sh, ['kubectl apply -f a.yaml', 'sleep 15', 'kubectl apply -f b.yaml', 'sleep 15', 'kubectl exec reader -- cat /data/note']);
    expect(out).toContain('from-writer');
    const sub = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: conf', 'data:', '  nginx.conf: "events {}\\n"', '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: nginx', '    image: nginx', '    volumeMounts:', '    - name: conf', '      mountPath: /etc/nginx/nginx.conf', '      subPath: nginx.conf', '  volumes:', '  - name: conf', '    configMap:', '      name: conf', ''].join('\n');
    const out2 = transcript(session({ 's.yaml': sub }), ['kubectl apply -f s.yaml', 'sleep 20', 'kubectl exec web -- cat /etc/nginx/nginx.conf', 'kubectl exec web -- cat /etc/nginx/conf.d/default.conf']);
    expect(out2).toContain('events {}');
    expect(out2).toContain('server_name  localhost;');
  });
});

describe('native sidecar: application/deployment-sidecar.yaml verbatim', () => {
  it('the pod is 2/2 Running (not 1/2 PodInitializing), and both containers see the shared /opt', () => {
    const sh = session({ 'deployment-sidecar.yaml': docs('deployment-sidecar.yaml') });
    const out = transcript(sh, ['kubectl apply -f deployment-sidecar.yaml', 'sleep 30', 'kubectl get pods', 'kubectl get deploy myapp']);
    expect(out).toMatch(/myapp-[a-z0-9]+-[a-z0-9]{5}\s+2\/2\s+Running\s+0/);
    expect(out).toMatch(/myapp\s+1\/1\s+1\s+1/);
    const pod = /(myapp-[a-z0-9]+-[a-z0-9]{5})/.exec(out)![1]!;
    const more = transcript(sh, [`kubectl exec ${pod} -c logshipper -- cat /opt/logs.txt`]);
    expect(more).toContain('logging');
  });
});

describe('the service account token every pod gets (ServiceAccount admission + projected volume)', () => {
  it('kube-api-access-xxxxx is mounted at /var/run/secrets/kubernetes.io/serviceaccount with token, ca.crt and namespace', () => {
    const sh = session({});
    const out = transcript(sh, ['kubectl run t --image=busybox:1.37 -- sleep 3600', 'sleep 15', 'kubectl exec t -- ls /var/run/secrets/kubernetes.io/serviceaccount', 'kubectl exec t -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace', 'echo', 'kubectl exec t -- cat /var/run/secrets/kubernetes.io/serviceaccount/token', 'echo', 'kubectl describe pod t']);
    expect(out).toContain('ca.crt\nnamespace\ntoken\n');
    expect(out).toContain('$ kubectl exec t -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace\ndefault');
    const jwt = /(eyJ[\w-]+\.[\w-]+\.[\w-]+)/.exec(out)?.[1] ?? `missing token in:\n${out}`;
    const claims = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string; 'kubernetes.io': { pod: { name: string } } };
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod.name).toBe('t');
    // kubectl describe's printProjectedVolumeSource
    expect(out).toMatch(/\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[b-z2-9]{5} \(ro\)/);
    expect(out).toMatch(/Type:\s+Projected \(a volume that contains injected data from multiple sources\)\n\s+TokenExpirationSeconds:\s+3607\n\s+ConfigMapName:\s+kube-root-ca\.crt\n\s+Optional:\s+false\n\s+DownwardAPI:\s+true\n/);
  });

  it('the token read minutes later, after volume resyncs, is the one issued when the volume was mounted (iat = the pod\'s start), the same on every read', () => {
    const sh = session({});
    const cat = 'kubectl exec t -- cat /var/run/secrets/kubernetes.io/serviceaccount/token';
    const out = transcript(sh, ['kubectl run t --image=busybox:1.37 -- sleep 3600', 'sleep 15', 'kubectl get pod t -o jsonpath={.status.startTime}', 'echo', 'sleep 5m', cat, 'echo', 'sleep 2m', cat]);
    const startTime = /(\d{4}-\d\d-\d\dT[\d:]+Z)/.exec(out)?.[1] ?? `missing startTime in:\n${out}`;
    const jwts = [...out.matchAll(/(eyJ[\w-]+\.[\w-]+\.[\w-]+)/g)].map((m) => m[1]);
    expect(jwts).toHaveLength(2);
    expect(jwts[1]).toBe(jwts[0]);
    const claims = JSON.parse(atob(jwts[0]!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { iat: number; exp: number };
    expect(claims.iat).toBe(Date.parse(startTime) / 1000);
    expect(claims.exp).toBe(claims.iat + 31_536_000 + 7);
  });

  it('automountServiceAccountToken: false gets no token volume', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: n', 'spec:', '  automountServiceAccountToken: false', '  containers:', '  - name: c', '    image: busybox:1.37', '    command: ["sleep", "3600"]', ''].join('\n');
    const out = transcript(session({ 'p.yaml': pod }), ['kubectl apply -f p.yaml', 'sleep 15', 'kubectl get pod n -o yaml', 'kubectl exec n -- cat /var/run/secrets/kubernetes.io/serviceaccount/token']);
    expect(out).not.toContain('kube-api-access-');
    expect(out).toContain("cat: can't open '/var/run/secrets/kubernetes.io/serviceaccount/token': No such file or directory");
  });
});

describe('persistentVolumeClaim volumes', () => {
  it('a claim bound through kind\'s standard class keeps its data for the next pod that mounts it', () => {
    const claim = ['apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata:', '  name: data', 'spec:', '  accessModes: ["ReadWriteOnce"]', '  resources:', '    requests:', '      storage: 1Gi', ''].join('\n');
    const pod = (name: string, cmd: string) => ['apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`, 'spec:', '  containers:', '  - name: c', '    image: busybox:1.37', `    command: ["sh", "-c", "${cmd}"]`, '    volumeMounts:', '    - name: d', '      mountPath: /data', '  volumes:', '  - name: d', '    persistentVolumeClaim:', '      claimName: data', ''].join('\n');
    const sh = session({ 'pvc.yaml': claim, 'writer.yaml': pod('writer', 'echo persisted > /data/file; sleep 3600'), 'reader.yaml': pod('reader', 'sleep 3600') });
    const out = transcript(sh, ['kubectl apply -f pvc.yaml -f writer.yaml', 'sleep 30', 'kubectl delete pod writer --now', 'kubectl apply -f reader.yaml', 'sleep 30', 'kubectl get pod reader', 'kubectl exec reader -- cat /data/file']);
    expect(out).toMatch(/reader\s+1\/1\s+Running/);
    expect(out).toContain('$ kubectl exec reader -- cat /data/file\npersisted\n');
  });
});

describe('configMap volumes follow the ConfigMap; subPath mounts do not', () => {
  // kubernetes.io/docs/concepts/configuration/configmap ("Mounted ConfigMaps are updated automatically": the kubelet
  // checks on every periodic sync, so the delay is the sync period (1m, pod_workers.go adds up to 50% jitter) plus the
  // watch cache's propagation; "A container using a ConfigMap as a subPath volume mount will not receive ConfigMap
  // updates"). The tutorial "Updating Configuration via a ConfigMap" waits about a minute for the new value.
  const files = {
    'cm.yaml': ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app', 'data:', '  color: red', ''].join('\n'),
    'pod.yaml': [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: reader', 'spec:', '  containers:', '  - name: app', '    image: busybox:1.37', '    command: ["sleep", "3600"]',
      '    volumeMounts:', '    - name: config', '      mountPath: /etc/config', '    - name: config', '      mountPath: /etc/color', '      subPath: color',
      '  volumes:', '  - name: config', '    configMap:', '      name: app', '',
    ].join('\n'),
  };

  it('kubectl exec … cat shows the new value within a sync period (60-90 s), the subPath file keeps the old one', () => {
    const sh = session(files);
    transcript(sh, ['kubectl apply -f cm.yaml', 'kubectl apply -f pod.yaml', 'sleep 20']);
    expect(transcript(sh, ['kubectl exec reader -- cat /etc/config/color'])).toContain('\nred');
    transcript(sh, ["kubectl patch configmap app -p '{\"data\":{\"color\":\"blue\",\"size\":\"L\"}}'"]);
    // Not at once: the kubelet rewrites the volume on its next pod sync.
    expect(transcript(sh, ['kubectl exec reader -- cat /etc/config/color'])).toContain('\nred');
    const later = transcript(sh, ['sleep 95', 'kubectl exec reader -- cat /etc/config/color', 'kubectl exec reader -- ls /etc/config', 'kubectl exec reader -- cat /etc/color']);
    expect(later).toContain('$ kubectl exec reader -- cat /etc/config/color\nblue');
    expect(later).toContain('$ kubectl exec reader -- ls /etc/config\ncolor\nsize\n');
    expect(later).toContain('$ kubectl exec reader -- cat /etc/color\nred');
  });

  it('a key removed from the ConfigMap disappears from the volume', () => {
    const sh = session(files);
    transcript(sh, ['kubectl apply -f cm.yaml', 'kubectl apply -f pod.yaml', 'sleep 20', "kubectl patch configmap app --type=json -p '[{\"op\":\"add\",\"path\":\"/data/size\",\"value\":\"S\"}]'", 'sleep 95']);
    expect(transcript(sh, ['kubectl exec reader -- ls /etc/config'])).toContain('color\nsize\n');
    transcript(sh, ["kubectl patch configmap app --type=json -p '[{\"op\":\"remove\",\"path\":\"/data/size\"}]'", 'sleep 95']);
    expect(transcript(sh, ['kubectl exec reader -- cat /etc/config/size'])).toContain("cat: can't open '/etc/config/size': No such file or directory");
  });

  it('a stopped API server leaves the files as they were, with no "not found" event', () => {
    const sh = session(files);
    transcript(sh, ['kubectl apply -f cm.yaml', 'kubectl apply -f pod.yaml', 'sleep 20', 'sim stop apiserver', 'sleep 100', 'sim start apiserver', 'sleep 5']);
    const out = transcript(sh, ['kubectl exec reader -- cat /etc/config/color', 'kubectl describe pod reader']);
    expect(out).toContain('\nred');
    expect(out).not.toContain('FailedMount');
  });

  it('a secret volume follows its Secret the same way', () => {
    const sec = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: creds', 'stringData:', '  password: one', ''].join('\n');
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: s', 'spec:', '  containers:', '  - name: app', '    image: busybox:1.37', '    command: ["sleep", "3600"]', '    volumeMounts:', '    - name: creds', '      mountPath: /etc/creds', '  volumes:', '  - name: creds', '    secret:', '      secretName: creds', ''].join('\n');
    const sh = session({ 'sec.yaml': sec, 'sec2.yaml': sec.replace('password: one', 'password: two'), 'pod.yaml': pod });
    transcript(sh, ['kubectl apply -f sec.yaml', 'kubectl apply -f pod.yaml', 'sleep 20', 'kubectl apply -f sec2.yaml', 'sleep 95']);
    expect(transcript(sh, ['kubectl exec s -- cat /etc/creds/password'])).toContain('\ntwo');
  });
});
