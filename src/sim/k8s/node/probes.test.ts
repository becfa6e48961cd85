import { describe, expect, it } from 'vitest';
import type { Container } from '../api/types.ts';
import { nodeFixture } from './testing/node-fixture.ts';

/**
 * Probe semantics as the kubelet's prober and kuberuntime implement them
 * (pkg/kubelet/prober/worker.go: one result per period, failureThreshold
 * consecutive failures flip the result, a liveness/startup failure puts the
 * worker on hold until a new container ID; kuberuntime_manager.go: the kill
 * uses the probe's terminationGracePeriodSeconds or the pod's, the event is
 * "Container X failed liveness probe, will be restarted"; doBackOff: the first
 * restart is immediate, then 10 s doubling to 5 min, forgotten after 10 min of
 * running). Texts from the docs page "Configure Liveness, Readiness and Startup
 * Probes" (kubernetes/website content/en/docs/tasks/configure-pod-container/).
 */
const sleeper = (extra: Partial<Container>): Container => ({ name: 'liveness', image: 'busybox:1.37', command: ['sleep', '3600'], ...extra });
const catHealthy = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 };

/** Times (s since the fixture started) at which events with this reason were written. */
const T0 = new Date('2026-01-15T09:00:00Z').getTime();
const timesOf = (events: { reason?: string; message?: string; at: number }[], reason: string) => events.filter((e) => e.reason === reason).map((e) => (e.at - T0) / 1000);
const now = (c: { clock: { now(): number } }) => (c.clock.now() - T0) / 1000;

describe('liveness probe: kill once, wait the grace period, restart with back-off', () => {
  it('three failures 5 s apart give one Killing; a process that ignores SIGTERM is SIGKILLed after terminationGracePeriodSeconds (30 s)', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'liveness-exec', containers: [sleeper({ livenessProbe: catHealthy })] });
    seconds(30);
    const ev = client.events.filter((e) => e.involvedObject.name === 'liveness-exec');
    expect(ev.filter((e) => e.reason === 'Unhealthy').map((e) => e.message)).toEqual(Array(3).fill("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"));
    expect(timesOf(ev, 'Killing')).toHaveLength(1);
    expect(ev.find((e) => e.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
    const killedAt = timesOf(ev, 'Killing')[0]!;
    // Still running inside the grace period: no second kill, no restart.
    expect(status('liveness-exec')?.state.running).toBeDefined();
    expect(status('liveness-exec')?.restartCount).toBe(0);
    seconds(killedAt + 30 + 0.5 - now(client));
    const s = status('liveness-exec')!;
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(timesOf(client.events.filter((e) => e.involvedObject.name === 'liveness-exec'), 'Killing')).toHaveLength(1);
  });

  it("the probe's own terminationGracePeriodSeconds overrides the pod's", () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'p', containers: [sleeper({ livenessProbe: { ...catHealthy, terminationGracePeriodSeconds: 2 } })] });
    seconds(17);
    const killedAt = timesOf(client.events.filter((e) => e.involvedObject.name === 'p'), 'Killing')[0]!;
    expect(status('p')?.restartCount).toBe(0);
    seconds(killedAt + 2.5 - now(client));
    expect(status('p')?.restartCount).toBe(1);
  });

  it('restarts at once the first time, then after 10 s, 20 s, 40 s of CrashLoopBackOff', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 'p', containers: [sleeper({ livenessProbe: { ...catHealthy, initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 1 } })] });
    seconds(200);
    const ev = client.events.filter((e) => e.involvedObject.name === 'p');
    const kills = timesOf(ev, 'Killing');
    const starts = timesOf(ev, 'Started');
    // Each instance: killed by the first probe, SIGKILLed 1 s later; the gap before the next start is the back-off.
    const gaps = starts.slice(1).map((t, i) => Math.round(t - (kills[i]! + 1)));
    expect(gaps.slice(0, 4)).toEqual([0, 10, 20, 40]);
    expect(ev.some((e) => e.reason === 'BackOff' && /^Back-off restarting failed container liveness in pod p_default\(uid-\d+\)$/.test(e.message ?? ''))).toBe(true);
  });

  it('the back-off is forgotten after 10 minutes of running', () => {
    const { run, seconds, runtime, status } = nodeFixture();
    run({ name: 'p', containers: [sleeper({})] });
    seconds(2);
    const crash = () => runtime.crashContainer({ namespace: 'default', name: 'p' }, 'liveness', 1);
    crash();
    seconds(1); // restarted at once
    crash();
    seconds(1);
    expect(status('p')?.state.waiting?.reason).toBe('CrashLoopBackOff');
    seconds(10);
    expect(status('p')?.restartCount).toBe(2);
    seconds(601);
    crash();
    seconds(1);
    expect(status('p')?.restartCount).toBe(3);
    expect(status('p')?.state.running).toBeDefined();
  });
});

