/**
 * A StatefulSet in the simulated kind cluster, as in the Kubernetes tutorial
 * https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/
 * (its web.yaml, below): ordered pods web-0..2, a claim per pod, per-pod DNS
 * names through the headless Service, `get sts` and `describe sts` as
 * kubectl prints them (printers.go printStatefulSet, describe.go
 * describeStatefulSet / describeVolumeClaimTemplates).
 */
import { describe, expect, it } from 'vitest';
import { out, run, session } from './testing.ts';

export const STS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: c
    image: busybox:1.37
    command: ["sleep", "3600"]
`;

describe('StatefulSet in the cluster', () => {
  it('get sts shows NAME READY AGE, web-0 comes before web-1, and -o wide adds CONTAINERS and IMAGES', () => {
    const sh = session({ 'web.yaml': STS });
    expect(out(sh, 'kubectl apply -f web.yaml')).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(out(sh, 'kubectl get sts')).toMatch(/^NAME +READY +AGE\nweb +0\/2 +\d+s\n$/);
    run(sh, 'sleep 2m');
    expect(out(sh, 'kubectl get statefulset web')).toMatch(/^NAME +READY +AGE\nweb +2\/2 +2m\d*s?\n$/);
    expect(out(sh, 'kubectl get sts -o wide')).toMatch(/^NAME +READY +AGE +CONTAINERS +IMAGES\nweb +2\/2 +\S+ +nginx +registry\.k8s\.io\/nginx-slim:0\.21\n$/);
    const created = out(sh, "kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.creationTimestamp}{\"\\n\"}{end}'").trimEnd().split('\n');
    expect(created.map((l) => l.split(' ')[0])).toEqual(['web-0', 'web-1']);
    const [t0, t1] = created.map((l) => Date.parse(l.split(' ')[1]!));
    expect(t1!).toBeGreaterThan(t0!);
    expect(out(sh, 'kubectl get pvc -o name')).toBe('persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n');
  });

  it('describe sts shows replicas, update strategy, pod status, the claim template and the controller events', () => {
    const sh = session({ 'web.yaml': STS });
    run(sh, 'kubectl apply -f web.yaml', 'sleep 2m');
    const d = out(sh, 'kubectl describe sts web');
    expect(d).toMatch(/^Name: +web\nNamespace: +default\nCreationTimestamp: +.+\nSelector: +app=nginx\nLabels: +<none>\nAnnotations: +<none>\nReplicas: +2 desired \| 2 total\nUpdate Strategy: +RollingUpdate\n  Partition: +0\nPods Status: +2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n/);
    expect(d).toMatch(/\nVolume Claims:\n  Name: +www\n  StorageClass: +\n  Labels: +<none>\n  Annotations: +<none>\n  Capacity: +1Gi\n  Access Modes: +\[ReadWriteOnce\]\n/);
    expect(d).toMatch(/Normal +SuccessfulCreate +\S+ +statefulset-controller +create Claim www-web-0 Pod web-0 in StatefulSet web success/);
    expect(d).toMatch(/Normal +SuccessfulCreate +\S+ +statefulset-controller +create Pod web-1 in StatefulSet web successful/);
  });

  it('each pod is reachable by its own DNS name web-N.nginx through the headless Service', () => {
    const sh = session({ 'web.yaml': STS, 'client.yaml': CLIENT });
    run(sh, 'kubectl apply -f web.yaml -f client.yaml', 'sleep 2m');
    const ip1 = out(sh, "kubectl get pod web-1 -o jsonpath='{.status.podIP}'");
    expect(ip1).toMatch(/^10\.244\./);
    expect(out(sh, 'kubectl exec client -- nslookup web-1.nginx.default.svc.cluster.local')).toContain(`Address: ${ip1}`);
    expect(out(sh, 'kubectl exec client -- nslookup web-1.nginx')).toContain(`Address: ${ip1}`);
    expect(out(sh, 'kubectl exec client -- nslookup web-7.nginx')).toContain("can't find web-7.nginx: NXDOMAIN");
    expect(out(sh, "kubectl get pod web-1 -o jsonpath='{.spec.hostname}.{.spec.subdomain}'")).toBe('web-1.nginx');
  });

  it('scaling down removes the highest ordinal and keeps its claim; scaling up brings web-1 back on it', () => {
    const sh = session({ 'web.yaml': STS });
    run(sh, 'kubectl apply -f web.yaml', 'sleep 2m');
    expect(out(sh, 'kubectl scale sts web --replicas=1')).toBe('statefulset.apps/web scaled\n');
    run(sh, 'sleep 1m');
    expect(out(sh, 'kubectl get pods -l app=nginx -o name')).toBe('pod/web-0\n');
    expect(out(sh, 'kubectl get pvc -o name')).toBe('persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n');
    run(sh, 'kubectl scale sts web --replicas=2', 'sleep 1m');
    expect(out(sh, "kubectl get pod web-1 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}'")).toBe('www-web-1');
  });

  // kubectl/pkg/polymorphichelpers/rollout_status.go StatefulSetStatusViewer.
  it('rollout status waits for the pods to be ready, then reports the partitioned roll out complete', () => {
    const sh = session({ 'web.yaml': STS });
    run(sh, 'kubectl apply -f web.yaml');
    const t = out(sh, 'kubectl rollout status sts/web');
    expect(t).toContain('Waiting for 2 pods to be ready...\n');
    expect(t.endsWith('partitioned roll out complete: 2 new pods have been updated...\n')).toBe(true);
  });

  // As on kind: the claims get the default StorageClass `standard` and are bound once each pod is scheduled;
  // a class that does not exist leaves web-0 Pending (VolumeBinding) and the set at 0/2.
  it('claims bind through the default standard class; with a missing class web-0 stays Pending and the set 0/2', () => {
    const sh = session({ 'web.yaml': STS, 'bad.yaml': STS.replace('      resources:', '      storageClassName: fast\n      resources:') });
    run(sh, 'kubectl apply -f web.yaml', 'sleep 2m');
    expect(out(sh, 'kubectl get pvc')).toMatch(/\nwww-web-0 +Bound +pvc-\S+ +1Gi +RWO +standard +<unset> +\S+\nwww-web-1 +Bound +pvc-\S+ +1Gi +RWO +standard +<unset> +\S+\n$/);
    const sh2 = session({ 'web.yaml': STS.replace('      resources:', '      storageClassName: fast\n      resources:') });
    run(sh2, 'kubectl apply -f web.yaml', 'sleep 2m');
    expect(out(sh2, 'kubectl get sts web')).toMatch(/\nweb +0\/2 +/);
    expect(out(sh2, 'kubectl get pods -l app=nginx')).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-0 +0\/1 +Pending +0 +\S+\n$/);
    expect(out(sh2, 'kubectl get pvc www-web-0')).toMatch(/\nwww-web-0 +Pending +fast +<unset> +/);
    expect(out(sh2, 'kubectl describe pod web-0')).toContain('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
  });

  // The tutorial's "Stable Storage": a deleted web-0 comes back with www-web-0, whose local-path volume pins it to its node.
  it('a replaced pod finds the data its predecessor wrote, on the same node', () => {
    const sh = session({ 'web.yaml': STS });
    run(sh, 'kubectl apply -f web.yaml', 'sleep 60s');
    const node = out(sh, "kubectl get pod web-0 -o jsonpath='{.spec.nodeName}'");
    run(sh, "kubectl exec web-0 -- sh -c 'echo web-0 > /usr/share/nginx/html/index.html'", 'kubectl delete pod web-0', 'sleep 30s');
    expect(out(sh, 'kubectl exec web-0 -- cat /usr/share/nginx/html/index.html')).toBe('web-0\n');
    expect(out(sh, "kubectl get pod web-0 -o jsonpath='{.spec.nodeName}'")).toBe(node);
  });

  it('etcd keeps it under /registry/statefulsets/<ns>/<name>', () => {
    const sh = session({ 'web.yaml': STS });
    run(sh, 'kubectl apply -f web.yaml', 'sleep 5s');
    expect(out(sh, 'etcdctl get /registry/statefulsets --prefix --keys-only')).toBe('/registry/statefulsets/default/web\n\n');
  });

  // pkg/apis/apps/validation ValidateStatefulSetUpdate.
  it('changing volumeClaimTemplates is forbidden with the API server message', () => {
    const sh = session({ 'web.yaml': STS, 'web2.yaml': STS.replace('storage: 1Gi', 'storage: 2Gi') });
    run(sh, 'kubectl apply -f web.yaml');
    expect(out(sh, 'kubectl apply -f web2.yaml')).toContain(
      `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`,
    );
  });
});
