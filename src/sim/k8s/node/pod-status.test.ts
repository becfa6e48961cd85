import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../api/types.ts';
import { podConditions, podPhase } from './pod-status.ts';

const running: ContainerStatus = { name: 'web', image: 'nginx', ready: true, restartCount: 0, state: { running: {} } };
const creating: ContainerStatus = { name: 'web', image: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
const exit = (code: number): ContainerStatus => ({ name: 'job', image: 'busybox', ready: false, restartCount: 0, state: { terminated: { exitCode: code } } });
const crashLoop: ContainerStatus = { name: 'web', image: 'nginx', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } };

describe('pod phase', () => {
  it.each([
    ['a container still being created keeps the pod Pending', [], [creating], 'Always', 'Pending'],
    ['a running container makes it Running', [], [running], 'Always', 'Running'],
    ['a crash-looping container under Always is still Running', [], [crashLoop], 'Always', 'Running'],
    ['exit 0 under Never is Succeeded', [], [exit(0)], 'Never', 'Succeeded'],
    ['exit 1 under Never is Failed', [], [exit(1)], 'Never', 'Failed'],
    ['exit 1 under OnFailure is Running (it will restart)', [], [exit(1)], 'OnFailure', 'Running'],
    ['exit 0 under OnFailure is Succeeded', [], [exit(0)], 'OnFailure', 'Succeeded'],
    ['an unfinished init container keeps it Pending', [{ ...running, name: 'init' }], [creating], 'Always', 'Pending'],
    ['a failed init container under Never is Failed', [exit(1)], [creating], 'Never', 'Failed'],
  ] as const)('%s', (_n, init, main, policy, phase) => expect(podPhase([...init], [...main], policy)).toBe(phase));

  it('a deleted pod whose containers exited 0 after SIGTERM ends Succeeded', () => {
    expect(podPhase([], [exit(0)], 'Always', true)).toBe('Succeeded');
    expect(podPhase([], [{ ...exit(137) }], 'Always', true)).toBe('Failed');
  });
});

describe('pod conditions', () => {
  const now = '2026-01-15T09:00:00Z';
  it('names the unready containers', () => {
    const c = podConditions({ sandboxReady: true, init: [], main: [creating], phase: 'Pending', previous: [], now });
    expect(c.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(c.find((x) => x.type === 'PodReadyToStartContainers')?.status).toBe('True');
  });

  it('keeps lastTransitionTime while the status does not change', () => {
    const first = podConditions({ sandboxReady: true, init: [], main: [running], phase: 'Running', previous: [], now });
    const later = podConditions({ sandboxReady: true, init: [], main: [running], phase: 'Running', previous: first, now: '2026-01-15T09:05:00Z' });
    expect(later.find((x) => x.type === 'Ready')?.lastTransitionTime).toBe(now);
  });
});
