/**
 * `kubectl describe` for pods, nodes, deployments, replicasets and services.
 * Each takes the object, its events (undefined hides the Events block, as
 * `--show-events=false` does), the related objects describe shows, and `now`.
 */
import { addQuantities, canonicalQuantity, formatQuantity, milliValue, mustParseQuantity, parseQuantity, quantityValue, type Quantity as Q } from '../../../../../sim/k8s/api/quantity.ts';
import type { Container, CronJob, Deployment, HorizontalPodAutoscaler, EndpointSlice, Event, Lease, Node, PersistentVolume, PersistentVolumeClaim, Pod, ReplicaSet, Service, StatefulSet } from '../../../../../sim/k8s/api/types.ts';
import { rfc1123z, translateTimestampSince } from '../age.ts';
import { controllerOf, formatLabels, formatLabelSelector, selectorString } from '../format.ts';
import type { ServiceExtra } from '../network.ts';
import { nodeRoles } from '../nodes.ts';
import { accessModesString } from '../storage.ts';
import { describeContainers, describeEvents, describePodTemplate, describeVolumes, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './common.ts';

/** qos.GetPodQOS for pods whose status does not say. */
function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && (c.resources.requests?.[r] ?? c.resources.limits[r]) === c.resources.limits[r]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: Pod, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const m = pod.metadata;
  const st = pod.status ?? {};
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ''}\n`);
  if (pod.spec.priority !== undefined) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(0, pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', m.labels);
  printAnnotationsMultiline(w, 'Annotations', m.annotations);
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(m.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (st.podIPs?.length) {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  const ctl = controllerOf(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl.kind}/${ctl.name}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length) describeContainers(w, 'Init Containers', pod.spec.initContainers, st.initContainerStatuses, '');
  describeContainers(w, 'Containers', pod.spec.containers, st.containerStatuses, '');
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes, '');
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', pod.spec.tolerations);
  describeEvents(w, events, now);
  return w.toString();
}

/** A quantity from the object, 0 when absent or malformed (the API server validated it already). */
const q = (s: string | undefined): Q => {
  const r = s === undefined ? undefined : parseQuantity(s);
  return r?.ok ? r.value : mustParseQuantity('0');
};

/** resourcehelper.PodRequestsAndLimits: the containers' sum, at least any single init container. */
function podRequestsAndLimits(pod: Pod): { req: Record<string, Q>; lim: Record<string, Q> } {
  const sum = (cs: Container[], key: 'requests' | 'limits') => {
    const out: Record<string, Q> = {};
    for (const c of cs) for (const [k, v] of Object.entries(c.resources?.[key] ?? {})) out[k] = out[k] ? addQuantities(out[k]!, q(v)) : q(v);
    return out;
  };
  const req = sum(pod.spec.containers, 'requests');
  const lim = sum(pod.spec.containers, 'limits');
  for (const ic of pod.spec.initContainers ?? []) {
    for (const [key, acc] of [['requests', req], ['limits', lim]] as const) {
      for (const [k, v] of Object.entries(ic.resources?.[key] ?? {})) if (!acc[k] || milliValue(q(v)) > milliValue(acc[k]!)) acc[k] = q(v);
    }
  }
  return { req, lim };
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

export interface NodeDescribeInput {
  node: Node;
  /** The node's pods that are not Succeeded or Failed. */
  pods: Pod[];
  events: Event[] | undefined;
  /** The node's heartbeat Lease from kube-node-lease. */
  lease?: Lease;
}

export function describeNode({ node, pods, events, lease }: NodeDescribeInput, now: number): string {
  const w = new PrefixWriter();
  const st = node.status ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  w.write(0, 'Taints:\t');
  const taints = [...(node.spec.taints ?? [])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease?.spec.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease?.spec.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease?.spec.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!list || Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${canonicalQuantity(list[k]!) ?? list[k]}\n`);
  }
  const info = (st.nodeInfo ?? {}) as Partial<NonNullable<typeof st.nodeInfo>> & { machineID?: string; systemUUID?: string; bootID?: string };
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);

  const alloc = st.allocatable && Object.keys(st.allocatable).length ? st.allocatable : st.capacity ?? {};
  const allocCPU = milliValue(q(alloc['cpu']));
  const allocMem = quantityValue(q(alloc['memory']));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totals: Record<'req' | 'lim', Record<string, Q>> = { req: {}, lim: {} };
  for (const p of pods) {
    const { req, lim } = podRequestsAndLimits(p);
    for (const [which, list] of [['req', req], ['lim', lim]] as const) for (const [k, v] of Object.entries(list)) totals[which][k] = totals[which][k] ? addQuantities(totals[which][k]!, v) : v;
    const cell = (x: Q | undefined, mem: boolean) => `${formatQuantity(x ?? q('0'))} (${pct(mem ? quantityValue(x ?? q('0')) : milliValue(x ?? q('0')), mem ? allocMem : allocCPU)}%)`;
    w.write(1, `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${cell(req['cpu'], false)}\t${cell(lim['cpu'], false)}\t${cell(req['memory'], true)}\t${cell(lim['memory'], true)}\t${translateTimestampSince(p.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, measure: (x: Q) => number, whole: number) => {
    const r = totals.req[name] ?? q('0');
    const l = totals.lim[name] ?? q('0');
    w.write(1, `${name}\t${formatQuantity(r)} (${pct(measure(r), whole)}%)\t${formatQuantity(l)} (${pct(measure(l), whole)}%)\n`);
  };
  row('cpu', milliValue, allocCPU);
  row('memory', quantityValue, allocMem);
  row('ephemeral-storage', quantityValue, quantityValue(q(alloc['ephemeral-storage'])));
  for (const k of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) row(k, quantityValue, quantityValue(q(alloc[k])));
  describeEvents(w, events, now);
  return w.toString();
}

export interface DeploymentDescribeInput {
  deployment: Deployment;
  /** ReplicaSets the deployment owns; the one whose template matches is the new one. */
  newReplicaSet?: ReplicaSet;
  oldReplicaSets: ReplicaSet[];
  events: Event[] | undefined;
}

const rsList = (list: ReplicaSet[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';

export function describeDeployment({ deployment: d, newReplicaSet, oldReplicaSets, events }: DeploymentDescribeInput, now: number): string {
  const w = new PrefixWriter();
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, d.spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  w.write(0, `OldReplicaSets:\t${rsList(oldReplicaSets)}\n`);
  w.write(0, `NewReplicaSet:\t${rsList(newReplicaSet ? [newReplicaSet] : [])}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(rs: ReplicaSet, pods: Pod[], events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOf(rs);
  if (ctl) w.write(0, `Controlled By:\t${ctl.kind}/${ctl.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
  describePodTemplate(w, rs.spec.template);
  describeEvents(w, events, now);
  return w.toString();
}

/** formatEndpointSlices for one service port: ready endpoints as `ip:port`, three at most. */
function sliceEndpoints(slices: EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    for (const p of ports.length ? ports : [undefined]) {
      if (p && ports.length > 1 && (p.name ?? '') !== (portName ?? '')) continue;
      for (const e of s.endpoints) {
        if (e.conditions?.ready === false) continue;
        const addr = e.addresses[0] ?? '';
        count++;
        if (list.length < 3) list.push(p?.port !== undefined ? `${addr}:${p.port}` : addr);
      }
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export function describeService(svc: Service, slices: EndpointSlice[], events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const spec = (svc as ServiceExtra).spec;
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').join(', ');
  if (ingress) w.write(0, `LoadBalancer Ingress:\t${ingress}\n`);
  if (spec.type === 'ExternalName') w.write(0, `External Name:\t${spec.externalName ?? ''}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${sliceEndpoints(slices, p.name)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

/** describeStatefulSet (kubectl/pkg/describe/describe.go), with describeVolumeClaimTemplates. */
export function describeStatefulSet(ps: StatefulSet, pods: Pod[], events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  w.write(0, `Name:\t${ps.metadata.name}\n`);
  w.write(0, `Namespace:\t${ps.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ps.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(ps.spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', ps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ps.metadata.annotations);
  w.write(0, `Replicas:\t${ps.spec.replicas ?? 1} desired | ${ps.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${ps.spec.updateStrategy?.type ?? ''}\n`);
  const ru = ps.spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
  describePodTemplate(w, ps.spec.template);
  const templates = ps.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const t of templates) {
      w.write(1, `Name:\t${t.metadata.name}\n`);
      w.write(1, `StorageClass:\t${t.spec.storageClassName ?? ''}\n`);
      printLabelsMultiline(w, '  Labels', t.metadata.labels);
      printLabelsMultiline(w, '  Annotations', t.metadata.annotations);
      const cap = t.spec.resources?.requests?.['storage'];
      w.write(1, `Capacity:\t${cap === undefined ? '<default>' : (canonicalQuantity(cap) ?? cap)}\n`);
      w.write(1, `Access Modes:\t[${(t.spec.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

const goList = (xs: string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** describePersistentVolumeClaim; `usedBy` are the pods that mount it (printPodsMultiline). */
export function describePersistentVolumeClaim(pvc: PersistentVolumeClaim, usedBy: string[], events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const bound = !!pvc.spec.volumeName;
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${pvc.spec.storageClassName ?? ''}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, now)})\n`);
  else w.write(0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(0, `Volume:\t${pvc.spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const cap = pvc.status?.capacity?.['storage'];
  w.write(0, `Capacity:\t${bound && cap ? (canonicalQuantity(cap) ?? cap) : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  w.write(0, 'Used By:\t');
  if (usedBy.length === 0) w.write(0, '<none>\n');
  usedBy.forEach((p, i) => w.write(0, `${i ? '\t' : ''}${p}\n`));
  describeEvents(w, events, now);
  return w.toString();
}

/** describePersistentVolume, for the hostPath volumes the simulator has. */
export function describePersistentVolume(pv: PersistentVolume, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const ref = pv.spec.claimRef;
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${pv.spec.storageClassName ?? ''}\n`);
  if (pv.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(pv.metadata.deletionTimestamp, now)})\n`);
  else w.write(0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${pv.spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesString(pv.spec.accessModes)}\n`);
  if (pv.spec.volumeMode) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
  const cap = pv.spec.capacity?.['storage'];
  w.write(0, `Capacity:\t${cap ? (canonicalQuantity(cap) ?? cap) : ''}\n`);
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (terms?.length) {
    w.write(0, 'Node Affinity:\t\n');
    w.write(1, 'Required Terms:\t\n');
    terms.forEach((t, i) => {
      const exprs = (t.matchExpressions ?? []).map((e) => `${e.key} ${e.operator.toLowerCase()} [${(e.values ?? []).join(' ')}]`);
      w.write(2, `Term ${i}:\t${exprs.join(', ')}\n`);
    });
  } else w.write(0, 'Node Affinity:\t<none>\n');
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  if (pv.spec.hostPath) {
    w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
    w.write(2, `Path:\t${pv.spec.hostPath.path}\n`);
    w.write(2, `HostPathType:\t${pv.spec.hostPath.type ?? ''}\n`);
  } else w.write(2, 'Type:\t<unknown>\n');
  describeEvents(w, events, now);
  return w.toString();
}

/** describeCronJob with describeJobTemplate and printActiveJobs (kubectl/pkg/describe/describe.go). */
export function describeCronJob(cj: CronJob, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const s = cj.spec;
  const js = s.jobTemplate.spec;
  const unset = (v: number | undefined, unit = '') => (v === undefined ? '<unset>' : `${v}${unit}`);
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${s.schedule}\n`);
  w.write(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${s.suspend === undefined ? '<unset>' : s.suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${unset(s.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${unset(s.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${unset(s.startingDeadlineSeconds, 's')}\n`);
  w.write(0, `Selector:\t${js.selector ? selectorString(js.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${unset(js.parallelism)}\n`);
  w.write(0, `Completions:\t${unset(js.completions)}\n`);
  if (js.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, js.template);
  w.write(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active = cj.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

/** describeHorizontalPodAutoscalerV2 (kubectl/pkg/describe/describe.go), for Resource metrics. */
export function describeHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  const st = hpa.status ?? {};
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (hpa.spec.metrics ?? []).forEach((m, i) => {
    if (m.type !== 'Resource' || !m.resource) return;
    const cur = st.currentMetrics?.[i]?.resource?.current;
    const t = m.resource.target;
    if (t.averageValue !== undefined) w.write(1, `resource ${m.resource.name} on pods:\t${cur?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
    else {
      const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue ?? ''})` : '<unknown>';
      w.write(1, `resource ${m.resource.name} on pods  (as a percentage of request):\t${current} / ${t.averageUtilization ?? 0}%\n`);
    }
  });
  w.write(0, `Min replicas:\t${hpa.spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${hpa.spec.maxReplicas}\n`);
  const b = hpa.spec.behavior;
  if (b) {
    w.write(0, 'Behavior:\n');
    for (const [title, r] of [['Scale Up', b.scaleUp], ['Scale Down', b.scaleDown]] as const) {
      if (!r) continue;
      w.write(1, `${title}:\n`);
      w.write(2, `Stabilization Window: ${r.stabilizationWindowSeconds ?? (title === 'Scale Down' ? 300 : 0)} seconds\n`);
      w.write(2, `Select Policy: ${r.selectPolicy ?? 'Max'}\n`);
      w.write(2, 'Policies:\n');
      for (const p of r.policies ?? []) w.write(3, `- Type: ${p.type}  Value: ${p.value}  Period: ${p.periodSeconds} seconds\n`);
    }
  }
  w.write(0, `${hpa.spec.scaleTargetRef.kind} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
