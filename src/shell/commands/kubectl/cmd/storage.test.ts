/**
 * Storage as on a fresh kind cluster: the default StorageClass `standard`
 * (rancher.io/local-path, Delete, WaitForFirstConsumer; kind's
 * pkg/cluster/internal/create/actions/installstorage/storage.go manifest),
 * the persistentvolume controller (pkg/controller/volume/persistentvolume:
 * pv_controller.go event texts), the scheduler's VolumeBinding plugin
 * (pkg/scheduler/framework/plugins/volumebinding: "pod has unbound immediate
 * PersistentVolumeClaims") and kubectl's printers (printers.go
 * printPersistentVolumeClaim / printPersistentVolume / printStorageClass).
 */
import { describe, expect, it } from 'vitest';
import { out, run, session } from './testing.ts';

const claim = (name: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${extra}  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
`;

const podUsing = (name: string, claimName: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: busybox:1.37
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claimName}
`;

const STATIC_PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-small
spec:
  capacity:
    storage: 500Mi
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  hostPath:
    path: /mnt/small
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-big
spec:
  capacity:
    storage: 2Gi
  accessModes: ["ReadWriteOnce", "ReadWriteMany"]
  storageClassName: manual
  hostPath:
    path: /mnt/big
`;

describe('storage in the kind cluster', () => {
  it('a fresh cluster has the default StorageClass standard, shown with (default) and its columns', () => {
    const sh = session();
    expect(out(sh, 'kubectl get sc')).toMatch(/^NAME +PROVISIONER +RECLAIMPOLICY +VOLUMEBINDINGMODE +ALLOWVOLUMEEXPANSION +AGE\nstandard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\d+s\n$/);
    expect(out(sh, "kubectl get sc standard -o jsonpath='{.metadata.annotations.storageclass\\.kubernetes\\.io/is-default-class}'")).toBe('true');
  });

  it('a claim waits for its first consumer, then the provisioner makes pvc-<uid> on the pod\'s node and binds both', () => {
    const sh = session({ 'pvc.yaml': claim('data'), 'pod.yaml': podUsing('app', 'data') });
    run(sh, 'kubectl apply -f pvc.yaml', 'sleep 20s');
    expect(out(sh, 'kubectl get pvc')).toMatch(/^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE\ndata +Pending +standard +<unset> +\d+s\n$/);
    expect(out(sh, 'kubectl describe pvc data')).toMatch(/Normal +WaitForFirstConsumer +\S+ \(x\d+ over \S+\) +persistentvolume-controller +waiting for first consumer to be created before binding/);
    expect(out(sh, 'kubectl get pv')).toBe('No resources found\n');
    run(sh, 'kubectl apply -f pod.yaml', 'sleep 20s');
    const uid = out(sh, "kubectl get pvc data -o jsonpath='{.metadata.uid}'");
    expect(out(sh, 'kubectl get pvc')).toMatch(new RegExp(`^NAME .*\\ndata +Bound +pvc-${uid} +1Gi +RWO +standard +<unset> +\\d+s\\n$`));
    const node = out(sh, "kubectl get pod app -o jsonpath='{.spec.nodeName}'");
    expect(out(sh, 'kubectl get pv')).toMatch(new RegExp(`^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +VOLUMEATTRIBUTESCLASS +REASON +AGE\\npvc-${uid} +1Gi +RWO +Delete +Bound +default/data +standard +<unset> +\\d+s\\n$`));
    expect(out(sh, `kubectl get pv pvc-${uid} -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]} {.spec.hostPath.path}'`)).toBe(`${node} /var/local-path-provisioner/pvc-${uid}_default_data`);
    expect(out(sh, "kubectl get pvc data -o jsonpath='{.spec.volumeName}'")).toBe(`pvc-${uid}`);
    expect(out(sh, 'kubectl get pod app')).toMatch(/app +1\/1 +Running/);
    const d = out(sh, 'kubectl describe pvc data');
    expect(d).toMatch(/Normal +ExternalProvisioning +\S+ +persistentvolume-controller +Waiting for a volume to be created either by the external provisioner 'rancher\.io\/local-path' or manually by the system administrator\. If volume creation is delayed, please verify that the provisioner is running and correctly registered\./);
    expect(d).toMatch(new RegExp(`Normal +ProvisioningSucceeded +\\S+ +rancher\\.io/local-path_local-path-provisioner-\\S+ +Successfully provisioned volume pvc-${uid}`));
  });

  it('deleting the claim (once no pod uses it) deletes the dynamically provisioned volume: reclaim policy Delete', () => {
    const sh = session({ 'pvc.yaml': claim('data'), 'pod.yaml': podUsing('app', 'data') });
    run(sh, 'kubectl apply -f pvc.yaml -f pod.yaml', 'sleep 30s');
    expect(out(sh, 'kubectl get pv -o name')).toMatch(/^persistentvolume\/pvc-/);
    run(sh, 'kubectl delete pod app', 'sleep 40s');
    expect(out(sh, 'kubectl delete pvc data')).toBe('persistentvolumeclaim "data" deleted\n');
    run(sh, 'sleep 10s');
    expect(out(sh, 'kubectl get pvc,pv')).toBe('No resources found in default namespace.\n');
  });

  it('a claim naming a missing StorageClass stays Pending with ProvisioningFailed; its pod is not scheduled', () => {
    const sh = session({ 'pvc.yaml': claim('data', '  storageClassName: fast\n'), 'pod.yaml': podUsing('app', 'data') });
    run(sh, 'kubectl apply -f pvc.yaml -f pod.yaml', 'sleep 30s');
    expect(out(sh, 'kubectl get pvc data')).toMatch(/\ndata +Pending +fast +<unset> +\d+s\n$/);
    expect(out(sh, 'kubectl describe pvc data')).toMatch(/Warning +ProvisioningFailed +\S+( \(x\d+ over \S+\))? +persistentvolume-controller +storageclass\.storage\.k8s\.io "fast" not found/);
    expect(out(sh, 'kubectl get pod app')).toMatch(/app +0\/1 +Pending/);
    expect(out(sh, 'kubectl describe pod app')).toContain('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('a pod naming a claim that does not exist is not scheduled: persistentvolumeclaim "x" not found', () => {
    const sh = session({ 'pod.yaml': podUsing('app', 'nope') });
    run(sh, 'kubectl apply -f pod.yaml', 'sleep 5s');
    expect(out(sh, 'kubectl describe pod app')).toContain('0/3 nodes are available: persistentvolumeclaim "nope" not found.');
  });

  it('a static PersistentVolume binds to the smallest claim that fits by class, size and access modes', () => {
    const sh = session({ 'pv.yaml': STATIC_PV, 'pvc.yaml': claim('data', '  storageClassName: manual\n') });
    run(sh, 'kubectl apply -f pv.yaml', 'sleep 2s');
    expect(out(sh, 'kubectl get pv')).toMatch(/\npv-big +2Gi +RWO,RWX +Retain +Available +manual +<unset> +\d+s\npv-small +500Mi +RWO +Retain +Available +manual +<unset> +\d+s\n$/);
    run(sh, 'kubectl apply -f pvc.yaml', 'sleep 2s');
    // 1Gi does not fit in 500Mi: the 2Gi volume is bound, and the claim shows its capacity and modes.
    expect(out(sh, 'kubectl get pvc data')).toMatch(/\ndata +Bound +pv-big +2Gi +RWO,RWX +manual +<unset> +\d+s\n$/);
    expect(out(sh, 'kubectl get pv pv-big')).toMatch(/\npv-big +2Gi +RWO,RWX +Retain +Bound +default\/data +manual +<unset> +\d+s\n$/);
    // Retain: the volume outlives its claim as Released.
    run(sh, 'kubectl delete pvc data', 'sleep 2s');
    expect(out(sh, 'kubectl get pv pv-big')).toMatch(/\npv-big +2Gi +RWO,RWX +Retain +Released +default\/data +manual/);
  });

  it('a claim in use waits in Terminating until its pod is gone (pvc-protection finalizer)', () => {
    const sh = session({ 'pvc.yaml': claim('data'), 'pod.yaml': podUsing('app', 'data') });
    run(sh, 'kubectl apply -f pvc.yaml -f pod.yaml', 'sleep 30s');
    run(sh, 'kubectl delete pvc data --wait=false', 'sleep 5s');
    expect(out(sh, 'kubectl get pvc data')).toMatch(/\ndata +Terminating +pvc-/);
    run(sh, 'kubectl delete pod app', 'sleep 40s');
    expect(out(sh, 'kubectl get pvc')).toBe('No resources found in default namespace.\n');
  });

  it('validation answers with the API server\'s messages', () => {
    const sh = session({ 'bad.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  resources: {}\n' });
    expect(out(sh, 'kubectl apply -f bad.yaml')).toBe(
      'The PersistentVolumeClaim "bad" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value\n',
    );
  });

  it('etcd keeps them under /registry/persistentvolumeclaims, /registry/persistentvolumes and /registry/storageclasses', () => {
    const sh = session({ 'pvc.yaml': claim('data'), 'pod.yaml': podUsing('app', 'data') });
    run(sh, 'kubectl apply -f pvc.yaml -f pod.yaml', 'sleep 30s');
    const keys = out(sh, 'etcdctl get /registry --prefix --keys-only');
    expect(keys).toContain('/registry/persistentvolumeclaims/default/data\n');
    expect(keys).toMatch(/\/registry\/persistentvolumes\/pvc-[0-9a-f-]+\n/);
    expect(keys).toContain('/registry/storageclasses/standard\n');
  });
});
