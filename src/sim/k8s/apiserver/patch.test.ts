import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';

const pod = { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'x', image: 'i:1', ports: [{ containerPort: 80 }] }, { name: 'y', image: 'j:1' }] } };

describe('patches', () => {
  it.each<[string, unknown, unknown]>([
    ['merge replaces lists', mergePatch(pod, { spec: { containers: [{ name: 'y', image: 'j:2' }] } }), { ...pod, spec: { containers: [{ name: 'y', image: 'j:2' }] } }],
    ['merge deletes with null', mergePatch(pod, { metadata: { labels: { a: null } } }), { ...pod, metadata: { labels: { b: '2' } } }],
    [
      'strategic merges containers by name',
      strategicMergePatch(pod, { spec: { containers: [{ name: 'y', image: 'j:2' }, { name: 'z', image: 'k' }] } }),
      { ...pod, spec: { containers: [pod.spec.containers[0], { name: 'y', image: 'j:2' }, { name: 'z', image: 'k' }] } },
    ],
    [
      'strategic deletes with $patch and ignores ordering directives',
      strategicMergePatch(pod, { spec: { $setElementOrder: [], containers: [{ name: 'x', $patch: 'delete' }] } }),
      { ...pod, spec: { containers: [pod.spec.containers[1]] } },
    ],
    [
      'strategic merges container ports by containerPort',
      strategicMergePatch(pod, { spec: { containers: [{ name: 'x', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } }),
      { ...pod, spec: { containers: [{ ...pod.spec.containers[0], ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }, pod.spec.containers[1]] } },
    ],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('applies JSON patch operations and reports a missing path', () => {
    const r = jsonPatch(pod, [{ op: 'replace', path: '/spec/containers/0/image', value: 'i:2' }, { op: 'add', path: '/metadata/labels/c', value: '3' }]);
    expect(r.ok && (r.value as typeof pod).spec.containers[0]!.image).toBe('i:2');
    expect(r.ok && (r.value as typeof pod).metadata.labels).toEqual({ a: '1', b: '2', c: '3' });
    expect(jsonPatch(pod, [{ op: 'remove', path: '/metadata/nope' }]).ok).toBe(false);
  });
});
