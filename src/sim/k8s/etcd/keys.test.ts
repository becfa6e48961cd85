import { describe, expect, it } from 'vitest';
import { keyFor, prefixFor } from './keys.ts';

describe('keyFor', () => {
  it.each([
    ['pods', 'default', 'web-1', '/registry/pods/default/web-1'],
    ['deployments', 'default', 'web', '/registry/deployments/default/web'],
    ['replicasets', 'default', 'web-5d8f', '/registry/replicasets/default/web-5d8f'],
    ['endpointslices', 'default', 'web-abcde', '/registry/endpointslices/default/web-abcde'],
    ['events', 'default', 'web-1.17a', '/registry/events/default/web-1.17a'],
    ['configmaps', 'kube-system', 'kube-proxy', '/registry/configmaps/kube-system/kube-proxy'],
    ['services', 'default', 'web', '/registry/services/specs/default/web'],
    ['endpoints', 'default', 'web', '/registry/services/endpoints/default/web'],
    ['leases', 'kube-node-lease', 'kind-worker', '/registry/leases/kube-node-lease/kind-worker'],
    ['nodes', undefined, 'kind-worker', '/registry/minions/kind-worker'],
    ['nodes', 'default', 'kind-worker', '/registry/minions/kind-worker'],
    ['namespaces', undefined, 'default', '/registry/namespaces/default'],
  ])('%s %s/%s -> %s', (resource, ns, name, want) => {
    expect(keyFor(resource, ns, name)).toBe(want);
  });
});

describe('prefixFor', () => {
  it.each([
    ['pods', undefined, '/registry/pods/'],
    ['pods', 'default', '/registry/pods/default/'],
    ['services', 'default', '/registry/services/specs/default/'],
    ['nodes', undefined, '/registry/minions/'],
    ['namespaces', 'default', '/registry/namespaces/'],
  ])('%s in %s -> %s', (resource, ns, want) => {
    expect(prefixFor(resource, ns)).toBe(want);
  });

  it('a namespace prefix never matches a longer namespace name', () => {
    expect(keyFor('pods', 'default2', 'x').startsWith(prefixFor('pods', 'default'))).toBe(false);
    expect(keyFor('pods', 'default', 'x').startsWith(prefixFor('pods', 'default'))).toBe(true);
  });
});
