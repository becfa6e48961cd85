/**
 * One probe attempt against the simulated pod, with the prober's result texts
 * (pkg/kubelet/prober): HTTP 200-399 succeeds, anything else reports the status
 * code; a closed port is "connection refused"; exec succeeds on exit code 0.
 */
import type { Probe } from '../api/types.ts';
import type { ContainerRuntime } from './runtime.ts';

export type ProbeResult = { ok: true } | { ok: false; output: string };

/** Go's %q for a string of printable text: backslash and double quote escaped, control characters as \n, \t, \xNN. */
export function goQuote(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return `"${s.replace(/["\\\n\t\r]|[\x00-\x1f\x7f]/g, (c) => esc[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

export const KUBE_PROBE_AGENT = 'kube-probe/1.33';

export function runProbe(probe: Probe, rt: ContainerRuntime, pod: { namespace: string; name: string; ip: string }, container: string, namedPorts: Record<string, number>): ProbeResult {
  const portOf = (p: number | string) => (typeof p === 'number' ? p : (namedPorts[p] ?? Number(p)));
  if (probe.httpGet) {
    const port = portOf(probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const url = `${(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://${pod.ip}:${port}${path}`;
    const l = rt.listener(pod.ip, port);
    if (!l) return { ok: false, output: `Get "${url}": dial tcp ${pod.ip}:${port}: connect: connection refused` };
    const a = l({ method: 'GET', path, agent: KUBE_PROBE_AGENT, client: pod.ip.replace(/\.\d+$/, '.1') });
    if (a === 'empty') return { ok: false, output: `Get "${url}": EOF` };
    if (a.status >= 200 && a.status < 400) return { ok: true };
    return { ok: false, output: `HTTP probe failed with statuscode: ${a.status}` };
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port);
    return rt.listener(pod.ip, port) ? { ok: true } : { ok: false, output: `dial tcp ${pod.ip}:${port}: connect: connection refused` };
  }
  if (probe.exec) {
    const r = rt.exec(pod, container, probe.exec.command);
    // Exec probe timeouts (KEP-1972, GA in 1.20): containerd kills the exec at timeoutSeconds and answers DeadlineExceeded,
    // which the CRI client turns into `command %q timed out` (cri-client remote_runtime.go ExecSync) and the exec prober
    // into a failure with that text as its output (pkg/probe/exec/exec.go).
    if ((r.ms ?? 0) >= (probe.timeoutSeconds ?? 1) * 1000) return { ok: false, output: `command ${goQuote(probe.exec.command.join(' '))} timed out` };
    return r.exitCode === 0 ? { ok: true } : { ok: false, output: (r.stdout + r.stderr).trimEnd() };
  }
  if (probe.grpc) {
    // pkg/probe/grpc: the dial does not block, so a closed port fails in Check with Unavailable.
    const port = probe.grpc.port;
    const addr = `${pod.ip}:${port}`;
    const l = rt.listener(pod.ip, port);
    if (!l) return { ok: false, output: `error: health rpc probe failed: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${addr}: connect: connection refused"` };
    // No simulated server implements grpc.health.v1.Health; an HTTP/1 reply is read as an oversized HTTP/2 frame.
    return { ok: false, output: 'error: health rpc probe failed: rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: http2: frame too large"' };
  }
  return { ok: true };
}
