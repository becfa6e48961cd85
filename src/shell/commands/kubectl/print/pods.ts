import type { Container, Pod } from '../../../../sim/k8s/api/types.ts';
import { parseTime, translateTimestampSince } from './age.ts';
import type { ResourcePrinter } from './format.ts';

/** The reason the node lifecycle controller puts on pods of an unreachable node. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const isRestartableInit = (c: Container | undefined) => c?.restartPolicy === 'Always';

/**
 * printPod's READY, STATUS and RESTARTS: init containers first (`Init:0/1`,
 * `Init:CrashLoopBackOff`), then the app containers from last to first so the
 * first container's reason wins, then Terminating / Unknown for deleted pods.
 */
export function podStatusCells(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec.containers.length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let reason: string = status.reason || status.phase || '';
  // One pass over the conditions (this runs per row of a 10,000-pod table).
  let initializedTrue = false;
  let readyTrue = false;
  const conditions = status.conditions;
  if (conditions)
    for (let i = 0; i < conditions.length; i++) {
      const c = conditions[i]!;
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
      else if (c.type === 'Initialized' && c.status === 'True') initializedTrue = true;
      else if (c.type === 'Ready' && c.status === 'True') readyTrue = true;
    }

  const initContainers = spec.initContainers;
  const inits = initContainers?.length ? new Map<string, Container>() : undefined;
  if (initContainers)
    for (const c of initContainers) {
      inits!.set(c.name, c);
      if (isRestartableInit(c)) totalContainers++;
    }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount;
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
    const sidecar = isRestartableInit(inits?.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      if (c.lastState?.terminated) lastSidecarRestart = later(lastSidecarRestart, c.lastState.terminated.finishedAt);
    }
    const term = c.state.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      restarts += c.restartCount;
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
      const st = c.state;
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = `ExitCode:${st.terminated.exitCode}`;
      else if (c.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = readyTrue ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

/** The later of a and the time ts (RFC 3339), as printPod tracks the last restart. */
function later(a: number | undefined, ts: string | undefined): number | undefined {
  const t = parseTime(ts);
  return t !== undefined && (a === undefined || t > a) ? t : a;
}

export const podPrinter: ResourcePrinter<Pod> = {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(pod, now, wide) {
    const s = podStatusCells(pod, now);
    const cells = [pod.metadata.name, s.ready, s.status, s.restarts, translateTimestampSince(pod.metadata.creationTimestamp, now)];
    if (wide) {
      const ip = pod.status?.podIPs?.[0]?.ip || '<none>';
      cells.push(ip, pod.spec.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', '<none>');
    }
    return cells;
  },
};
