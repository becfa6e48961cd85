/**
 * Field schemas: which fields each kind accepts, with a one-line description
 * each. Strict decoding (unknown fields are rejected) and `kubectl explain`
 * read the same tree.
 */
export interface FieldSchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'map' | 'int-or-string' | 'any';
  desc: string;
  /** Known fields of an object. */
  fields?: Record<string, FieldSchema>;
  /** Element schema of an array. */
  items?: FieldSchema;
  required?: boolean;
  /** Go type of an object (`PodSpec`), for decoding errors; guessed from the field name when absent. */
  go?: string;
  /** Go integer width; int32 unless said otherwise. */
  bits?: 64;
  /** Map values are resource quantities (a number or a string), not strings. */
  quantity?: boolean;
}

export const str = (desc: string, required = false): FieldSchema => ({ type: 'string', desc, ...(required ? { required } : {}) });
export const int = (desc: string, bits?: 64): FieldSchema => ({ type: 'integer', desc, ...(bits ? { bits } : {}) });
export const bool = (desc: string): FieldSchema => ({ type: 'boolean', desc });
export const intOrStr = (desc: string): FieldSchema => ({ type: 'int-or-string', desc });
export const strMap = (desc: string): FieldSchema => ({ type: 'map', desc });
/** Free-form content: accepted as is, not checked. */
export const anything = (desc: string): FieldSchema => ({ type: 'any', desc });
export const obj = (desc: string, fields: Record<string, FieldSchema>, go?: string): FieldSchema => ({ type: 'object', desc, fields, ...(go ? { go } : {}) });
export const arr = (desc: string, items: FieldSchema): FieldSchema => ({ type: 'array', desc, items });
export const strList = (desc: string): FieldSchema => arr(desc, str(''));

/**
 * Paths of fields not in the schema, as strict decoding prints them:
 * `spec.containers[0].imagez`, in key order (kubectl's YAML-to-JSON sorts keys).
 */
export function unknownFields(value: unknown, schema: FieldSchema, path = ''): string[] {
  // Every write is checked and almost none has an unknown field: a walk without paths or sorting answers first.
  if (path === '' && !hasUnknownField(value, schema)) return [];
  return unknownFieldPaths(value, schema, path);
}

/** Whether unknownFieldPaths would find anything (the same lookups, no strings built). */
function hasUnknownField(value: unknown, schema: FieldSchema): boolean {
  if (value === null || value === undefined) return false;
  if (schema.type === 'object' && schema.fields && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const child = schema.fields[k];
      if (!child || hasUnknownField(o[k], child)) return true;
    }
    return false;
  }
  if (schema.type === 'array' && schema.items && Array.isArray(value)) {
    for (const v of value) if (hasUnknownField(v, schema.items)) return true;
  }
  return false;
}

function unknownFieldPaths(value: unknown, schema: FieldSchema, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (schema.type === 'object' && schema.fields && typeof value === 'object' && !Array.isArray(value)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const child = schema.fields[k];
      const p = path ? `${path}.${k}` : k;
      if (!child) out.push(p);
      else out.push(...unknownFieldPaths(v, child, p));
    }
    return out;
  }
  if (schema.type === 'array' && schema.items && Array.isArray(value)) return value.flatMap((v, i) => unknownFieldPaths(v, schema.items!, `${path}[${i}]`));
  return [];
}

const jsonType = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : 'string');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The Go type a schema node decodes into, as encoding/json names it in errors. */
function goType(s: FieldSchema, name: string): string {
  switch (s.type) {
    case 'string':
      return 'string';
    case 'integer':
      return s.bits === 64 ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'map':
      return s.quantity ? 'v1.ResourceList' : 'map[string]string';
    case 'array':
      return `[]${s.items ? goType(s.items, name) : 'interface {}'}`;
    case 'object':
      return `v1.${name}`;
    default:
      return 'interface {}';
  }
}

