import { describe, expect, it } from 'vitest';
import { must, printed } from './testing/expect.ts';
import { pod, setup } from './testing/setup.ts';

function cluster() {
  const s = setup();
  must(s.kubectl.create(pod('a', {}, { app: 'web', env: 'prod' })));
  must(s.kubectl.create(pod('b', {}, { app: 'web', env: 'dev', canary: 'true' })));
  must(s.kubectl.create(pod('c', {}, { app: 'db' })));
  must(s.api.as('kube-scheduler').bind('default', 'a', 'kind-worker'));
  must(s.api.as('kube-scheduler').bind('default', 'c', 'kind-worker2'));
  return s;
}

describe('label selectors', () => {
  it.each<[string, string[]]>([
    ['app=web', ['a', 'b']],
    ['app==web', ['a', 'b']],
    ['app!=web', ['c']],
    ['app=web,env=prod', ['a']],
    ['env in (prod, dev)', ['a', 'b']],
    ['env notin (prod)', ['b', 'c']],
    ['canary', ['b']],
    ['!canary', ['a', 'c']],
    ['app=web,!canary', ['a']],
    ['', ['a', 'b', 'c']],
  ])('%s', (selector, names) => {
    const { kubectl } = cluster();
    expect(must(kubectl.list('pods', 'default', { labelSelector: selector })).items.map((p) => p.metadata.name)).toEqual(names);
  });

  it('rejects a malformed selector as a bad request', () => {
    const r = cluster().kubectl.list('pods', 'default', { labelSelector: 'env in prod' });
    expect(printed(r)).toMatch(/^Error from server \(BadRequest\): unable to parse requirement/);
  });
});

describe('field selectors', () => {
  it.each<[string, string[]]>([
    ['metadata.name=b', ['b']],
    ['metadata.namespace=default', ['a', 'b', 'c']],
    ['spec.nodeName=kind-worker', ['a']],
    ['spec.nodeName=', ['b']],
    ['spec.nodeName!=kind-worker', ['b', 'c']],
    ['status.phase=Pending', ['a', 'b', 'c']],
    ['status.phase!=Pending', []],
  ])('%s', (selector, names) => {
    const { kubectl } = cluster();
    expect(must(kubectl.list('pods', undefined, { fieldSelector: selector })).items.map((p) => p.metadata.name)).toEqual(names);
  });

  it('rejects a field the kind does not index', () => {
    expect(printed(cluster().kubectl.list('pods', 'default', { fieldSelector: 'spec.hostname=x' }))).toBe('Error from server (BadRequest): field label not supported: spec.hostname');
  });
});
