import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types.ts';
import { nodeFixture } from './testing/node-fixture.ts';

/**
 * The kubelet's volume manager (pkg/kubelet/volumemanager): every volume is set
 * up before the sandbox; a claim that is not bound yet, a missing key and a
 * missing object keep the pod waiting with the populator's and the plugins'
 * own error texts (pkg/volume/configmap, pkg/volume/secret: "configmap
 * references non-existent config key: X", "references non-existent secret key: X").
 */
const put = (client: ReturnType<typeof nodeFixture>['client'], o: object) => client.put(o as KubeObject);
const podWith = (volumes: Pod['spec']['volumes']): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { nodeName: 'kind-worker', volumes, containers: [{ name: 'c', image: 'busybox:1.37', command: ['sleep', '3600'], volumeMounts: (volumes ?? []).map((v) => ({ name: v.name, mountPath: `/mnt/${v.name}` })) }] },
});

describe('volume manager', () => {
  it('a pod whose claim is not bound gets no sandbox; it starts once the claim is bound, on the PV\'s directory', () => {
    const { client, seconds, runtime } = nodeFixture();
    put(client, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: {}, status: { phase: 'Pending' } });
    client.put(podWith([{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }]));
    seconds(10);
    expect(client.pod('p')?.status?.podIP).toBeUndefined();
    expect(client.pod('p')?.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    expect(client.eventsFor('p')[0]).toBe('FailedMount: Unable to attach or mount volumes: unmounted volumes=[d], unattached volumes=[], failed to process volumes=[d]: error processing PVC default/data: PVC default/data has non-bound phase ("Pending") or empty pvc.Spec.VolumeName ("")');
    runtime.hostDir('/var/local-path-provisioner/pv1').set('hello.txt', 'from the volume\n');
    put(client, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { hostPath: { path: '/var/local-path-provisioner/pv1' } } });
    put(client, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv1' }, status: { phase: 'Bound' } });
    seconds(20);
    expect(client.pod('p')?.status?.phase).toBe('Running');
    expect(runtime.exec({ namespace: 'default', name: 'p' }, 'c', ['cat', '/mnt/d/hello.txt']).stdout).toBe('from the volume\n');
  });

  it('retries a failed mount after 0.5 s, 1 s, 2 s, 4 s, … (one FailedMount each)', () => {
    const { client, seconds } = nodeFixture();
    client.put(podWith([{ name: 'cfg', configMap: { name: 'missing' } }]));
    seconds(8);
    const t = client.events.filter((e) => e.reason === 'FailedMount').map((e) => e.at);
    expect(t.slice(1).map((x, i) => x - t[i]!)).toEqual([500, 1000, 2000, 4000]);
  });

  it('a listed key the ConfigMap lacks, and one the Secret lacks', () => {
    const a = nodeFixture();
    put(a.client, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: '1' } });
    a.client.put(podWith([{ name: 'cfg', configMap: { name: 'cm', items: [{ key: 'b', path: 'b' }] } }]));
    a.seconds(2);
    expect(a.client.eventsFor('p')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: b');
    const b = nodeFixture();
    put(b.client, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { a: 'MQ==' } });
    b.client.put(podWith([{ name: 'sec', secret: { secretName: 's', items: [{ key: 'b', path: 'b' }] } }]));
    b.seconds(2);
    expect(b.client.eventsFor('p')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "sec" : references non-existent secret key: b');
  });

  it('hostPath is the node\'s own: another node does not see the file', () => {
    const one = nodeFixture();
    const two = nodeFixture();
    one.runtime.hostDir('/srv').set('x', 'on node one');
    expect([...two.runtime.hostDir('/srv').keys()]).toEqual([]);
    expect(one.runtime.hostDir('/').get('srv/x')).toBe('on node one');
  });
});
