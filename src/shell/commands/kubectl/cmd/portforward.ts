/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE…`, after kubectl's
 * pkg/cmd/portforward/portforward.go and client-go's tools/portforward: the
 * pod (a Service's or workload's first running pod; a Service port becomes
 * its targetPort), "Forwarding from 127.0.0.1:L -> R" and "[::1]:L", then
 * every connection to localhost:L goes through the API server's
 * pods/portforward to the kubelet and into the pod's network namespace
 * ("Handling connection for L"). It runs until Ctrl-C (or `kill %N` when
 * started with `&`), or until the pod goes away ("lost connection to pod").
 */
import type { Listener } from '../../../../sim/containers/types.ts';
import type { Pod, Service } from '../../../../sim/k8s/api/types.ts';
import { hostNet, type PortOwner } from '../../../../sim/hostnet.ts';
import { JobHandle } from '../../../job.ts';
import type { CommandResult } from '../../../types.ts';
import { apiError, clientError, type Kctx, type Subcommand } from './context.ts';
import { resolvePod } from './exec.ts';

export const portForward: Subcommand = (k) => {
  const [target, ...ports] = k.args.args;
  if (!target || ports.length === 0) return clientError(k, "TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples");
  // parseForwardingPorts: LOCAL:REMOTE, :REMOTE (a free local port), REMOTE (the same port locally).
  const parsed: { local: number | undefined; remote: string }[] = [];
  for (const p of ports) {
    const [l, r] = p.includes(':') ? (p.split(':', 2) as [string, string]) : [p, p];
    if (l !== '' && !/^\d+$/.test(l)) return clientError(k, `Error parsing local port '${l}': strconv.ParseUint: parsing "${l}": invalid syntax`);
    if (!r) return clientError(k, `Error parsing remote port '${r}'`);
    parsed.push({ local: l === '' ? 0 : Number(l), remote: r });
  }
  const pod = resolvePod(k, target);
  if (typeof pod === 'number') return pod;
  // translateServicePortToTargetPort: a Service's port becomes the pod's container port.
  let svc: Service | undefined;
  if (/^(svc|service|services)\//.test(target)) {
    const r = k.api.get<Service>('services', k.ns, target.slice(target.indexOf('/') + 1));
    if (r.ok) svc = r.value;
  }
  const mappings: { local: number; remote: number }[] = [];
  for (const p of parsed) {
    let remote: number | undefined;
    if (svc) {
      const sp = svc.spec.ports?.find((x) => String(x.port) === p.remote || x.name === p.remote);
      if (!sp) return clientError(k, `Service ${svc.metadata.name} does not have a service port ${p.remote}`);
      const tp = sp.targetPort ?? sp.port;
      remote = /^\d+$/.test(String(tp)) ? Number(tp) : containerPort(pod, String(tp));
    } else remote = /^\d+$/.test(p.remote) ? Number(p.remote) : containerPort(pod, p.remote);
    if (remote === undefined) return clientError(k, `Pod '${pod.metadata.name}' does not have a named port '${p.remote}'`);
    mappings.push({ local: p.local ?? remote, remote });
  }
  if (pod.status?.phase !== 'Running') return clientError(k, `unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  const ns = pod.metadata.namespace ?? k.ns;
  const name = pod.metadata.name;
  const net = hostNet(k.ctx.world);
  const addresses = ((k.args.flags['address'] as string[] | string | undefined) ?? 'localhost').toString().split(',').filter(Boolean);
  const bound: { port: number; owner: PortOwner }[] = [];
  const failedSpecs: string[] = [];
  for (const m of mappings) {
    const local = m.local === 0 ? net.ephemeral(k.ctx.world.rng.int(28000)) : m.local;
    const owner: PortOwner = {
      onConnect: () => k.out(`Handling connection for ${local}\n`),
      listener: () => forward(k, ns, name, local, m.remote),
    };
    // The learner is not root: ports below 1024 are refused as by the kernel.
    const why = local < 1024 ? 'permission denied' : !net.bind(local, owner) ? 'address already in use' : undefined;
    if (why) {
      const errs = listenAddrs(addresses).map((a) => `unable to create listener: Error listen ${a.tcp} ${a.shown}:${local}: bind: ${why}`).join(' ');
      k.err(`Unable to listen on port ${local}: Listeners failed to create with the following errors: [${errs}]\n`);
      failedSpecs.push(`{${local} ${m.remote}}`);
      continue;
    }
    bound.push({ port: local, owner });
    for (const a of listenAddrs(addresses)) k.out(`Forwarding from ${a.shown}:${local} -> ${m.remote}\n`);
  }
  if (!bound.length) {
    for (const b of bound) net.unbind(b.port, b.owner);
    return clientError(k, `unable to listen on any of the requested ports: [${failedSpecs.join(' ')}]`);
  }
  return forwarding(k, ns, name, () => {
    for (const b of bound) net.unbind(b.port, b.owner);
  });
};

/** 127.0.0.1 and [::1] for localhost (tcp4 and tcp6 listeners), else each address given. */
function listenAddrs(addresses: string[]): { shown: string; tcp: string }[] {
  const out: { shown: string; tcp: string }[] = [];
  for (const a of addresses) {
    if (a === 'localhost') out.push({ shown: '127.0.0.1', tcp: 'tcp4' }, { shown: '[::1]', tcp: 'tcp6' });
    else out.push(a.includes(':') ? { shown: `[${a}]`, tcp: 'tcp6' } : { shown: a, tcp: 'tcp4' });
  }
  return out;
}

function containerPort(pod: Pod, name: string): number | undefined {
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/** One connection: pods/portforward through the API server to the kubelet, which dials localhost:remote in the pod. */
function forward(k: Kctx, ns: string, pod: string, local: number, remote: number): Listener | undefined {
  const r = k.api.podPortForward(ns, pod, remote);
  if (r.ok && r.value) return r.value;
  // Nothing listens on the pod's port: kubectl logs the failure, the client sees the connection closed.
  const why = r.ok ? `failed to connect to localhost:${remote} inside namespace, IPv4: dial tcp4 127.0.0.1:${remote}: connect: connection refused IPv6 dial tcp6 [::1]:${remote}: connect: connection refused` : r.errors[0].message;
  k.err(`E0000 portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${local} -> ${remote}: error forwarding port ${remote} to pod ${pod}: ${why}"\n`);
  return () => 'empty';
}

/** Runs until Ctrl-C or `kill`, or until the pod is deleted (client-go's "lost connection to pod"). */
function forwarding(k: Kctx, ns: string, pod: string, release: () => void): CommandResult {
  let stopWatch = () => {};
  const job = new JobHandle(() => {
    // kubectl handles SIGINT: it closes its listeners and exits 0.
    stopWatch();
    release();
    job.exit(0);
  });
  const w = k.api.watch<Pod>('pods', { namespace: ns }, (e) => {
    if (e.object.metadata.name !== pod || e.type !== 'DELETED' || job.exited) return;
    stopWatch();
    release();
    k.err('error: lost connection to pod\n');
    job.exit(1);
  });
  if (w.ok) stopWatch = () => w.value.stop();
  else apiError(k, w.errors[0]);
  return job;
}
