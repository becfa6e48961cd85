import { describe, expect, it } from 'vitest';
import { World } from '../../world.ts';
import type { ConfigMap, Pod } from '../api/types.ts';
import type { ControllerClient } from './client.ts';
import { NODE_NAME, SharedInformers } from './informer.ts';
import { FakeClient } from './testing/fake-client.ts';

const cm = (name: string, data: Record<string, string> = {}, finalizers?: string[]): ConfigMap =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...(finalizers ? { finalizers } : {}) }, data }) as ConfigMap;

/** A FakeClient that counts the list and watch calls made through it. */
function counted(world: World) {
  const api = new FakeClient(world);
  const calls = { list: 0, watch: 0 };
  const client: ControllerClient = Object.assign(Object.create(api) as FakeClient, {
    list: ((...a: Parameters<FakeClient['list']>) => (calls.list++, api.list(...a))) as FakeClient['list'],
    watch: ((...a: Parameters<FakeClient['watch']>) => (calls.watch++, api.watch(...a))) as FakeClient['watch'],
  });
  return { api, client, calls };
}

describe('shared informers', () => {
  it('lists and watches a resource once however many handlers it has, and stops with the last one', () => {
    const world = new World({ seed: 1 });
    const { api, client, calls } = counted(world);
    api.create('configmaps', cm('a'));
    const inf = new SharedInformers(client).for('configmaps');
    const seen: string[] = [];
    const off1 = inf.on((t, o) => seen.push(`1 ${t} ${o.metadata.name}`));
    const off2 = inf.on((t, o) => seen.push(`2 ${t} ${o.metadata.name}`));
    expect(calls).toEqual({ list: 1, watch: 1 });
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['a']);
    api.create('configmaps', cm('b'));
    world.clock.advance(0);
    expect(seen).toEqual(['1 ADDED b', '2 ADDED b']);
    expect(inf.get('default', 'b')?.metadata.name).toBe('b');
    off1();
    off2();
    expect(inf.running).toBe(false);
    expect(inf.list()).toEqual([]);
    inf.on(() => {});
    expect(calls).toEqual({ list: 2, watch: 2 });
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('holds frozen objects, sorted by namespace and name, with indexes', () => {
    const world = new World({ seed: 1 });
    const api = new FakeClient(world);
    const pod = (ns: string, name: string, node?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [], ...(node ? { nodeName: node } : {}) } }) as unknown as Pod;
    for (const [ns, n, node] of [['b', 'x', 'n1'], ['a', 'z', 'n2'], ['a', 'y', 'n1']] as const) api.create('pods', pod(ns, n, node));
    const pods = new SharedInformers(api).for('pods');
    pods.on(() => {});
    pods.addIndex(NODE_NAME, (p) => p.spec.nodeName);
    expect(pods.list().map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['a/y', 'a/z', 'b/x']);
    expect(pods.list('a').map((p) => p.metadata.name)).toEqual(['y', 'z']);
    expect(pods.byIndex(NODE_NAME, 'n1').map((p) => p.metadata.name)).toEqual(['y', 'x']);
    const p = pods.get('a', 'y')!;
    expect(Object.isFrozen(p) && Object.isFrozen(p.metadata)).toBe(true);
    expect(() => {
      (p.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it("has this manager's own writes at once, other writers' when their watch event arrives, and never goes back to an older version", () => {
    const world = new World({ seed: 1 });
    const api = new FakeClient(world);
    const informers = new SharedInformers(api);
    const inf = informers.for('configmaps');
    const atEvent: string[] = [];
    inf.on((_t, o) => atEvent.push(`${o.data?.v} (cache ${inf.get('default', 'a')?.data?.v})`));
    informers.client.create('configmaps', cm('a', { v: '1' }));
    expect(inf.get('default', 'a')?.data).toEqual({ v: '1' });
    // Someone else writes v2; before its event arrives we write v3 (no precondition).
    const other = api.get('configmaps', 'default', 'a');
    api.update('configmaps', { ...(other.ok ? other.value : cm('a')), data: { v: '2' } });
    expect(inf.get('default', 'a')?.data).toEqual({ v: '1' });
    const mine = api.get('configmaps', 'default', 'a');
    informers.client.update('configmaps', { ...(mine.ok ? mine.value : cm('a')), data: { v: '3' } });
    expect(inf.get('default', 'a')?.data).toEqual({ v: '3' });
    world.clock.advance(0);
    expect(atEvent).toEqual(['1 (cache 3)', '2 (cache 3)', '3 (cache 3)']);
  });

  it('hides what this manager deleted until the watch shows it deleted or being deleted', () => {
    const world = new World({ seed: 1 });
    const api = new FakeClient(world);
    const informers = new SharedInformers(api);
    const inf = informers.for('configmaps');
    inf.on(() => {});
    api.create('configmaps', cm('gone'));
    api.create('configmaps', cm('held', {}, ['example.com/hold']));
    world.clock.advance(0);
    // An update still in flight when the delete is made must not bring the object back.
    const held = api.get('configmaps', 'default', 'held');
    api.update('configmaps', { ...(held.ok ? held.value : cm('held')), data: { v: 'late' } });
    informers.client.delete('configmaps', 'default', 'gone');
    informers.client.delete('configmaps', 'default', 'held');
    expect(inf.list()).toEqual([]);
    world.clock.advance(0);
    expect(inf.get('default', 'gone')).toBeUndefined();
    expect(inf.get('default', 'held')?.metadata.deletionTimestamp).toBeDefined();
  });
});

describe('shared informers as reflectors', () => {
  it('list and watch again after the watch ends, with back-off while the API server is down, and tell handlers what changed meanwhile', () => {
    const world = new World({ seed: 1 });
    const api = new FakeClient(world);
    let down = false;
    const open: { cancel: () => void; onError?: () => void }[] = [];
    const client: ControllerClient = Object.assign(Object.create(api) as FakeClient, {
      list: ((...a: Parameters<FakeClient['list']>) =>
        down ? { ok: false, errors: [{ code: 'InternalError', httpCode: 500, message: 'connection refused' }] } : api.list(...a)) as FakeClient['list'],
      watch: ((resource: 'configmaps', onEvent: Parameters<FakeClient['watch']>[1], onError?: () => void) => {
        const cancel = api.watch(resource, onEvent);
        open.push({ cancel, onError });
        return cancel;
      }) as FakeClient['watch'],
    });
    const inf = new SharedInformers(client, world.clock).for('configmaps');
    const seen: string[] = [];
    inf.on((t, o) => seen.push(`${t} ${o.metadata.name}`));
    api.create('configmaps', cm('a'));
    world.clock.advance(0);
    expect(seen).toEqual(['ADDED a']);
    // The watch ends (as on 410 Gone) and the API server is down: nothing is lost, only late.
    down = true;
    for (const w of open.splice(0)) {
      w.cancel();
      w.onError?.();
    }
    api.create('configmaps', cm('b'));
    api.delete('configmaps', 'default', 'a');
    world.clock.advance(3_000);
    expect(inf.synced).toBe(false);
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['a']);
    down = false;
    world.clock.advance(5_000);
    expect(inf.synced).toBe(true);
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['b']);
    expect(seen).toEqual(['ADDED a', 'DELETED a', 'ADDED b']);
    // Watching again: later changes arrive as events.
    api.create('configmaps', cm('c'));
    world.clock.advance(0);
    expect(seen.at(-1)).toBe('ADDED c');
  });
});