describe('readiness and startup probes', () => {
  it('readiness flips Ready both ways without restarting the container', () => {
    const { run, seconds, status, runtime } = nodeFixture();
    run({ name: 'r', containers: [sleeper({ readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2, failureThreshold: 2 } })] });
    seconds(5);
    expect(status('r')?.ready).toBe(false);
    runtime.exec({ namespace: 'default', name: 'r' }, 'liveness', ['touch', '/tmp/ready']);
    seconds(2.5);
    expect(status('r')?.ready).toBe(true);
    runtime.exec({ namespace: 'default', name: 'r' }, 'liveness', ['rm', '/tmp/ready']);
    seconds(2.1);
    expect(status('r')?.ready).toBe(true); // one failure of two
    seconds(2);
    expect(status('r')?.ready).toBe(false);
    expect(status('r')?.restartCount).toBe(0);
  });

  it('successThreshold: readiness needs that many successes in a row', () => {
    const { run, seconds, status } = nodeFixture();
    run({ name: 'r', containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 3, successThreshold: 3 } }] });
    seconds(1.05 + 3 + 1); // probes at start, +3
    expect(status('r')?.ready).toBe(false);
    seconds(3);
    expect(status('r')?.ready).toBe(true);
  });

  it('a startup probe holds liveness and readiness back until it succeeds, then started=true', () => {
    const { client, run, seconds, status, runtime } = nodeFixture();
    run({
      name: 's',
      containers: [sleeper({ startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 2, failureThreshold: 30 }, livenessProbe: { exec: { command: ['cat', '/tmp/never'] }, periodSeconds: 1, failureThreshold: 1 } })],
    });
    seconds(20);
    expect(status('s')?.started).toBe(false);
    expect(status('s')?.ready).toBe(false);
    expect(status('s')?.restartCount).toBe(0);
    expect(client.eventsFor('s').some((e) => e.startsWith('Unhealthy: Liveness'))).toBe(false);
    expect(client.eventsFor('s')).toContain("Unhealthy: Startup probe failed: cat: can't open '/tmp/started': No such file or directory");
    runtime.exec({ namespace: 'default', name: 's' }, 'liveness', ['touch', '/tmp/started']);
    seconds(2.1);
    expect(status('s')?.started).toBe(true);
    seconds(3);
    expect(client.eventsFor('s')).toContain('Killing: Container liveness failed liveness probe, will be restarted');
  });

  it('a startup probe that never succeeds kills with "failed startup probe"', () => {
    const { client, run, seconds } = nodeFixture();
    run({ name: 's', containers: [sleeper({ startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 1, failureThreshold: 3 } })] });
    seconds(5);
    expect(client.eventsFor('s')).toContain('Killing: Container liveness failed startup probe, will be restarted');
  });

  it('grpc and tcpSocket handlers answer from what the container really listens on', () => {
    const { client, run, seconds, status } = nodeFixture();
    run({ name: 'g', containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { grpc: { port: 9090 }, periodSeconds: 5 } }] });
    run({ name: 't', containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } }] });
    seconds(3);
    expect(client.eventsFor('g')).toContain('Unhealthy: Readiness probe failed: error: health rpc probe failed: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.244.1.2:9090: connect: connection refused"');
    expect(status('t')?.ready).toBe(true);
  });
});
