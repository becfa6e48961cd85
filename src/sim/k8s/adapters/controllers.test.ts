import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types.ts';
import { setup } from '../apiserver/testing/setup.ts';
import { SharedInformers } from '../controllers/informer.ts';
import type { EventRecorder } from '../events.ts';
import { controllerClient } from './controllers.ts';

const node = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {} });
const recorder = { record: () => {} } as unknown as EventRecorder;

describe("kube-controller-manager's client", () => {
  it("gives the shared informers the API server's own frozen objects, and a controller's list a copy it may change", () => {
    const { api, world } = setup();
    const kubectl = api.as('kubectl');
    for (const n of ['b', 'a']) kubectl.create(node(n));
    const client = controllerClient(api.as('kube-controller-manager'), recorder);
    const informers = new SharedInformers(client, world.clock);
    const nodes = informers.for('nodes');
    nodes.on(() => {});
    world.clock.advance(1);
    const cached = api.as('test').get<Node>('nodes', undefined, 'a', { resourceVersion: '0' });
    expect(cached.ok && Object.isFrozen(cached.value)).toBe(true);
    // One object per node for the whole process (the informer's first list used to keep a structuredClone of each).
    expect(nodes.get(undefined, 'a')).toBe(cached.ok ? cached.value : undefined);
    expect(nodes.list().map((n) => n.metadata.name)).toEqual(['a', 'b']);
    const listed = informers.client.list('nodes');
    expect(listed.ok && listed.value.map((n) => n.metadata.name)).toEqual(['a', 'b']);
    const mine = listed.ok ? listed.value[0]! : undefined;
    expect(mine && Object.isFrozen(mine)).toBe(false);
    mine!.metadata.labels = { changed: 'here' };
    expect(nodes.get(undefined, 'a')?.metadata.labels).toBeUndefined();
  });
});
