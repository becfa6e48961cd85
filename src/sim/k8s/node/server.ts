/**
 * The kubelet's own API (port 10250) as far as the API server proxies to it:
 * `containerLogs` behind pods/log and `exec` behind pods/exec. A thin adapter
 * over the container runtime's log and exec entry points, so the runtime can
 * change underneath without kubectl noticing. Errors carry the kubelet's
 * wording; the API server passes them on as it receives them.
 */
import type { ResourceStats, KubeletServer, LogStream } from '../api/kubelet.ts';
import type { ContainerStatus, Pod } from '../api/types.ts';
import { fail, ok, simError, type Result } from '../../errors.ts';
import type { ContainerRuntime } from './runtime.ts';

/** RFC 3339 with nanoseconds, trailing zeros trimmed, as the kubelet stamps lines. */
export function logTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

const badRequest = (message: string) => fail(simError('BadRequest', message));

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);
}

const runtimeId = (id: string | undefined) => id?.replace(/^containerd:\/\//, '');

export function kubeletServer(runtime: ContainerRuntime): KubeletServer {
  /**
   * kubelet validateContainerLogStatus: -p reads the last terminated
   * instance; a container waiting to restart serves its last run; one that
   * never ran is "waiting to start".
   */
  const containerId = (pod: Pod, name: string, previous: boolean): Result<string> => {
    const st = statusOf(pod, name);
    const podName = pod.metadata.name;
    const current = runtimeId(st?.containerID);
    if (previous) {
      const sandbox = current ? runtime.container(current)?.sandboxId : undefined;
      const prev = sandbox ? runtime.containersIn(sandbox).filter((c) => c.name === name && c.id !== current && c.state === 'exited').at(-1) : undefined;
      if (!prev) return badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
      return ok(prev.id);
    }
    const last = runtimeId(st?.lastState?.terminated?.containerID);
    if (st?.state?.waiting && last) return ok(last);
    if (!current || st?.state?.waiting) return badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${st?.state?.waiting?.reason ?? 'ContainerCreating'}`);
    return ok(current);
  };

  return {
    resourceStats() {
      const pods: ResourceStats['pods'] = [];
      let cpu = 0;
      let mem = 0;
      for (const sb of runtime.sandboxes()) {
        if (sb.state !== 'ready') continue;
        const containers = runtime.containersIn(sb.id).filter((c) => c.state === 'running').map((c) => ({ name: c.name, ...runtime.usage(c) }));
        for (const c of containers) {
          cpu += c.cpuMilli;
          mem += c.memoryBytes;
        }
        pods.push({ namespace: sb.namespace, name: sb.name, containers });
      }
      return { node: { cpuMilli: cpu, memoryBytes: mem }, pods };
    },
    containerLogs(pod, opts) {
      const id = containerId(pod, opts.container, !!opts.previous);
      if (!id.ok) return id;
      const fmt = (l: { at: number; line: string }) => (opts.timestamps ? `${logTimestamp(l.at)} ${l.line}\n` : `${l.line}\n`);
      let entries = runtime.logEntries(id.value);
      let seen = entries.length;
      if (opts.tailLines !== undefined && opts.tailLines >= 0) entries = entries.slice(Math.max(0, entries.length - opts.tailLines));
      const stream: LogStream = { text: entries.map(fmt).join('') };
      if (opts.follow)
        stream.follow = {
          read() {
            const all = runtime.logEntries(id.value);
            const text = all.slice(seen).map(fmt).join('');
            seen = all.length;
            return text;
          },
          open: () => runtime.container(id.value)?.state === 'running',
        };
      return ok(stream);
    },
    portForward(pod, port) {
      const ns = pod.metadata.namespace ?? 'default';
      const sb = runtime.sandboxes().find((s) => s.name === pod.metadata.name && s.namespace === ns && s.state === 'ready');
      if (!sb) return fail(simError('NotFound', `pod ${pod.metadata.name} has no running sandbox`));
      return ok(runtime.listenerAt(sb, port));
    },
    exec(pod, container, argv, input) {
      const ns = pod.metadata.namespace ?? 'default';
      const running = runtime
        .sandboxes()
        .filter((s) => s.name === pod.metadata.name && s.namespace === ns && s.state === 'ready')
        .some((s) => runtime.containersIn(s.id).some((c) => c.name === container && c.state === 'running'));
      // The CRI answers this for a container that is not running; the upgrade fails with it.
      if (!running) return fail(simError('NotFound', `container not found ("${container}")`));
      return ok(runtime.exec({ namespace: ns, name: pod.metadata.name }, container, argv, input));
    },
  };
}
