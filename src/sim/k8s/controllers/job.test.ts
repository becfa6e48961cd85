import { describe, expect, it } from 'vitest';
import type { Job } from '../api/types.ts';
import { failureBackoffMs } from './job.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { template } from './testing/objects.ts';
import { isPodActive } from './util.ts';

const job = (spec: Partial<Job['spec']> = {}): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: { template: { ...template({ app: 'pi' }), spec: { ...template().spec, restartPolicy: 'Never' } }, ...spec },
});

function run(j: Job, phase: 'Succeeded' | 'Failed', ms: number) {
  const c = new FakeCluster({ readyDelayMs: 1000, outcome: () => ({ phase, afterMs: 5000 }) });
  c.manager.start();
  c.client.create('jobs', j);
  let maxActive = 0;
  for (let t = 0; t < ms; t += 500) {
    c.world.clock.advance(500);
    maxActive = Math.max(maxActive, c.pods().filter(isPodActive).length);
  }
  return { c, maxActive, status: c.client.objects('jobs')[0]!.status! };
}

describe('Job controller', () => {
  it.each([
    { completions: undefined, parallelism: undefined, pods: 1, maxActive: 1 },
    { completions: 3, parallelism: undefined, pods: 3, maxActive: 1 },
    { completions: 4, parallelism: 2, pods: 4, maxActive: 2 },
    { completions: 2, parallelism: 5, pods: 2, maxActive: 2 },
  ])('completions=$completions parallelism=$parallelism runs $pods pods, at most $maxActive at once', ({ completions, parallelism, pods, maxActive }) => {
    const r = run(job({ completions, parallelism }), 'Succeeded', 60_000);
    expect(r.c.pods()).toHaveLength(pods);
    expect(r.maxActive).toBe(maxActive);
    expect(r.status).toMatchObject({ active: 0, succeeded: pods, failed: 0 });
    expect(r.status.conditions?.map((x) => [x.type, x.status])).toEqual([['Complete', 'True']]);
    expect(r.status.completionTime).toBeDefined();
    expect(r.c.client.eventMessages('Completed')).toEqual(['Job completed']);
    const p = r.c.pods()[0]!;
    expect(p.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(p.metadata.labels).toMatchObject({ app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi' });
    expect(r.c.client.eventMessages('SuccessfulCreate').sort()).toEqual(r.c.pods().map((x) => `Created pod: ${x.metadata.name}`).sort());
  });

  it.each([
    { backoffLimit: 0, pods: 1 },
    { backoffLimit: 2, pods: 3 },
  ])('fails with BackoffLimitExceeded after backoffLimit=$backoffLimit retries ($pods pods)', ({ backoffLimit, pods }) => {
    const r = run(job({ backoffLimit }), 'Failed', 200_000);
    expect(r.c.pods()).toHaveLength(pods);
    expect(r.status).toMatchObject({ active: 0, failed: pods });
    expect(r.status.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']]);
    expect(r.c.client.eventMessages('BackoffLimitExceeded')).toEqual(['Job has reached the specified backoff limit']);
  });

  it('waits 10 s, then 20 s, then 40 s after consecutive failures', () => {
    const r = run(job({ backoffLimit: 3 }), 'Failed', 300_000);
    const created = r.c.client.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.at);
    const gaps = created.slice(1).map((t, i) => t - created[i]!);
    // Each pod runs 1 s to start + 5 s to fail; the rest is back-off.
    expect(gaps).toEqual([16_000, 26_000, 46_000]);
  });

  it.each([
    { n: 0, ms: 0 },
    { n: 1, ms: 10_000 },
    { n: 3, ms: 40_000 },
    { n: 7, ms: 600_000 },
    { n: 30, ms: 600_000 },
  ])('back-off after $n failures is $ms ms', ({ n, ms }) => {
    expect(failureBackoffMs(n)).toBe(ms);
  });
});
