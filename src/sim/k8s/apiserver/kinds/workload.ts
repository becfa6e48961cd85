import type { KubeObject, LabelSelector, PodTemplateSpec } from '../../api/types.ts';
import { goValue, invalidField, notSupportedField, requiredField } from '../field.ts';
import { jsonEqual } from '../meta.ts';
import { matchesRequirements, selectorRequirements, selectorString } from '../selectors.ts';
import { int, labelSelector, podTemplate, type FieldSchema } from '../schema.ts';
import type { KindDef } from './types.ts';
import type { StatusCause } from '../status.ts';
import { validatePodSpec } from './podspec.ts';
import { MAX_REPLICAS, replicasLimitDetail } from '../../../limits.ts';

/**
 * What Deployments, ReplicaSets and DaemonSets share: a selector that must
 * match the pod template's labels, and a template that must restart Always.
 */
interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

/** Go's %#v of a v1.LabelSelector, as the apiserver prints it in these errors. */
function selectorValue(s: LabelSelector): string {
  const ml = s.matchLabels ? goValue(s.matchLabels) : 'map[string]string(nil)';
  const me = s.matchExpressions ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:[]string{${(e.values ?? []).map((v) => JSON.stringify(v)).join(', ')}}}`).join(', ')}}` : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

const raw = (field: string, rendered: string, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${rendered}: ${detail}` });

export function validateWorkload(spec: WorkloadSpec | undefined, opts: { replicas: boolean; restartPolicies: string[]; kind?: string }): StatusCause[] {
  const s = spec ?? {};
  const errs: StatusCause[] = [];
  if (opts.replicas && s.replicas !== undefined && s.replicas < 0) errs.push(invalidField('spec.replicas', s.replicas, 'must be greater than or equal to 0'));
  if (opts.replicas && s.replicas !== undefined && s.replicas > MAX_REPLICAS) errs.push(invalidField('spec.replicas', s.replicas, replicasLimitDetail()));
  if (!s.selector) errs.push(requiredField('spec.selector'));
  else if (Object.keys(s.selector.matchLabels ?? {}).length + (s.selector.matchExpressions?.length ?? 0) === 0)
    errs.push(raw('spec.selector', selectorValue(s.selector), `empty selector is invalid for ${opts.kind ?? 'deployment'}`));
  const labels = s.template?.metadata?.labels;
  // A missing selector matches nothing, so the template check fails too, as in the real apiserver.
  if (!s.selector || !matchesRequirements(labels, selectorRequirements(s.selector)))
    errs.push(raw('spec.template.metadata.labels', labels ? goValue(labels) : 'map[string]string(nil)', '`selector` does not match template `labels`'));
  // A StatefulSet's pods also get a volume per claim template, so mounts may name those.
  const claimNames = ((s as { volumeClaimTemplates?: { metadata?: { name?: string } }[] }).volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
  errs.push(...validatePodSpec(s.template?.spec, 'spec.template.spec', claimNames));
  const rp = s.template?.spec?.restartPolicy;
  if (rp && !opts.restartPolicies.includes(rp)) errs.push(notSupportedField('spec.template.spec.restartPolicy', rp, opts.restartPolicies));
  return errs;
}

/** apps/v1 selectors cannot change after create. */
export function validateSelectorUpdate(o: KubeObject, old: KubeObject): StatusCause[] {
  const a = (o as { spec?: WorkloadSpec }).spec?.selector;
  const b = (old as { spec?: WorkloadSpec }).spec?.selector;
  return jsonEqual(a, b) ? [] : [raw('spec.selector', selectorValue(a ?? {}), 'field is immutable')];
}

const ws = (o: KubeObject) => (o as unknown as { spec: WorkloadSpec }).spec;

/** The scale subresource of kinds with spec.replicas (Deployment, ReplicaSet). */
export const replicasScale: NonNullable<KindDef['scale']> = {
  replicas: (o) => ws(o).replicas ?? 1,
  selector: (o) => selectorString(ws(o).selector),
  set: (o, n) => {
    ws(o).replicas = n;
  },
};

/** spec fields Deployment and ReplicaSet share. */
export const replicatedSpecFields = (): Record<string, FieldSchema> => ({
  replicas: int('Number of desired pods. Defaults to 1.'),
  selector: labelSelector,
  template: podTemplate,
  minReadySeconds: int('Seconds a new pod must be ready to count as available.'),
});
