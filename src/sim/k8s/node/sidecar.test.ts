import { describe, expect, it } from 'vitest';
import type { Container } from '../api/types.ts';
import { nodeFixture } from './testing/node-fixture.ts';

/**
 * Native sidecars (KEP-753, "Sidecar Containers" in the Kubernetes docs:
 * content/en/docs/concepts/workloads/pods/sidecar-containers.md): an init
 * container with restartPolicy: Always starts before the following init
 * containers and the app containers, keeps running without blocking
 * Initialized, counts in READY, is restarted when it exits, and is stopped
 * after the app containers.
 */
const sidecar: Container = { name: 'logshipper', image: 'busybox:1.37', restartPolicy: 'Always', command: ['sh', '-c', 'tail -f /dev/null'] };
const app: Container = { name: 'myapp', image: 'nginx:1.27' };

describe('native sidecar containers', () => {
  it('starts before the next init container and the app, keeps running, and the pod is Initialized, 2/2 Ready', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'p', initContainers: [sidecar, { name: 'setup', image: 'busybox:1.37', command: ['true'] }], containers: [app] });
    seconds(5);
    const ev = client.eventsFor('p').filter((e) => e.startsWith('Started'));
    expect(ev).toEqual(['Started: Started container logshipper', 'Started: Started container setup', 'Started: Started container myapp']);
    const pod = client.pod('p')!;
    expect(pod.status?.phase).toBe('Running');
    const cond = Object.fromEntries((pod.status?.conditions ?? []).map((c) => [c.type, c.status]));
    expect(cond).toMatchObject({ Initialized: 'True', Ready: 'True', ContainersReady: 'True' });
    expect(pod.status?.initContainerStatuses?.[0]).toMatchObject({ name: 'logshipper', ready: true, started: true, state: { running: {} } });
  });

  it('a sidecar that exits is restarted even in a restartPolicy: Never pod', () => {
    const { run, seconds, runtime, client } = nodeFixture();
    run({ name: 'p', restartPolicy: 'Never', initContainers: [sidecar], containers: [app] });
    seconds(5);
    runtime.crashContainer({ namespace: 'default', name: 'p' }, 'logshipper', 1);
    seconds(1);
    const st = client.pod('p')?.status?.initContainerStatuses?.[0];
    expect(st?.restartCount).toBe(1);
    expect(st?.state.running).toBeDefined();
  });

  it('when the app containers of a Job-like pod complete, the sidecar is stopped and the pod Succeeds', () => {
    const { run, seconds, client } = nodeFixture();
    run({ name: 'p', restartPolicy: 'Never', initContainers: [sidecar], containers: [{ name: 'job', image: 'busybox:1.37', command: ['sh', '-c', 'echo done'] }] });
    seconds(3);
    expect(client.eventsFor('p')).toContain('Killing: Stopping container logshipper');
    seconds(31); // tail ignores SIGTERM as PID 1: SIGKILL after the grace period
    expect(client.pod('p')?.status?.phase).toBe('Succeeded');
  });

  it('on deletion the app containers are stopped first, the sidecar after they have exited', () => {
    const { run, seconds, client } = nodeFixture();
    run({ name: 'p', initContainers: [sidecar], containers: [app] });
    seconds(5);
    client.deletePod('default', 'p', {});
    seconds(0.05);
    expect(client.eventsFor('p').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container myapp']);
    seconds(0.2); // nginx quits on SIGQUIT in 100 ms
    expect(client.eventsFor('p').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container myapp', 'Killing: Stopping container logshipper']);
  });
});
