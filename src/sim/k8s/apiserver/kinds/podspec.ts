import type { Container, PodSpec, PodTemplateSpec } from '../../api/types.ts';
import { duplicateField, forbiddenField, invalidField, notSupportedField, requiredField } from '../field.ts';
import { dns1123Label, portName, portNumber } from '../names.ts';
import type { StatusCause } from '../status.ts';

/**
 * PodSpec defaulting and validation, shared by Pods and every pod template
 * (Deployment, ReplicaSet, DaemonSet, Job). `path` is where the spec sits,
 * e.g. `spec` or `spec.template.spec`, so messages name the right field.
 */
export function imagePullPolicyFor(image: string): 'Always' | 'IfNotPresent' {
  // The tag is after the last ':' that follows the last '/' (registry ports have ':' too); a digest pins it.
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

type ProbeFields = { initialDelaySeconds?: number; timeoutSeconds?: number; periodSeconds?: number; successThreshold?: number; failureThreshold?: number; terminationGracePeriodSeconds?: number };
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** SetDefaults_Probe: Go's zero value is "unset", so 0 becomes the default too. */
function defaultProbe(p: ProbeFields | undefined): void {
  if (!p || typeof p !== 'object') return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
}

/** validateProbe: every count non-negative, and liveness/startup need exactly one success. */
function validateProbe(p: ProbeFields | undefined, kind: (typeof PROBES)[number], at: string): StatusCause[] {
  if (!p || typeof p !== 'object') return [];
  const errs: StatusCause[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => (p as Record<string, unknown>)[h] != null);
  if (handlers.length === 0) errs.push(requiredField(at, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(forbiddenField(`${at}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    const v = p[f];
    if (typeof v === 'number' && v < 0) errs.push(invalidField(`${at}.${f}`, v, 'must be greater than or equal to 0'));
  }
  if (kind !== 'readinessProbe' && typeof p.successThreshold === 'number' && p.successThreshold !== 1) errs.push(invalidField(`${at}.successThreshold`, p.successThreshold, 'must be 1'));
  if (typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds <= 0)
    errs.push(invalidField(`${at}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0'));
  return errs;
}

function defaultContainer(c: Container): void {
  for (const k of PROBES) defaultProbe((c as unknown as Record<string, unknown>)[k] as ProbeFields | undefined);
  const x = c as Container & { terminationMessagePath?: string; terminationMessagePolicy?: string };
  if (!x.imagePullPolicy && typeof x.image === 'string') x.imagePullPolicy = imagePullPolicyFor(x.image);
  x.terminationMessagePath ??= '/dev/termination-log';
  x.terminationMessagePolicy ??= 'File';
  x.resources ??= {};
  for (const p of x.ports ?? []) p.protocol ??= 'TCP';
}

export function defaultPodSpec(s: PodSpec): void {
  const x = s as PodSpec & { securityContext?: unknown; enableServiceLinks?: boolean; preemptionPolicy?: string };
  x.restartPolicy ??= 'Always';
  x.terminationGracePeriodSeconds ??= 30;
  x.dnsPolicy ??= 'ClusterFirst';
  x.schedulerName ??= 'default-scheduler';
  x.securityContext ??= {};
  for (const c of x.containers ?? []) defaultContainer(c);
  for (const c of x.initContainers ?? []) defaultContainer(c);
}

export function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (t?.spec) defaultPodSpec(t.spec);
}

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>, required: boolean): StatusCause[] {
  const errs: StatusCause[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    if (required) errs.push(requiredField(path));
    return errs;
  }
  list.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!c.name) errs.push(requiredField(`${at}.name`));
    else {
      for (const e of dns1123Label(c.name)) errs.push(invalidField(`${at}.name`, c.name, e));
      if (names.has(c.name)) errs.push(duplicateField(`${at}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image || !String(c.image).trim()) errs.push(requiredField(`${at}.image`));
    const portNames = new Set<string>();
    (c.ports ?? []).forEach((p, j) => {
      const pat = `${at}.ports[${j}]`;
      if (p.name !== undefined && p.name !== '') {
        for (const e of portName(p.name)) errs.push(invalidField(`${pat}.name`, p.name, e));
        if (portNames.has(p.name)) errs.push(duplicateField(`${pat}.name`, p.name));
        portNames.add(p.name);
      }
      if (!p.containerPort) errs.push(requiredField(`${pat}.containerPort`));
      else for (const e of portNumber(p.containerPort)) errs.push(invalidField(`${pat}.containerPort`, p.containerPort, e));
      if (p.hostPort) for (const e of portNumber(p.hostPort)) errs.push(invalidField(`${pat}.hostPort`, p.hostPort, e));
      if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(notSupportedField(`${pat}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
    for (const k of PROBES) errs.push(...validateProbe((c as unknown as Record<string, unknown>)[k] as ProbeFields | undefined, k, `${at}.${k}`));
    if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy))
      errs.push(notSupportedField(`${at}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  });
  return errs;
}

export function validatePodSpec(s: PodSpec | undefined, path: string): StatusCause[] {
  if (!s) return [requiredField(`${path}.containers`)];
  const names = new Set<string>();
  const errs = [...validateContainers(s.initContainers, `${path}.initContainers`, names, false), ...validateContainers(s.containers, `${path}.containers`, names, true)];
  if (s.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(s.restartPolicy))
    errs.push(notSupportedField(`${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  if (s.dnsPolicy && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(s.dnsPolicy))
    errs.push(notSupportedField(`${path}.dnsPolicy`, s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  return errs;
}