/** Go struct name of an object node reached through key from a struct named parent. */
function structName(s: FieldSchema, key: string, parent: string): string {
  if (s.go) return s.go;
  if (key === 'spec' || key === 'status') return parent + capital(key);
  return capital(key);
}

const INT32 = 2 ** 31;

/**
 * The first value whose JSON type does not fit the Go type of its field, with
 * the message encoding/json gives for it (kube-apiserver's decoding error):
 * `json: cannot unmarshal string into Go struct field PodSpec.spec.containers
 * of type []v1.Container`. Keys are visited sorted, as kubectl's YAML-to-JSON
 * step sorts them and the decoder reports the first error it meets. Without
 * this check a mistyped field would be stored and crash a controller later.
 */
export function typeError(value: unknown, schema: FieldSchema, kind: string): string | undefined {
  // The message needs sorted keys and Go type names; a well-typed object (nearly every write) is known without them.
  if (typeOk(value, schema)) return undefined;
  return walkType(value, schema, kind, kind, '', '');
}

/** Whether walkType finds nothing: the same checks, without the strings it builds on the way. */
function typeOk(v: unknown, s: FieldSchema): boolean {
  if (v === null || v === undefined || s.type === 'any') return true;
  switch (s.type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'integer': {
      if (typeof v !== 'number') return false;
      const max = s.bits === 64 ? Number.MAX_SAFE_INTEGER : INT32 - 1;
      return Number.isInteger(v) && v <= max && v >= -max - 1;
    }
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < INT32);
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (x === null || x === undefined) continue;
        if (typeof x === 'string') continue;
        if (s.quantity && typeof x === 'number') continue;
        return false;
      }
      return true;
    }
    case 'array': {
      if (!Array.isArray(v)) return false;
      const item = s.items;
      if (!item) return true;
      for (const x of v) {
        if (x === null || x === undefined) continue;
        if (item.type === 'object' && (typeof x !== 'object' || Array.isArray(x))) return false;
        if (!typeOk(x, item)) return false;
      }
      return true;
    }
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      if (!s.fields) return true;
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const child = s.fields[k];
        if (child && !typeOk(o[k], child)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

function walkType(v: unknown, s: FieldSchema, name: string, struct: string, path: string, field: string): string | undefined {
  if (v === null || v === undefined || s.type === 'any') return undefined;
  const t = jsonType(v);
  const fail = (what = t, type = goType(s, name)) => `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${type}`;
  switch (s.type) {
    case 'string':
      return t === 'string' ? undefined : fail();
    case 'boolean':
      return t === 'bool' ? undefined : fail();
    case 'number':
      return t === 'number' ? undefined : fail();
    case 'integer': {
      if (t !== 'number') return fail();
      const n = v as number;
      const max = s.bits === 64 ? Number.MAX_SAFE_INTEGER : INT32 - 1;
      return Number.isInteger(n) && n <= max && n >= -max - 1 ? undefined : fail(`number ${n}`);
    }
    case 'int-or-string': {
      // IntOrString decodes itself: a non-string goes through int32, and its error names no struct field.
      if (t === 'string') return undefined;
      const n = v as number;
      if (t === 'number' && Number.isInteger(n) && Math.abs(n) < INT32) return undefined;
      return `json: cannot unmarshal ${t === 'number' ? `number ${n}` : t} into Go value of type int32`;
    }
    case 'map': {
      if (t !== 'object') return fail();
      for (const k of Object.keys(v as object).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x === null || x === undefined) continue;
        const xt = jsonType(x);
        if (s.quantity) {
          if (xt !== 'string' && xt !== 'number') return `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
        } else if (xt !== 'string') return fail(xt, 'string');
      }
      return undefined;
    }
    case 'array': {
      if (t !== 'array') return fail();
      if (!s.items) return undefined;
      for (const x of v as unknown[]) {
        if (x === null || x === undefined) continue;
        const item = s.items;
        const xt = jsonType(x);
        // An element of the wrong JSON type is reported with the element's Go type.
        if (item.type === 'object' && xt !== 'object') return fail(xt, goType(item, structName(item, field, struct)));
        const e = walkType(x, item, structName(item, field, struct), struct, path, field);
        if (e) return e;
      }
      return undefined;
    }
    case 'object': {
      if (t !== 'object') return fail();
      if (!s.fields) return undefined;
      for (const k of Object.keys(v as object).sort()) {
        const child = s.fields[k];
        if (!child) continue;
        const childName = child.type === 'object' ? structName(child, k, name) : child.type === 'array' && child.items?.type === 'object' ? structName(child.items, k, name) : name;
        const e = walkType((v as Record<string, unknown>)[k], child, childName, name, path ? `${path}.${k}` : k, k);
        if (e) return e;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether value needs nothing from strict decoding: every type fits, no field
 * is unknown and no null is left for normalizeNulls to remove. One walk
 * instead of typeError + normalizeNulls + unknownFields for nearly every write
 * (those three walks were 7% of an idle cluster's CPU, all of it on Leases
 * that were fine); false sends the caller down that slower path, which words
 * the errors.
 */
export function plainFits(v: unknown, s: FieldSchema, inFrozen = false): boolean {
  if (v === undefined || s.type === 'any') return true;
  if (v === null) return false;
  // A frozen part (shared from the watch cache: a Lease renewal keeps the cached metadata) cannot change, so it fits
  // once and for all. Only the outermost frozen value is remembered: its parts come with it.
  const frozen = !inFrozen && typeof v === 'object' && Object.isFrozen(v);
  if (frozen && fitted.get(v) === s) return true;
  const ok = fits(v, s, inFrozen || frozen);
  if (ok && frozen) fitted.set(v, s);
  return ok;
}

/** Frozen values already found to fit, with the schema they fit. */
const fitted = new WeakMap<object, FieldSchema>();

function fits(v: unknown, s: FieldSchema, inFrozen: boolean): boolean {
  switch (s.type) {
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      const fields = s.fields;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        const x = o[k];
        if (x === null) return false;
        if (fields) {
          const child = fields[k];
          if (!child || !plainFits(x, child, inFrozen)) return false;
        }
      }
      return true;
    }
    case 'array': {
      if (!Array.isArray(v)) return false;
      const item = s.items;
      if (!item) return true;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x === null) return false;
        if (x !== undefined && !plainFits(x, item, inFrozen)) return false;
      }
      return true;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        const x = o[k];
        if (x === undefined || typeof x === 'string' || (s.quantity && typeof x === 'number')) continue;
        return false;
      }
      return true;
    }
    default:
      return typeOk(v, s);
  }
}

/**
 * What the Go decode and re-encode does to nulls, in place: a null field is
 * the zero value and disappears (omitempty), a null element of a list is the
 * element's zero value (`containers: [null]` is one empty container). After
 * typeError() found nothing, this leaves no null where code expects a value.
 */
export function normalizeNulls(value: unknown, schema: FieldSchema): void {
  if (value === null || typeof value !== 'object' || schema.type === 'any') return;
  if (Array.isArray(value)) {
    const item = schema.items;
    if (schema.type !== 'array' || !item) return;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null) value[i] = zeroOf(item);
      else normalizeNulls(value[i], item);
    }
    return;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (o[k] === null) {
      delete o[k];
      continue;
    }
    const child = schema.type === 'object' ? schema.fields?.[k] : undefined;
    if (child) normalizeNulls(o[k], child);
    else if (schema.type === 'map' && o[k] === null) delete o[k];
  }
}

function zeroOf(s: FieldSchema): unknown {
  switch (s.type) {
    case 'object':
    case 'map':
      return {};
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    default:
      return null;
  }
}

/** The schema node at a dotted path (`spec.containers.image`), for `kubectl explain`. */
export function schemaAt(schema: FieldSchema, path: string[]): FieldSchema | undefined {
  let s: FieldSchema | undefined = schema;
  for (const part of path) {
    if (s?.type === 'array') s = s.items;
    s = s?.fields?.[part];
  }
  return s;
}

// ---------- shared building blocks ----------

export const ownerReference = obj('Points at the object that owns this one.', {
  apiVersion: str('API version of the owner.', true),
  kind: str('Kind of the owner.', true),
  name: str('Name of the owner.', true),
  uid: str('UID of the owner.', true),
  controller: bool('True if the owner is the managing controller.'),
  blockOwnerDeletion: bool('Foreground deletion waits for this object first.'),
}, 'OwnerReference');

export const objectMeta = obj('Standard object metadata.', {
  name: str('Unique name within the namespace.'),
  generateName: str('Prefix for a server-generated unique name.'),
  namespace: str('Namespace the object lives in.'),
  uid: str('Unique ID set by the server.'),
  resourceVersion: str('Version of the object, for optimistic concurrency.'),
  generation: int('Sequence number of the desired state (spec) changes.', 64),
  creationTimestamp: str('When the object was created (RFC 3339).'),
  deletionTimestamp: str('When the object will be deleted; set by a graceful delete.'),
  deletionGracePeriodSeconds: int('Seconds allowed for graceful termination.', 64),
  labels: strMap('Key/value pairs used to select objects.'),
  annotations: strMap('Key/value pairs for tools; not used to select.'),
  ownerReferences: arr('Objects this one depends on.', ownerReference),
  finalizers: strList('Must be empty before the object is removed.'),
  managedFields: anything('Which manager set which fields (server-side apply).'),
  selfLink: str('Deprecated; not set.'),
}, 'ObjectMeta');

export const labelSelector = obj('A label query over a set of resources.', {
  matchLabels: strMap('Labels that must all match.'),
  matchExpressions: arr(
    'Set-based requirements; all must match.',
    obj('One requirement.', {
      key: str('Label key.', true),
      operator: str('In, NotIn, Exists or DoesNotExist.', true),
      values: strList('Values for In and NotIn.'),
    }, 'LabelSelectorRequirement'),
  ),
}, 'LabelSelector');

const probe = obj('A health check run by the kubelet.', {
  httpGet: obj('HTTP GET request.', { path: str('Path to request.'), port: intOrStr('Port number or name.'), host: str('Host to connect to.'), scheme: str('HTTP or HTTPS.'), httpHeaders: anything('Extra headers.') }, 'HTTPGetAction'),
  tcpSocket: obj('TCP connect.', { port: intOrStr('Port number or name.'), host: str('Host to connect to.') }, 'TCPSocketAction'),
  exec: obj('Command run in the container.', { command: strList('Command line.') }, 'ExecAction'),
  grpc: obj('gRPC health check.', { port: int('Port number.'), service: str('Service name.') }, 'GRPCAction'),
  initialDelaySeconds: int('Seconds after start before the first probe.'),
  periodSeconds: int('How often to probe.'),
  timeoutSeconds: int('Seconds before a probe times out.'),
  successThreshold: int('Successes needed after a failure.'),
  failureThreshold: int('Failures before giving up.'),
  terminationGracePeriodSeconds: int('Grace period when the probe fails.', 64),
}, 'Probe');

const resourceList: FieldSchema = { ...strMap('Quantities per resource name (cpu, memory).'), quantity: true };

export const container = obj('A single application container.', {
  name: str('Name of the container, unique in the pod.', true),
  image: str('Container image name.'),
  imagePullPolicy: str('Always, Never or IfNotPresent.'),
  command: strList('Entrypoint array; replaces the image ENTRYPOINT.'),
  args: strList('Arguments to the entrypoint; replace the image CMD.'),
  workingDir: str('Working directory.'),
  ports: arr(
    'Ports the container exposes.',
    obj('A network port in a container.', {
      name: str('IANA_SVC_NAME name for the port.'),
      containerPort: int('Port number on the pod IP.'),
      hostPort: int('Port number on the host.'),
      hostIP: str('Host IP to bind to.'),
      protocol: str('TCP, UDP or SCTP. Defaults to TCP.'),
    }, 'ContainerPort'),
  ),
  env: arr('Environment variables.', obj('One variable.', { name: str('Variable name.', true), value: str('Value.'), valueFrom: anything('Source of the value.') }, 'EnvVar')),
  envFrom: anything('Sources of environment variables.'),
  resources: obj('Compute resources.', { requests: resourceList, limits: resourceList, claims: anything('Dynamic resource claims.') }, 'ResourceRequirements'),
  volumeMounts: arr('Volumes to mount.', obj('A mount.', { name: str('Volume name.', true), mountPath: str('Path in the container.', true), readOnly: bool('Mount read-only.'), subPath: str('Sub-path of the volume.'), subPathExpr: str('Sub-path with $(VAR) expansion.'), mountPropagation: str('None, HostToContainer or Bidirectional.'), recursiveReadOnly: str('Disabled, IfPossible or Enabled.') }, 'VolumeMount')),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: anything('Actions on start and stop.'),
  terminationMessagePath: str('File the termination message is read from.'),
  terminationMessagePolicy: str('File or FallbackToLogsOnError.'),
  securityContext: anything('Security options.'),
  stdin: bool('Allocate a buffer for stdin.'),
  stdinOnce: bool('Close stdin after the first attach.'),
  tty: bool('Allocate a TTY.'),
  restartPolicy: str('Always makes an init container a sidecar.'),
  resizePolicy: anything('How resources are resized.'),
}, 'Container');

const keyToPaths = arr('Keys to project, and where.', obj('A key and its file.', { key: str('Key.', true), path: str('Relative file path.', true), mode: int('File mode bits.') }, 'KeyToPath'));
const downwardFiles = arr('Files from pod fields.', obj('One file.', {
  path: str('Relative file path.', true),
  fieldRef: obj('A pod field.', { apiVersion: str('Schema version.'), fieldPath: str('Path of the field.', true) }, 'ObjectFieldSelector'),
  resourceFieldRef: anything('A container resource.'),
  mode: int('File mode bits.'),
}, 'DownwardAPIVolumeFile'));

export const podSpec = obj('Specification of the desired behaviour of the pod.', {
  containers: arr('Containers in the pod.', container),
  initContainers: arr('Containers run to completion before the app containers.', container),
  ephemeralContainers: anything('Debug containers.'),
  restartPolicy: str('Always, OnFailure or Never.'),
  terminationGracePeriodSeconds: int('Seconds to wait after SIGTERM before SIGKILL.', 64),
  activeDeadlineSeconds: int('Seconds the pod may run before it is failed.', 64),
  dnsPolicy: str('ClusterFirst, Default, None or ClusterFirstWithHostNet.'),
  dnsConfig: anything('Extra DNS settings.'),
  nodeSelector: strMap('Labels a node must have to run the pod.'),
  nodeName: str('Node the pod is bound to; set by the scheduler.'),
  serviceAccountName: str('Service account the pod runs as.'),
  serviceAccount: str('Deprecated alias of serviceAccountName.'),
  automountServiceAccountToken: bool('Mount the service account token.'),
  hostNetwork: bool('Use the node network namespace.'),
  hostPID: bool('Use the node PID namespace.'),
  hostIPC: bool('Use the node IPC namespace.'),
  hostname: str('Hostname of the pod.'),
  subdomain: str('Subdomain of the pod.'),
  affinity: anything('Scheduling constraints.'),
  tolerations: arr(
    'Taints the pod tolerates.',
    obj('A toleration.', { key: str('Taint key.'), operator: str('Exists or Equal.'), value: str('Taint value.'), effect: str('Taint effect.'), tolerationSeconds: int('Seconds to stay on a NoExecute taint.', 64) }, 'Toleration'),
  ),
  topologySpreadConstraints: anything('How to spread pods across topology domains.'),
  schedulerName: str('Scheduler that places the pod.'),
  priority: int('Priority value.'),
  priorityClassName: str('Priority class name.'),
  preemptionPolicy: str('Never or PreemptLowerPriority.'),
  securityContext: anything('Pod-level security options.'),
  imagePullSecrets: anything('Secrets for pulling images.'),
  volumes: arr('Volumes the containers can mount.', obj('A volume.', {
    name: str('Volume name.', true),
    emptyDir: obj('Empty directory for the pod lifetime.', { medium: str('"" (node disk) or Memory (tmpfs).'), sizeLimit: { ...str('Total size limit.'), type: 'int-or-string' } }, 'EmptyDirVolumeSource'),
    configMap: obj('ConfigMap contents as files.', { name: str('ConfigMap name.'), items: keyToPaths, defaultMode: int('File mode bits, 0000 to 0777.'), optional: bool('Whether the ConfigMap or its keys must exist.') }, 'ConfigMapVolumeSource'),
    secret: obj('Secret contents as files.', { secretName: str('Secret name.'), items: keyToPaths, defaultMode: int('File mode bits, 0000 to 0777.'), optional: bool('Whether the Secret or its keys must exist.') }, 'SecretVolumeSource'),
    hostPath: obj('Directory on the node.', { path: str('Path on the node.', true), type: str('Check done before mounting: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.') }, 'HostPathVolumeSource'),
    persistentVolumeClaim: obj('A claim to a persistent volume.', { claimName: str('Claim name in the pod namespace.', true), readOnly: bool('Mount read-only.') }, 'PersistentVolumeClaimVolumeSource'),
    projected: obj('Several sources in one directory.', {
      defaultMode: int('File mode bits, 0000 to 0777.'),
      sources: arr('Volume projections.', obj('One projection.', {
        configMap: obj('ConfigMap data.', { name: str('ConfigMap name.'), items: keyToPaths, optional: bool('Whether it must exist.') }, 'ConfigMapProjection'),
        secret: obj('Secret data.', { name: str('Secret name.'), items: keyToPaths, optional: bool('Whether it must exist.') }, 'SecretProjection'),
        downwardAPI: obj('Pod fields.', { items: downwardFiles }, 'DownwardAPIProjection'),
        serviceAccountToken: obj('A bound service account token.', { audience: str('Intended audience.'), expirationSeconds: int('Requested lifetime.', 64), path: str('File path.', true) }, 'ServiceAccountTokenProjection'),
        clusterTrustBundle: anything('A ClusterTrustBundle.'),
      }, 'VolumeProjection')),
    }, 'ProjectedVolumeSource'),
    downwardAPI: obj('Pod fields as files.', { items: downwardFiles, defaultMode: int('File mode bits, 0000 to 0777.') }, 'DownwardAPIVolumeSource'),
    nfs: anything('NFS mount.'),
    csi: anything('CSI ephemeral volume.'),
    ephemeral: anything('Generic ephemeral volume.'),
    image: anything('OCI image volume.'),
  }, 'Volume')),
  enableServiceLinks: bool('Inject service environment variables.'),
  shareProcessNamespace: bool('Share one PID namespace between containers.'),
  runtimeClassName: str('Runtime class.'),
  overhead: resourceList,
  readinessGates: anything('Extra conditions for readiness.'),
  schedulingGates: anything('Gates that hold the pod back from scheduling.'),
  os: anything('Operating system of the pod.'),
  hostAliases: anything('Extra /etc/hosts entries.'),
}, 'PodSpec');

export const podTemplate = obj('Pods created from this template.', { metadata: objectMeta, spec: podSpec }, 'PodTemplateSpec');

/** Top level every kind shares. */
export function topLevel(kindDesc: string, rest: Record<string, FieldSchema>): FieldSchema {
  return obj(kindDesc, {
    apiVersion: str('Versioned schema of this representation.'),
    kind: str('REST resource this object represents.'),
    metadata: objectMeta,
    ...rest,
  });
}
