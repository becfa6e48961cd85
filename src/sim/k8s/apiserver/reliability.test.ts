import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import type { ApiWatchEvent } from './apiserver.ts';
import { decodeManifests } from './decode.ts';
import { kubectlMessage } from './status.ts';
import { pod, setup } from './testing/setup.ts';

const msg = (r: { ok: true } | { ok: false; errors: Parameters<typeof kubectlMessage>[0][] }) => (r.ok ? 'ok' : kubectlMessage(r.errors[0]!));

describe('a corrupt object in etcd', () => {
  it('fails only requests that meet it, naming the key; other resources and watches keep working', () => {
    const { kubectl, etcd, world } = setup();
    kubectl.create(pod('web'));
    const events: ApiWatchEvent[] = [];
    kubectl.watch('pods', { namespace: 'default' }, (e) => events.push(e));
    etcd.put('/registry/pods/default/x', 'hello');
    world.clock.advance(100);
    const get = kubectl.get<Pod>('pods', 'default', 'x');
    expect(msg(get)).toBe(`Error from server (InternalError): Internal error occurred: failed to decode object at key "/registry/pods/default/x": invalid character 'h' looking for beginning of value`);
    expect(msg(kubectl.list('pods', 'default'))).toContain('/registry/pods/default/x');
    expect(kubectl.get<Pod>('pods', 'default', 'web').ok).toBe(true);
    expect(kubectl.list('services').ok).toBe(true);
    expect(events.map((e) => e.object.metadata.name)).toEqual(['web']);
    // Removing the key (etcdctl del) heals the list.
    etcd.delete('/registry/pods/default/x');
    world.clock.advance(100);
    expect(kubectl.list('pods', 'default').ok).toBe(true);
    expect(events.map((e) => e.object.metadata.name)).toEqual(['web']);
  });

  it.each([['[1,2]'], ['"str"'], ['{"kind":"Pod"}'], ['']])('%j is reported, not thrown', (value) => {
    const { kubectl, etcd } = setup();
    etcd.put('/registry/pods/default/x', value);
    expect(msg(kubectl.get('pods', 'default', 'x'))).toContain('Internal error occurred: failed to decode object at key "/registry/pods/default/x"');
  });
});

describe('mistyped fields are refused with the decoder message, never stored', () => {
  const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } };
  const spec = (extra: object) => ({ ...base, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, ...extra } });
  it.each<[string, object, string]>([
    ['replicas 2.5', spec({ replicas: 2.5 }), 'json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['replicas "three"', spec({ replicas: 'three' }), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['replicas beyond int32', spec({ replicas: 2 ** 31 }), 'json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['containers a string', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'nginx' } }, 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['tolerations a map', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { tolerations: {}, containers: [] } }, 'json: cannot unmarshal object into Go struct field PodSpec.spec.tolerations of type []v1.Toleration'],
    ['a container a string', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ['nginx'] } }, 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container'],
    ['a label a number', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 1 } }, spec: { containers: [] } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['metadata a list', { apiVersion: 'v1', kind: 'ConfigMap', metadata: [] }, 'json: cannot unmarshal array into Go struct field ConfigMap.metadata of type v1.ObjectMeta'],
    ['a port an object', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: {} }] }] } }, 'json: cannot unmarshal object into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['a probe port a list', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', readinessProbe: { tcpSocket: { port: [] } } }] } }, 'json: cannot unmarshal array into Go value of type int32'],
  ])('%s', (_, obj, expected) => {
    const { kubectl } = setup();
    const r = kubectl.create(obj as never);
    expect(msg(r)).toContain(expected);
    expect(msg(r)).toMatch(/^Error from server \(BadRequest\)/);
  });

  it('nulls decode as Go does: a null element is a zero value, a null field is unset (found by the typed fuzz)', () => {
    const { kubectl } = setup();
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [null] } } } };
    expect(msg(kubectl.create(job as never))).toContain('spec.template.spec.containers[0].name: Required value');
    const p = kubectl.create<Pod>({ ...pod('n'), spec: { containers: [{ name: 'c', image: 'nginx', ports: null }], nodeSelector: null } } as never);
    expect(p.ok && p.value.spec.containers[0]!.ports).toBeUndefined();
    // A Job without a template is refused, not a crash in defaulting.
    expect(msg(kubectl.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'k' }, spec: {} } as never))).toContain('is invalid');
  });

  it('accepts quantities as numbers or strings', () => {
    const { kubectl } = setup();
    const r = kubectl.create({ ...pod('q'), spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 1, memory: '64Mi' } } }] } } as never);
    expect(msg(r)).toBe('ok');
  });

  it('negative replicas are invalid with the real message', () => {
    const { kubectl } = setup();
    expect(msg(kubectl.create(spec({ replicas: -5 }) as never))).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -5: must be greater than or equal to 0');
  });
});

describe('probe fields are defaulted and validated as the API server does', () => {
  const withProbe = (probe: object) => ({ ...pod('p'), spec: { containers: [{ name: 'web', image: 'nginx', livenessProbe: { httpGet: { path: '/', port: 80 }, ...probe } }] } });
  it('0 (Go zero value) and unset become the defaults', () => {
    const { kubectl } = setup();
    const r = kubectl.create<Pod>(withProbe({ periodSeconds: 0, timeoutSeconds: 0 }) as never);
    expect(r.ok && r.value.spec.containers[0]!.livenessProbe).toEqual({ httpGet: { path: '/', port: 80 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  });
  it('negative periods are invalid', () => {
    const { kubectl } = setup();
    expect(msg(kubectl.create(withProbe({ periodSeconds: -1 }) as never))).toBe('The Pod "p" is invalid: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0');
  });
  it('a liveness probe needs successThreshold 1 and a handler', () => {
    const { kubectl } = setup();
    expect(msg(kubectl.create(withProbe({ successThreshold: 2 }) as never))).toContain('spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1');
    const none = { ...pod('p'), spec: { containers: [{ name: 'web', image: 'nginx', readinessProbe: { periodSeconds: 5 } }] } };
    expect(msg(kubectl.create(none as never))).toContain('spec.containers[0].readinessProbe: Required value: must specify a handler type');
  });
});

describe('manifest decoding of hostile YAML', () => {
  it('an alias bomb fails like kubectl, quickly', () => {
    const levels = 'abcdefghi'.split('');
    const text = levels.map((l, i) => `${l}: &${l} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(',')}]`).join('\n') + '\nkind: Pod\n';
    const t = performance.now();
    const d = decodeManifests(text, 'bomb.yaml');
    expect(performance.now() - t).toBeLessThan(1000);
    expect(d.fatal).toBe(true);
    expect(d.errors[0]!.message).toBe('error: error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing');
  });
  it('an unknown alias fails like kubectl', () => {
    const d = decodeManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: *nope\n', 'n.yaml');
    expect(d.errors[0]!.message).toBe("error: error parsing n.yaml: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
    expect(d.objects).toEqual([]);
  });
  it('a List whose items are not a list', () => {
    const d = decodeManifests('apiVersion: v1\nkind: List\nitems: 7\n', 'l.yaml');
    expect(d.errors[0]!.message).toBe('error: unable to decode "l.yaml": json: cannot unmarshal number into Go struct field decodeList.items of type []json.RawMessage');
  });
});
