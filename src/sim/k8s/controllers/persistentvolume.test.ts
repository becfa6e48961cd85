/**
 * The persistentvolume controller's matching (pkg/controller/volume/persistentvolume
 * index.go findMatchingVolume: same class and volume mode, access modes a superset,
 * enough capacity, the claim's selector; the smallest volume that fits wins) and
 * binding, against an in-memory API.
 */
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../api/types.ts';
import { PersistentVolumeController, volumeFits } from './persistentvolume.ts';
import { FakeCluster } from './testing/fake-cluster.ts';

const pv = (name: string, storage: string, extra: Partial<PersistentVolume['spec']> = {}, labels?: Record<string, string>): PersistentVolume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: `/mnt/${name}` }, persistentVolumeReclaimPolicy: 'Retain', ...extra },
});
const pvc = (storage: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, storageClassName: 'manual', ...extra },
});

describe('persistentvolume controller', () => {
  it.each([
    { why: 'same class, enough room', v: pv('a', '1Gi'), c: pvc('1Gi'), fits: true },
    { why: 'too small', v: pv('a', '500Mi'), c: pvc('1Gi'), fits: false },
    { why: 'other class', v: pv('a', '1Gi', { storageClassName: 'fast' }), c: pvc('1Gi'), fits: false },
    { why: 'claim without class vs classed volume', v: pv('a', '1Gi'), c: pvc('1Gi', { storageClassName: '' }), fits: false },
    { why: 'access mode missing', v: pv('a', '1Gi'), c: pvc('1Gi', { accessModes: ['ReadWriteMany'] }), fits: false },
    { why: 'access modes a superset', v: pv('a', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadWriteMany'] }), c: pvc('1Gi', { accessModes: ['ReadWriteMany'] }), fits: true },
    { why: 'selector not matched', v: pv('a', '1Gi'), c: pvc('1Gi', { selector: { matchLabels: { tier: 'db' } } }), fits: false },
    { why: 'selector matched', v: pv('a', '1Gi', {}, { tier: 'db' }), c: pvc('1Gi', { selector: { matchLabels: { tier: 'db' } } }), fits: true },
    { why: 'block vs filesystem', v: pv('a', '1Gi', { volumeMode: 'Block' }), c: pvc('1Gi'), fits: false },
  ])('$why: $fits', ({ v, c, fits }) => expect(volumeFits(v, c)).toBe(fits));

  it('binds the smallest fitting volume both ways and marks both Bound', () => {
    const c = new FakeCluster({ nodes: ['node-1'], scheduler: false });
    c.manager.start();
    for (const v of [pv('big', '10Gi'), pv('small', '500Mi'), pv('mid', '2Gi')]) c.client.create('persistentvolumes', v);
    c.client.create('persistentvolumeclaims', pvc('1Gi'));
    c.run(3000);
    const claim = c.client.objects('persistentvolumeclaims', 'default')[0]!;
    expect(claim.spec.volumeName).toBe('mid');
    expect(claim.status).toMatchObject({ phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(claim.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const vols = Object.fromEntries(c.client.objects('persistentvolumes').map((v) => [v.metadata.name, v]));
    expect(vols['mid']!.spec.claimRef).toMatchObject({ namespace: 'default', name: 'data', uid: claim.metadata.uid });
    expect(vols['mid']!.status?.phase).toBe('Bound');
    expect(vols['big']!.status?.phase).toBe('Available');
    expect(c.manager.get<PersistentVolumeController>('persistentvolume-binder')).toBeDefined();
  });

  it('a claim nothing fits and without a class waits with FailedBinding', () => {
    const c = new FakeCluster({ nodes: ['node-1'], scheduler: false });
    c.manager.start();
    c.client.create('persistentvolumeclaims', pvc('1Gi', { storageClassName: '' }));
    c.run(3000);
    expect(c.client.events.filter((e) => e.reason === 'FailedBinding').map((e) => e.message)).toContain('no persistent volumes available for this claim and no storage class is set');
    expect(c.client.objects('persistentvolumeclaims', 'default')[0]!.status?.phase).toBe('Pending');
  });
});
