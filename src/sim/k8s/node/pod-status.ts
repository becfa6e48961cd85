/**
 * The pod phase and conditions the kubelet derives from its containers
 * (kubelet_pods.go getPhase and the status manager's conditions), as pure
 * functions so each rule is testable on its own.
 */
import type { ContainerStatus, PodCondition, PodStatus } from '../api/types.ts';

type Phase = NonNullable<PodStatus['phase']>;

/** A container that is waiting but has run before counts as stopped (it is between restarts). */
export function podPhase(init: ContainerStatus[], main: ContainerStatus[], restartPolicy: 'Always' | 'OnFailure' | 'Never', terminal = false): Phase {
  if (restartPolicy === 'Never' && init.some((c) => (c.state.terminated?.exitCode ?? 0) !== 0)) return 'Failed';
  if (!init.every((c) => c.state.terminated?.exitCode === 0)) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of main) {
    const t = c.state.terminated ?? (c.state.waiting ? c.lastState?.terminated : undefined);
    if (c.state.running) running++;
    else if (t) {
      stopped++;
      if (t.exitCode === 0) succeeded++;
    } else waiting++;
  }
  // A pod being torn down reports the outcome as if it would not restart.
  const policy = terminal ? 'Never' : restartPolicy;
  if (waiting > 0 && !terminal) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'OnFailure') return 'Running';
    return 'Failed';
  }
  return 'Pending';
}

export function podConditions(opts: {
  sandboxReady: boolean;
  init: ContainerStatus[];
  main: ContainerStatus[];
  phase: Phase;
  previous: PodCondition[];
  now: string;
}): PodCondition[] {
  const prev = new Map(opts.previous.map((c) => [c.type, c]));
  const cond = (type: PodCondition['type'], ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    const p = prev.get(type);
    const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: p && p.status === status ? p.lastTransitionTime! : opts.now };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  };
  const done = opts.phase === 'Succeeded' || opts.phase === 'Failed';
  const incomplete = opts.init.filter((c) => c.state.terminated?.exitCode !== 0).map((c) => c.name);
  const unready = opts.main.filter((c) => !c.ready).map((c) => c.name);
  const readyReason = done ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  return [
    cond('PodReadyToStartContainers', opts.sandboxReady),
    cond('Initialized', incomplete.length === 0 || done, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
    cond('Ready', unready.length === 0 && !done, readyReason, readyMessage),
    cond('ContainersReady', unready.length === 0 && !done, readyReason, readyMessage),
    prev.get('PodScheduled') ?? cond('PodScheduled', true),
  ];
}
