import type { Container, KeyToPath, PodSpec, PodTemplateSpec, Volume } from '../../api/types.ts';
import { duplicateField, forbiddenField, invalidField, notFoundField, notSupportedField, requiredField } from '../field.ts';
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

/** validateLocalDescendingPath / validateLocalNonReservedPath: relative, without '..' (and not starting with '..'). */
function relativePath(p: string, at: string, reserved: boolean): StatusCause[] {
  if (p.startsWith('/')) return [invalidField(at, p, 'must be a relative path')];
  if (p.split('/').includes('..')) return [invalidField(at, p, "must not contain '..'")];
  if (reserved && p.startsWith('..')) return [invalidField(at, p, "must not start with '..'")];
  return [];
}

const modeOk = (m: unknown) => typeof m !== 'number' || (m >= 0 && m <= 0o777);
const MODE_DETAIL = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateItems(items: KeyToPath[] | undefined, at: string): StatusCause[] {
  const errs: StatusCause[] = [];
  (items ?? []).forEach((it, i) => {
    const ip = `${at}.items[${i}]`;
    if (!it.key) errs.push(requiredField(`${ip}.key`));
    if (!it.path) errs.push(requiredField(`${ip}.path`));
    else errs.push(...relativePath(it.path, `${ip}.path`, true));
    if (!modeOk(it.mode)) errs.push(invalidField(`${ip}.mode`, it.mode, MODE_DETAIL));
  });
  return errs;
}

/** The sources in the order validateVolumeSource checks them (the second one found is the one named). */
const SOURCES = ['hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'projected', 'storageos', 'csi', 'ephemeral', 'image'] as const;
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** ValidateVolumes: unique DNS-label names, exactly one source each, and each source's own rules. */
function validateVolumes(volumes: Volume[] | undefined, path: string): { errs: StatusCause[]; names: Set<string> } {
  const errs: StatusCause[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (!v.name) errs.push(requiredField(`${at}.name`));
    else {
      for (const e of dns1123Label(v.name)) errs.push(invalidField(`${at}.name`, v.name, e));
      if (names.has(v.name)) errs.push(duplicateField(`${at}.name`, v.name));
      names.add(v.name);
    }
    const present = SOURCES.filter((k) => (v as unknown as Record<string, unknown>)[k] != null);
    if (present.length === 0) errs.push(requiredField(at, 'must specify a volume type'));
    else if (present.length > 1) errs.push(forbiddenField(`${at}.${present[1]}`, 'may not specify more than 1 volume type'));
    if (v.hostPath) {
      if (!v.hostPath.path) errs.push(requiredField(`${at}.hostPath.path`));
      if (v.hostPath.type !== undefined && !HOST_PATH_TYPES.includes(v.hostPath.type)) errs.push(notSupportedField(`${at}.hostPath.type`, v.hostPath.type, HOST_PATH_TYPES));
    }
    if (v.secret) {
      if (!v.secret.secretName) errs.push(requiredField(`${at}.secret.secretName`));
      if (!modeOk(v.secret.defaultMode)) errs.push(invalidField(`${at}.secret.defaultMode`, v.secret.defaultMode, MODE_DETAIL));
      errs.push(...validateItems(v.secret.items, `${at}.secret`));
    }
    if (v.configMap) {
      if (!v.configMap.name) errs.push(requiredField(`${at}.configMap.name`));
      if (!modeOk(v.configMap.defaultMode)) errs.push(invalidField(`${at}.configMap.defaultMode`, v.configMap.defaultMode, MODE_DETAIL));
      errs.push(...validateItems(v.configMap.items, `${at}.configMap`));
    }
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(requiredField(`${at}.persistentVolumeClaim.claimName`));
    if (v.projected) {
      if (!modeOk(v.projected.defaultMode)) errs.push(invalidField(`${at}.projected.defaultMode`, v.projected.defaultMode, MODE_DETAIL));
      (v.projected.sources ?? []).forEach((src, j) => {
        const sp = `${at}.projected.sources[${j}]`;
        if (src.serviceAccountToken) {
          if (!src.serviceAccountToken.path) errs.push(requiredField(`${sp}.serviceAccountToken.path`));
          const exp = src.serviceAccountToken.expirationSeconds;
          if (typeof exp === 'number' && exp < 600) errs.push(invalidField(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
        }
        if (src.configMap) errs.push(...validateItems(src.configMap.items, `${sp}.configMap`));
        if (src.secret) errs.push(...validateItems(src.secret.items, `${sp}.secret`));
      });
    }
  });
  return { errs, names };
}

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>, required: boolean, volumes = new Set<string>()): StatusCause[] {
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
    // Native sidecars: restartPolicy Always only on init containers; only they may have probes there.
    const init = !required;
    if (c.restartPolicy !== undefined) {
      if (!init) errs.push(forbiddenField(`${at}.restartPolicy`, 'may not be set for non-init containers'));
      else if (c.restartPolicy !== 'Always') errs.push(notSupportedField(`${at}.restartPolicy`, c.restartPolicy, ['Always']));
    }
    if (init && c.restartPolicy !== 'Always')
      for (const k of PROBES) if ((c as unknown as Record<string, unknown>)[k] != null) errs.push(forbiddenField(`${at}.${k}`, 'may not be set for init containers without restartPolicy=Always'));
    const mountPaths = new Set<string>();
    (c.volumeMounts ?? []).forEach((m, j) => {
      const mp = `${at}.volumeMounts[${j}]`;
      if (!m.name) errs.push(requiredField(`${mp}.name`));
      else if (!volumes.has(m.name)) errs.push(notFoundField(`${mp}.name`, m.name));
      if (!m.mountPath) errs.push(requiredField(`${mp}.mountPath`));
      else if (mountPaths.has(m.mountPath)) errs.push(invalidField(`${mp}.mountPath`, m.mountPath, 'must be unique'));
      else mountPaths.add(m.mountPath);
      if (m.subPath) errs.push(...relativePath(m.subPath, `${mp}.subPath`, false));
    });
    if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy))
      errs.push(notSupportedField(`${at}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  });
  return errs;
}

export function validatePodSpec(s: PodSpec | undefined, path: string, extraVolumes: string[] = []): StatusCause[] {
  if (!s) return [requiredField(`${path}.containers`)];
  const names = new Set<string>();
  const vols = validateVolumes(s.volumes, `${path}.volumes`);
  for (const v of extraVolumes) vols.names.add(v);
  const errs = [...vols.errs, ...validateContainers(s.initContainers, `${path}.initContainers`, names, false, vols.names), ...validateContainers(s.containers, `${path}.containers`, names, true, vols.names)];
  if (s.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(s.restartPolicy))
    errs.push(notSupportedField(`${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  if (s.dnsPolicy && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(s.dnsPolicy))
    errs.push(notSupportedField(`${path}.dnsPolicy`, s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  return errs;
}
