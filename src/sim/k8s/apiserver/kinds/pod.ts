import type { KubeObject, Pod, PodSpec } from '../../api/types.ts';
import { forbiddenField } from '../field.ts';
import { clone, jsonEqual } from '../meta.ts';
import { anything, podSpec, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import { defaultPodSpec, validatePodSpec } from './podspec.ts';
import type { KindDef } from './types.ts';
import { sha256Hex } from '../../node/sha256.ts';
import { deepFreeze } from '../watch-cache.ts';

/** The fields a pod update may touch, in the apiserver's own order and wording. */
const UPDATABLE = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export const FORBIDDEN_POD_UPDATE = `pod updates may not change fields other than ${UPDATABLE.join(',')}`;

function qosClass(p: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(p.spec.initContainers ?? []), ...(p.spec.containers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) =>
    ['cpu', 'memory'].every((r) => {
      const lim = c.resources?.limits?.[r];
      const req = c.resources?.requests?.[r] ?? lim;
      return lim !== undefined && req === lim;
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * A short diff of the changed top-level spec fields, standing in for the
 * cmp.Diff of core.PodSpec the real message appends.
 */
function specDiff(old: PodSpec, next: PodSpec): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    const a = (old as unknown as Record<string, unknown>)[k];
    const b = (next as unknown as Record<string, unknown>)[k];
    if (jsonEqual(a, b)) continue;
    if (a !== undefined) lines.push(`- \t${k}: ${JSON.stringify(a)},`);
    if (b !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(b)},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

export function validatePodUpdate(o: KubeObject, oldObj: KubeObject): StatusCause[] {
  const next = (o as Pod).spec;
  const old = (oldObj as Pod).spec;
  // Blank out what may change, then any remaining difference is forbidden.
  const munged = clone(next);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers?.[i]?.image ?? c.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.initContainers?.[i]?.image ?? c.image }));
  const m = munged as PodSpec & { activeDeadlineSeconds?: number };
  const o2 = old as PodSpec & { activeDeadlineSeconds?: number };
  if (o2.activeDeadlineSeconds !== undefined) m.activeDeadlineSeconds = o2.activeDeadlineSeconds;
  else delete m.activeDeadlineSeconds;
  const oldTol = old.tolerations ?? [];
  if (oldTol.every((t) => (next.tolerations ?? []).some((n) => jsonEqual(n, t)))) {
    if (old.tolerations) m.tolerations = old.tolerations;
    else delete m.tolerations;
  }
  if (old.terminationGracePeriodSeconds !== undefined && old.terminationGracePeriodSeconds < 0 && next.terminationGracePeriodSeconds === 1)
    m.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if (jsonEqual(m, old)) return [];
  return [forbiddenField('spec', `${FORBIDDEN_POD_UPDATE}\n${specDiff(old, munged)}`)];
}

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The same for every pod, so one frozen object that every stored pod shares (the watch cache keeps frozen parts
 * as they are): its ~14 objects were half of what admission left in each pod.
 */
const SA_PROJECTED = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount):
 * unless the pod or its ServiceAccount says automountServiceAccountToken:
 * false, a projected volume kube-api-access-xxxxx (a bound token, the
 * cluster CA from kube-root-ca.crt, the namespace) is added and mounted
 * read-only at /var/run/secrets/kubernetes.io/serviceaccount in every
 * container. Mirror pods are left alone. The suffix is derived from the uid so
 * that admission draws nothing from the shared random stream.
 */
function admitServiceAccount(p: Pod): void {
  if (!p.spec || p.metadata.annotations?.['kubernetes.io/config.mirror']) return;
  const ns = p.metadata.namespace ?? 'default';
  // The real plugin also honours the ServiceAccount's own automountServiceAccountToken (from its informer);
  // here only the pod's field is read, so admission adds no storage read to the request's trace.
  if (p.spec.automountServiceAccountToken === false) return;
  const all = [...(p.spec.initContainers ?? []), ...(p.spec.containers ?? [])];
  if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_MOUNT_PATH))) return;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const hex = sha256Hex(`kube-api-access/${p.metadata.uid ?? `${ns}/${p.metadata.name}`}`);
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += alphabet[parseInt(hex.slice(i * 4, i * 4 + 4), 16) % alphabet.length];
  const name = `kube-api-access-${suffix}`;
  (p.spec.volumes ??= []).push({ name, projected: SA_PROJECTED });
  for (const c of all) (c.volumeMounts ??= []).push({ mountPath: SA_MOUNT_PATH, name, readOnly: true });
}

const podStatusSchema = anything('Most recently observed status of the pod; set by the kubelet.');

export const podKind: KindDef = {
  kind: 'Pod',
  apiVersion: 'v1',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('A group of containers that run together on one node.', { spec: podSpec, status: podStatusSchema }),
  fieldSelectors: {
    'spec.nodeName': (o) => (o as Pod).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => (o as Pod).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => (o as Pod).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => (o as Pod).spec?.serviceAccountName ?? '',
    'status.phase': (o) => (o as Pod).status?.phase ?? '',
    'status.podIP': (o) => (o as Pod).status?.podIP ?? '',
  },
  defaults(o) {
    const p = o as Pod;
    if (!p.spec) return;
    defaultPodSpec(p.spec);
    // The DefaultTolerationSeconds admission plugin adds these two to every pod.
    const tol = (p.spec.tolerations ??= []);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])
      if (!tol.some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect))) tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    p.spec.serviceAccountName ??= 'default';
  },
  admit: (o, _ctx, old) => {
    if (!old) admitServiceAccount(o as Pod);
    return [];
  },
  initialStatus: (o) => ({ phase: 'Pending', qosClass: qosClass(o as Pod) }),
  validate: (o) => validatePodSpec((o as Pod).spec, 'spec'),
  validateUpdate: validatePodUpdate,
};
