import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types.ts';
import { must, printed } from '../testing/expect.ts';
import { pod, setup } from '../testing/setup.ts';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const withContainers = (name: string, containers: Pod['spec']['containers'], extra: Partial<Pod['spec']> = {}): Pod => ({ ...pod(name), spec: { containers, ...extra } });

describe('Pod validation', () => {
  it.each<[string, Pod, string]>([
    ['upper-case name', pod('Web'), `The Pod "Web" is invalid: metadata.name: Invalid value: "Web": ${SUBDOMAIN}`],
    ['missing image', withContainers('x', [{ name: 'c', image: '' }]), 'The Pod "x" is invalid: spec.containers[0].image: Required value'],
    ['no containers', withContainers('x', []), 'The Pod "x" is invalid: spec.containers: Required value'],
    ['bad container name', withContainers('x', [{ name: 'Web_1', image: 'nginx' }]), `The Pod "x" is invalid: spec.containers[0].name: Invalid value: "Web_1": ${LABEL}`],
    [
      'duplicate container names',
      withContainers('x', [{ name: 'web', image: 'nginx' }, { name: 'web', image: 'redis' }]),
      'The Pod "x" is invalid: spec.containers[1].name: Duplicate value: "web"',
    ],
    [
      'port out of range',
      withContainers('x', [{ name: 'c', image: 'nginx', ports: [{ containerPort: 70000 }] }]),
      'The Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'bad restart policy',
      withContainers('x', [{ name: 'c', image: 'nginx' }], { restartPolicy: 'Sometimes' as never }),
      'The Pod "x" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'several causes',
      withContainers('x', [{ name: 'c', image: '' }, { name: 'c', image: 'nginx', ports: [{ containerPort: 0 }] }]),
      'The Pod "x" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].name: Duplicate value: "c"\n* spec.containers[1].ports[0].containerPort: Required value',
    ],
  ])('%s', (_, manifest, message) => {
    expect(printed(setup().kubectl.create(manifest))).toBe(message);
  });

  it('keeps the server message in the Status (one cause inline, several in brackets)', () => {
    const r = setup().kubectl.create(withContainers('x', [{ name: 'c', image: '' }, { name: 'd', image: '' }]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ code: 'Invalid', httpCode: 422 });
      expect(r.errors[0].message).toBe('Pod "x" is invalid: [spec.containers[0].image: Required value, spec.containers[1].image: Required value]');
      expect(r.errors[0].details?.causes?.map((c) => c.field)).toEqual(['spec.containers[0].image', 'spec.containers[1].image']);
    }
  });

  it.each<[string, (p: Pod) => Pod, boolean]>([
    ['image change', (p) => ({ ...p, spec: { ...p.spec, containers: [{ ...p.spec.containers[0]!, image: 'nginx:1.28' }] } }), true],
    ['label change', (p) => ({ ...p, metadata: { ...p.metadata, labels: { a: 'b' } } }), true],
    ['activeDeadlineSeconds', (p) => ({ ...p, spec: { ...p.spec, activeDeadlineSeconds: 60 } as Pod['spec'] }), true],
    ['added toleration', (p) => ({ ...p, spec: { ...p.spec, tolerations: [...(p.spec.tolerations ?? []), { key: 'k', operator: 'Exists' }] } }), true],
    ['new port', (p) => ({ ...p, spec: { ...p.spec, containers: [{ ...p.spec.containers[0]!, ports: [{ containerPort: 80 }] }] } }), false],
    ['restart policy', (p) => ({ ...p, spec: { ...p.spec, restartPolicy: 'Never' } }), false],
  ])('update with %s allowed: %s', (_, change, allowed) => {
    const { kubectl } = setup();
    const cur = must(kubectl.create(pod('web')));
    const r = kubectl.update(change(cur));
    expect(r.ok).toBe(allowed);
    if (!allowed)
      expect(printed(r).split('\n')[0]).toBe(
        'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      );
  });

  it('gives the QoS class from requests and limits', () => {
    const { kubectl } = setup();
    const cases: [Pod['spec']['containers'][0]['resources'], string][] = [
      [undefined, 'BestEffort'],
      [{ requests: { cpu: '100m' } }, 'Burstable'],
      [{ limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    ];
    cases.forEach(([resources, qos], i) => {
      const p = must(kubectl.create(withContainers(`p${i}`, [{ name: 'c', image: 'nginx', ...(resources ? { resources } : {}) }])));
      expect(p.status?.qosClass).toBe(qos);
    });
  });
});
