/**
 * The pods/log and pods/exec subresources: the API server reads the pod,
 * checks the container name (registry/core/pod/strategy.go validateContainer),
 * finds the kubelet of the pod's node and passes the request on. Kubelet
 * errors come back to the client as the kubelet worded them.
 */
import type { ExecInput, ExecOutput, KubeletServer, LogStream } from '../api/kubelet.ts';
import type { Pod } from '../api/types.ts';
import type { Listener } from '../../containers/types.ts';
import { apiFail, apiOk, badRequest, notFound, type ApiError, type ApiResult } from './status.ts';
import type { Result } from '../../errors.ts';

export interface PodLogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  follow?: boolean;
}

export interface PodExecOptions {
  container?: string;
  command: string[];
  stdin?: boolean;
  tty?: boolean;
  /** A line typed into an interactive shell over the open stream (see ExecInput). */
  input?: ExecInput;
}

const names = (cs: { name: string }[] | undefined) => (cs ?? []).map((c) => c.name).join(' ');

/** validateContainer: an empty name picks the only container; a given name must exist. */
export function validateContainer(pod: Pod, container: string | undefined): ApiResult<string> {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? [])];
  if (!container) {
    if (pod.spec.containers.length === 1) return apiOk(pod.spec.containers[0]!.name);
    if (!pod.spec.containers.length) return apiFail(badRequest(`the server could not find the container for pod ${pod.metadata.name}`));
    let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names(pod.spec.containers)}]`;
    if (pod.spec.initContainers?.length) msg += ` or one of the init containers: [${names(pod.spec.initContainers)}]`;
    return apiFail(badRequest(msg));
  }
  if (!all.some((c) => c.name === container)) return apiFail(badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`));
  return apiOk(container);
}

/** A kubelet's answer as an API error: its text, with the HTTP status it answered. */
function fromKubelet<T>(r: Result<T>): ApiResult<T> {
  if (r.ok) return apiOk(r.value);
  const e = r.errors[0]!;
  const err: ApiError = e.code === 'NotFound' ? { ...notFound('', ''), message: e.message, details: {} } : badRequest(e.message);
  return apiFail(err);
}

export function podLog(pod: Pod, opts: PodLogOptions, kubelet: (node: string) => KubeletServer | undefined): ApiResult<LogStream> {
  const c = validateContainer(pod, opts.container);
  if (!c.ok) return c;
  // LogLocation: a pod without a node has no location; the LocationStreamer then streams nothing.
  const server = pod.spec.nodeName ? kubelet(pod.spec.nodeName) : undefined;
  if (!pod.spec.nodeName) return apiOk({ text: '' });
  if (!server) return apiFail(badRequest(`node "${pod.spec.nodeName}" not found`));
  return fromKubelet(server.containerLogs(pod, { container: c.value, previous: opts.previous, tailLines: opts.tailLines, timestamps: opts.timestamps, follow: opts.follow }));
}

/** pods/portforward: one connection, proxied to the kubelet of the pod's node. */
export function podPortForward(pod: Pod, port: number, kubelet: (node: string) => KubeletServer | undefined): ApiResult<Listener | undefined> {
  if (!pod.spec.nodeName) return apiFail(badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const server = kubelet(pod.spec.nodeName);
  if (!server) return apiFail(badRequest(`node "${pod.spec.nodeName}" not found`));
  return fromKubelet(server.portForward(pod, port));
}

export function podExec(pod: Pod, opts: PodExecOptions, kubelet: (node: string) => KubeletServer | undefined): ApiResult<ExecOutput> {
  const c = validateContainer(pod, opts.container);
  if (!c.ok) return c;
  if (!pod.spec.nodeName) return apiFail(badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const server = kubelet(pod.spec.nodeName);
  if (!server) return apiFail(badRequest(`node "${pod.spec.nodeName}" not found`));
  return fromKubelet(server.exec(pod, c.value, opts.command, opts.input));
}
