import { describe, expect, it } from 'vitest';
import { decodeManifests } from './decode.ts';
import { printed } from './testing/expect.ts';
import { setup } from './testing/setup.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
`;

describe('decodeManifests', () => {
  it.each<[string, string, string[]]>([
    ['one document', POD, ['Pod/web']],
    ['several documents', `${POD}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n---\n`, ['Pod/web', 'Service/web']],
    [
      'a List',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n',
      ['ConfigMap/a', 'Deployment/b'],
    ],
    ['flow style (KYAML)', '{apiVersion: v1, kind: Pod, metadata: {name: x}, spec: {containers: [{name: c, image: nginx}]}}', ['Pod/x']],
    ['JSON', '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}}', ['Namespace/team']],
    ['a real kind no controller acts on', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n', ['Ingress/web']],
  ])('loads %s', (_, text, kinds) => {
    const d = decodeManifests(text, 'f.yaml');
    expect(d.errors).toEqual([]);
    expect(d.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(kinds);
  });

  it.each<[string, string, string]>([
    [
      'a mapping value where none may be',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: app: web\n',
      'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
    ],
    ['a tab as indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n', 'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token'],
    ['an unclosed quote', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web\n', 'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream'],
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Pod\n', 'error: error parsing pod.yaml: error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key "kind" already set in map'],
  ])('reports %s like kubectl', (_, text, message) => {
    const d = decodeManifests(text, 'pod.yaml');
    expect(d.fatal).toBe(true);
    expect(d.objects).toEqual([]);
    expect(d.errors.map((e) => e.message)).toEqual([message]);
  });

  it.each<[string, string, string]>([
    ['a missing kind', 'apiVersion: v1\nmetadata:\n  name: x\n', `error: unable to decode "f.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`],
    [
      'an unknown kind',
      'apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: x\n',
      'error: resource mapping not found for name: "x" namespace: "" from "f.yaml": no matches for kind "Foo" in version "example.com/v1"\nensure CRDs are installed first',
    ],
    [
      'a missing apiVersion',
      'kind: Pod\nmetadata:\n  name: x\n  namespace: team\n',
      'error: resource mapping not found for name: "x" namespace: "team" from "f.yaml": no matches for kind "Pod" in version ""\nensure CRDs are installed first',
    ],
  ])('reports %s and keeps the other objects', (_, text, message) => {
    const d = decodeManifests(`${POD}---\n${text}`, 'f.yaml');
    expect(d.fatal).toBe(false);
    expect(d.objects.map((o) => o.metadata.name)).toEqual(['web']);
    expect(d.errors.map((e) => e.message)).toEqual([message]);
  });
});

describe('strict field validation on the server', () => {
  it.each<[string, string, string]>([
    [
      'an unknown container field',
      POD.replace('image: nginx', 'imagez: nginx'),
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagez"',
    ],
    [
      'two unknown fields',
      POD.replace('spec:', 'spec:\n  replicas: 2\n  foo: 1'),
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.replicas"',
    ],
    [
      'a misplaced field in a Deployment',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    containers: []\n',
      'Error from server (BadRequest): error when creating "pod.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.containers"',
    ],
  ])('rejects %s', (_, text, message) => {
    const obj = decodeManifests(text, 'pod.yaml').objects[0]!;
    expect(printed(setup().kubectl.create(obj), { verb: 'creating', file: 'pod.yaml' })).toBe(message);
  });

  it('stores an unsupported-but-real kind and says no controller acts on it', () => {
    const { kubectl } = setup();
    const obj = decodeManifests('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db}\nspec: {podSelector: {}}\n', 'f.yaml').objects[0]!;
    const r = kubectl.create(obj);
    expect(r.ok && r.warnings?.[0]?.message).toMatch(/no controller .* NetworkPolicy/);
    const list = kubectl.list('networkpolicies', 'default');
    expect(list.ok && list.value.items.map((o) => o.metadata.name)).toEqual(['db']);
  });
});
