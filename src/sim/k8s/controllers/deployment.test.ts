import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../api/types.ts';
import { HASH_LABEL, REVISION, resolveFenceposts } from './deployment.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment } from './testing/objects.ts';
import { controllerRef, isPodActive, isPodReady } from './util.ts';

function setup(d: Deployment, opts: { readyDelayMs?: number; seed?: number } = {}) {
  const c = new FakeCluster(opts);
  c.manager.start();
  c.client.create('deployments', d);
  return c;
}

const rss = (c: FakeCluster) => c.client.objects('replicasets');
const getD = (c: FakeCluster, name = 'web') => c.client.objects('deployments').find((d) => d.metadata.name === name)!;
const active = (c: FakeCluster) => c.pods().filter(isPodActive);
const setImage = (c: FakeCluster, image: string, name = 'web') =>
  c.client.update('deployments', { ...getD(c, name), spec: { ...getD(c, name).spec, template: { ...getD(c, name).spec.template, spec: { containers: [{ name: 'web', image }] } } } });

describe('Deployment controller', () => {
  it('creates <name>-<hash> ReplicaSet, pods, revision, events and status', () => {
    const c = setup(deployment('web', 3));
    c.run(10_000);
    const [rs] = rss(c);
    const hash = rs!.metadata.labels![HASH_LABEL]!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', [HASH_LABEL]: hash });
    expect(rs!.spec.template.metadata?.labels).toEqual({ app: 'web', [HASH_LABEL]: hash });
    expect(rs!.metadata.annotations?.[REVISION]).toBe('1');
    expect(controllerRef(rs!)?.name).toBe('web');
    expect(getD(c).metadata.annotations?.[REVISION]).toBe('1');
    expect(active(c).map((p) => p.metadata.name)).toEqual(Array(3).fill(expect.stringMatching(new RegExp(`^web-${hash}-[a-z0-9]{5}$`))));
    expect(c.client.eventMessages('ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    const st = getD(c).status!;
    expect(st).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, observedGeneration: 1 });
    expect(st.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it.each([
    { strategy: undefined, replicas: 4, want: { maxSurge: 1, maxUnavailable: 1 } },
    { strategy: undefined, replicas: 3, want: { maxSurge: 1, maxUnavailable: 0 } },
    { strategy: { maxSurge: 0, maxUnavailable: 0 }, replicas: 3, want: { maxSurge: 0, maxUnavailable: 1 } },
    { strategy: { maxSurge: '50%', maxUnavailable: '50%' }, replicas: 5, want: { maxSurge: 3, maxUnavailable: 2 } },
    { strategy: { maxSurge: 2, maxUnavailable: '10%' }, replicas: 10, want: { maxSurge: 2, maxUnavailable: 1 } },
  ])('resolves maxSurge/maxUnavailable $strategy of $replicas to $want', ({ strategy, replicas, want }) => {
    const d = deployment('web', replicas, strategy ? { strategy: { type: 'RollingUpdate', rollingUpdate: strategy } } : {});
    expect(resolveFenceposts(d)).toEqual(want);
  });

  it.each([
    { replicas: 4, maxSurge: 1, maxUnavailable: 1 },
    { replicas: 3, maxSurge: '25%', maxUnavailable: '25%' },
    { replicas: 5, maxSurge: 0, maxUnavailable: 2 },
    { replicas: 2, maxSurge: 2, maxUnavailable: 0 },
  ])('rolls $replicas replicas within surge $maxSurge / unavailable $maxUnavailable', ({ replicas, maxSurge, maxUnavailable }) => {
    const d = deployment('web', replicas, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } });
    const c = setup(d, { readyDelayMs: 3000 });
    c.run(10_000);
    const f = resolveFenceposts(d);
    setImage(c, 'nginx:1.28');
    let maxPods = 0;
    let minAvail = Infinity;
    for (let t = 0; t < 120_000; t += 100) {
      c.world.clock.advance(100);
      const pods = active(c);
      maxPods = Math.max(maxPods, pods.length);
      minAvail = Math.min(minAvail, pods.filter(isPodReady).length);
    }
    expect(maxPods).toBeLessThanOrEqual(replicas + f.maxSurge);
    expect(minAvail).toBeGreaterThanOrEqual(replicas - f.maxUnavailable);
    const [newRS, oldRS] = [...rss(c)].sort((a, b) => Number(b.metadata.annotations![REVISION]) - Number(a.metadata.annotations![REVISION]));
    expect(active(c).every((p) => p.spec.containers[0]!.image === 'nginx:1.28')).toBe(true);
    expect(active(c)).toHaveLength(replicas);
    expect([newRS!.spec.replicas, oldRS!.spec.replicas]).toEqual([replicas, 0]);
    expect(getD(c).metadata.annotations?.[REVISION]).toBe('2');
    expect(getD(c).status?.conditions?.find((x) => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const msgs = c.client.eventMessages('ScalingReplicaSet');
    expect(msgs.every((m) => /^Scaled (up|down) replica set web-[a-z0-9]+ from \d+ to \d+$/.test(m))).toBe(true);
    expect(msgs.filter((m) => m.startsWith(`Scaled down replica set ${oldRS!.metadata.name} `)).at(-1)).toMatch(/ to 0$/);
  });

  it('Recreate never runs old and new pods together', () => {
    const c = setup(deployment('web', 3, { strategy: { type: 'Recreate' } }));
    c.run(10_000);
    setImage(c, 'nginx:1.28');
    for (let t = 0; t < 60_000; t += 100) {
      c.world.clock.advance(100);
      const images = new Set(active(c).map((p) => p.spec.containers[0]!.image));
      expect(images.size).toBeLessThanOrEqual(1);
    }
    expect(active(c).map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
  });

  it('a template set back to an old revision reuses that ReplicaSet under a new revision (what rollout undo relies on)', () => {
    const c = setup(deployment('web', 2));
    c.run(10_000);
    const first = rss(c)[0]!;
    const original = structuredClone(getD(c).spec.template);
    setImage(c, 'nginx:1.28');
    c.run(60_000);
    c.client.update('deployments', { ...getD(c), spec: { ...getD(c).spec, template: original } });
    c.run(60_000);
    expect(rss(c)).toHaveLength(2);
    const back = rss(c).find((rs) => rs.metadata.name === first.metadata.name)!;
    expect([back.spec.replicas, back.metadata.annotations?.[REVISION]]).toEqual([2, '3']);
    expect(getD(c).metadata.annotations?.[REVISION]).toBe('3');
    expect(active(c).every((p) => p.spec.containers[0]!.image === original.spec.containers[0]!.image)).toBe(true);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const c = setup(deployment('web', 1, { revisionHistoryLimit: 1 }));
    c.run(10_000);
    for (const v of ['1.28', '1.29', '1.30']) {
      setImage(c, `nginx:${v}`);
      c.run(30_000);
    }
    const revs = rss(c).map((rs) => rs.metadata.annotations?.[REVISION]).sort();
    expect(revs).toEqual(['3', '4']);
  });

  it('scales the ReplicaSet when spec.replicas changes', () => {
    const c = setup(deployment('web', 2));
    c.run(10_000);
    for (const n of [5, 1]) {
      c.client.update('deployments', { ...getD(c), spec: { ...getD(c).spec, replicas: n } });
      c.run(10_000);
      expect(active(c)).toHaveLength(n);
    }
    const name = rss(c)[0]!.metadata.name;
    expect(c.client.eventMessages('ScalingReplicaSet')).toEqual([`Scaled up replica set ${name} from 0 to 2`, `Scaled up replica set ${name} from 2 to 5`, `Scaled down replica set ${name} from 5 to 1`]);
    expect(getD(c).status?.observedGeneration).toBe(3);
  });

  it('converges to its replica count after any sequence of pod deletions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.record({ pick: fc.nat(), waitMs: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 12 }), (replicas, ops) => {
        const c = setup(deployment('web', replicas));
        c.run(5000);
        for (const op of ops) {
          const pods = c.pods();
          const victim = pods[op.pick % Math.max(1, pods.length)];
          if (victim) c.client.delete('pods', 'default', victim.metadata.name);
          c.world.clock.advance(op.waitMs);
        }
        c.run(30_000);
        const pods = active(c);
        expect(pods).toHaveLength(replicas);
        expect(pods.every(isPodReady)).toBe(true);
        expect(getD(c).status).toMatchObject({ replicas, availableReplicas: replicas, unavailableReplicas: 0 });
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});

