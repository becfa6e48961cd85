import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, Job, KubeObject, ReplicaSet } from '../../api/types.ts';
import { must, printed } from '../testing/expect.ts';
import { setup } from '../testing/setup.ts';

const template = (labels: Record<string, string> | undefined, restartPolicy?: 'Always' | 'Never' | 'OnFailure') => ({
  ...(labels ? { metadata: { labels } } : {}),
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...(restartPolicy ? { restartPolicy } : {}) },
});

const deploy = (name: string, selector: Deployment['spec']['selector'] | undefined, labels: Record<string, string> | undefined, extra: Partial<Deployment['spec']> = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { ...(selector ? { selector } : {}), template: template(labels), ...extra } as Deployment['spec'],
});

describe('Deployment', () => {
  it('fills the real defaults', () => {
    const d = must(setup().kubectl.create(deploy('web', { matchLabels: { app: 'web' } }, { app: 'web' })));
    expect(d.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(d.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(d.metadata.generation).toBe(1);
  });

  it.each<[string, Deployment, string]>([
    [
      'selector does not match the template',
      deploy('x', { matchLabels: { app: 'y' } }, { app: 'x' }),
      'The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ],
    [
      'negative replicas',
      deploy('x', { matchLabels: { app: 'x' } }, { app: 'x' }, { replicas: -1 }),
      'The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'template that does not restart Always',
      { ...deploy('x', { matchLabels: { app: 'x' } }, { app: 'x' }), spec: { selector: { matchLabels: { app: 'x' } }, template: template({ app: 'x' }, 'Never') } },
      'The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'no selector',
      deploy('x', undefined, { app: 'x' }),
      'The Deployment "x" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ],
  ])('%s', (_, manifest, message) => {
    expect(printed(setup().kubectl.create(manifest))).toBe(message);
  });

  it('bumps generation on spec changes only, and scales through the scale subresource', () => {
    const { kubectl, api } = setup();
    must(kubectl.create(deploy('web', { matchLabels: { app: 'web' } }, { app: 'web' })));
    const labelled = must(kubectl.patch<Deployment>('deploy', 'default', 'web', { metadata: { labels: { a: 'b' } } }));
    expect(labelled.metadata.generation).toBe(1);
    const scale = must(api.as('kubectl').updateScale('deployments', 'default', 'web', 3));
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 3 }, status: { selector: 'app=web' } });
    const d = must(kubectl.get<Deployment>('deployments.apps', 'default', 'web'));
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.generation).toBe(2);
    expect(printed(kubectl.updateScale('deployments', 'default', 'web', -1))).toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('refuses to change the selector', () => {
    const { kubectl } = setup();
    must(kubectl.create(deploy('web', { matchLabels: { app: 'web' } }, { app: 'web', v: '1' })));
    const r = kubectl.patch('deploy', 'default', 'web', { spec: { selector: { matchLabels: { v: '1' } } } });
    expect(printed(r)).toBe('The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });
});

describe('ReplicaSet, DaemonSet and Job', () => {
  it.each<[string, KubeObject, string]>([
    [
      'ReplicaSet selector mismatch',
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template({ app: 'b' }) } } as ReplicaSet,
      'The ReplicaSet "rs" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
    ],
    [
      'DaemonSet without template labels',
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template(undefined) } } as DaemonSet,
      'The DaemonSet "ds" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
    ],
    [
      'Job restarting Always',
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: template(undefined, 'Always') } } as Job,
      'The Job "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
  ])('%s', (_, manifest, message) => {
    expect(printed(setup().kubectl.create(manifest))).toBe(message);
  });

  it('gives a Job its generated selector and completions/parallelism/backoffLimit defaults', () => {
    const j = must(setup().kubectl.create<Job>({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: template(undefined, 'Never') } } as Job));
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6 });
    expect(j.spec.selector?.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': j.metadata.uid });
    expect(j.spec.template.metadata?.labels?.['job-name']).toBe('pi');
  });

  it('scales a ReplicaSet and not a DaemonSet', () => {
    const { kubectl } = setup();
    must(kubectl.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) } } as ReplicaSet));
    expect(must(kubectl.updateScale('rs', 'default', 'rs', 0)).spec.replicas).toBe(0);
    expect(kubectl.getScale('ds', 'default', 'x').ok).toBe(false);
  });
});
