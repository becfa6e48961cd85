import { describe, expect, it } from 'vitest';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment } from './testing/objects.ts';
import { isPodActive } from './util.ts';

describe('controller manager', () => {
  it('does not replace deleted pods while stopped, and catches up when started', () => {
    const c = new FakeCluster();
    c.manager.start();
    c.client.create('deployments', deployment('web', 3));
    c.run(10_000);
    c.manager.stop();
    expect(c.manager.running).toBe(false);
    for (const p of c.pods().slice(0, 2)) c.client.delete('pods', 'default', p.metadata.name);
    c.run(300_000);
    expect(c.pods().filter(isPodActive)).toHaveLength(1);
    const created = c.client.events.length;
    c.manager.start();
    c.run(10_000);
    expect(c.pods().filter(isPodActive)).toHaveLength(3);
    expect(c.client.eventMessages('SuccessfulCreate').length).toBe(5);
    expect(c.client.events.length).toBeGreaterThan(created);
  });

  it('start and stop are idempotent and leave no timers behind', () => {
    const c = new FakeCluster({ nodes: [] });
    const before = c.world.clock.pending();
    c.manager.start();
    c.manager.start();
    expect(c.world.clock.pending()).toBeGreaterThan(before);
    c.manager.stop();
    c.manager.stop();
    expect(c.world.clock.pending()).toBe(before);
  });

  it('gives the same objects for the same seed', () => {
    const names = (seed: number) => {
      const c = new FakeCluster({ seed });
      c.manager.start();
      c.client.create('deployments', deployment('web', 3));
      c.run(10_000);
      return c.pods().map((p) => p.metadata.name);
    };
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
  });
});
