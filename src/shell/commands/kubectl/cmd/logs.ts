/**
 * `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail N] [--timestamps] [-f]`.
 * Lines come from the pod's node runtime (the kubelet's job in reality);
 * -f is a Job that prints new lines as virtual time passes and ends when the
 * container exits or the pod goes away.
 */
import type { ContainerStatus, Pod } from '../../../../sim/k8s/api/types.ts';
import type { ContainerRuntime } from '../../../../sim/k8s/node/runtime.ts';
import { apiError, clientError, eventJob, type Kctx, type Subcommand } from './context.ts';
import { pickContainer, resolvePod } from './exec.ts';

const badRequest = (message: string) => ({ code: 'BadRequest' as const, httpCode: 400, message });

/** RFC 3339 with nanoseconds, trailing zeros trimmed, as the kubelet stamps lines. */
export function logTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);
}

/** The runtime container id to read: the current one, or with -p the one before it. */
function containerId(k: Kctx, pod: Pod, name: string, runtime: ContainerRuntime): string | number {
  const st = statusOf(pod, name);
  const current = st?.containerID?.replace(/^containerd:\/\//, '');
  const podName = pod.metadata.name;
  if (k.args.previous) {
    const sandbox = current ? runtime.container(current)?.sandboxId : undefined;
    const prev = sandbox ? runtime.containersIn(sandbox).filter((c) => c.name === name && c.id !== current && c.state === 'exited').at(-1) : undefined;
    if (!prev) return apiError(k, badRequest(`previous terminated container "${name}" in pod "${podName}" not found`));
    return prev.id;
  }
  // Waiting to restart after a run: the kubelet serves the last terminated instance's logs.
  const last = st?.lastState?.terminated?.containerID?.replace(/^containerd:\/\//, '');
  if (st?.state?.waiting && last) return last;
  if (!current || st?.state?.waiting) {
    const reason = st?.state?.waiting?.reason ?? 'ContainerCreating';
    return apiError(k, badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`));
  }
  return current;
}

export const logs: Subcommand = (k) => {
  const target = k.args.args[0];
  if (!target) return clientError(k, 'expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command');
  const pod = resolvePod(k, target);
  if (typeof pod === 'number') return pod;
  const name = pickContainer(k, pod);
  if (!statusOf(pod, name) && ![...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === name)) return clientError(k, `container ${name} is not valid for pod ${pod.metadata.name}`);
  const node = pod.spec.nodeName ? k.cluster.nodes.get(pod.spec.nodeName) : undefined;
  if (!node) return apiError(k, badRequest(`container "${name}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`));
  const id = containerId(k, pod, name, node.runtime);
  if (typeof id === 'number') return id;
  const fmt = (l: { at: number; line: string }) => (k.args.flags['timestamps'] === true ? `${logTimestamp(l.at)} ${l.line}\n` : `${l.line}\n`);
  let entries = node.runtime.logEntries(id);
  const tail = k.args.tail;
  if (tail !== undefined && tail >= 0) entries = entries.slice(Math.max(0, entries.length - tail));
  k.out(entries.map(fmt).join(''));
  if (!k.args.follow) return 0;
  let seen = node.runtime.logEntries(id).length;
  return eventJob(k, (done) => {
    const stop = k.ctx.world.clock.every(200, () => {
      const all = node.runtime.logEntries(id);
      k.out(all.slice(seen).map(fmt).join(''));
      seen = all.length;
      if (node.runtime.container(id)?.state !== 'running') done(0);
    });
    return stop;
  });
};
