import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Hostile inputs (issue 14): each class returns within 1 s of wall time with
 * a clear message, and the session keeps working afterwards.
 */
const DEPLOY = (replicas: string, probe = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
${probe}`;
const levels = 'abcdefghi'.split('');
const BOMB = levels.map((l, i) => `${l}: &${l} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(',')}]`).join('\n') + '\nkind: Pod\n';
const MB = 'x'.repeat(999_000) + '\n';

const cases: [string, Record<string, string>, string, RegExp][] = [
  ['alias bomb', { 'bomb.yaml': BOMB }, 'kubectl apply -f bomb.yaml', /^error: error parsing bomb\.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n$/],
  ['unknown alias', { 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: *nope}\n' }, 'kubectl apply -f a.yaml', /yaml: unknown anchor 'nope' referenced/],
  ['huge replicas in a manifest', { 'd.yaml': DEPLOY('1000000000') }, 'kubectl apply -f d.yaml', /spec\.replicas: Invalid value: 1000000000: must be less than or equal to 1000 in this simulator/],
  ['huge replicas by kubectl scale', { 'd.yaml': DEPLOY('1') }, 'kubectl apply -f d.yaml; kubectl scale deploy web --replicas=1000000000', /The Scale "web" is invalid: spec\.replicas: Invalid value: 1000000000/],
  ['1e9 replicas flag', {}, 'kubectl create deployment web --image=nginx --replicas=1e9', /invalid argument "1e9" for "-r, --replicas" flag: strconv.ParseInt/],
  ['fractional replicas', { 'd.yaml': DEPLOY('2.5') }, 'kubectl apply -f d.yaml', /cannot unmarshal number 2\.5 into Go struct field DeploymentSpec\.spec\.replicas of type int32/],
  ['negative replicas', { 'd.yaml': DEPLOY('-5') }, 'kubectl apply -f d.yaml', /spec\.replicas: Invalid value: -5: must be greater than or equal to 0/],
  ['compose --scale 1e9', { 'compose.yaml': 'services:\n  a:\n    image: nginx\n' }, 'docker compose up -d --scale a=1000000000', /service "a": 1000000000 replicas is more than this simulator runs/],
  ['compose deploy.replicas 1e9', { 'compose.yaml': 'services:\n  a:\n    image: nginx\n    deploy:\n      replicas: 1e9\n' }, 'docker compose up -d', /service "a": 1000000000 replicas is more than this simulator runs/],
  ['zero probe period', { 'd.yaml': DEPLOY('1', '        readinessProbe:\n          httpGet: {path: /, port: 80}\n          periodSeconds: 0\n') }, 'kubectl apply -f d.yaml; sleep 60; kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].readinessProbe.periodSeconds}', /deployment\.apps\/web created\n10$/],
  ['negative probe period', { 'd.yaml': DEPLOY('1', '        livenessProbe:\n          httpGet: {path: /, port: 80}\n          periodSeconds: -1\n') }, 'kubectl apply -f d.yaml', /livenessProbe\.periodSeconds: Invalid value: -1: must be greater than or equal to 0/],
  ['zero compose healthcheck interval', { 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment: {POSTGRES_PASSWORD: x}\n    healthcheck:\n      test: pg_isready\n      interval: 0s\n' }, 'docker compose up -d 2>/dev/null; sleep 60; docker compose ps --format "{{.Status}}"', /\(healthy\)/],
  ['ReDoS pattern', { 'r.txt': 'a'.repeat(5000) + '!\n' }, 'grep -E "(a+)+$" r.txt; echo $?; grep "(a+)+$" r.txt; echo $?', /^1\n1\n$/],
  ['10 MB through a pipe', { 'big.txt': MB }, `cat ${Array(11).fill('big.txt').join(' ')} | wc -c`, /^10989011\n$/],
  ['more than a pipe holds', { 'big.txt': MB }, `cat ${Array(40).fill('big.txt').join(' ')} | wc -c`, /output beyond 32 MiB is not simulated here[\s\S]*33554432/],
  // go-yaml's scanner refuses level 10,001 ("exceeded max depth of 10000", gopkg.in/yaml.v2 and v3 scannerc.go
  // yaml_parser_increase_flow_level); a scanner error on the first line names no line (parser.fail: mark.line == 0).
  ['10k-level nesting, sequences (kubectl)', { 'deep.yaml': 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n' }, 'kubectl apply -f deep.yaml', /^error: error parsing deep\.yaml: error converting YAML to JSON: yaml: line 1: nesting deeper than 200 levels is not simulated here \(go-yaml accepts up to 10000\)\n$/],
  ['10k-level nesting, mappings (kubectl)', { 'deep.yaml': 'a: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n' }, 'kubectl apply -f deep.yaml', /^error: error parsing deep\.yaml: error converting YAML to JSON: yaml: line 1: nesting deeper than 200 levels/],
  ['10,001-level nesting (kubectl)', { 'deep.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: ' + '['.repeat(10_001) + ']'.repeat(10_001) + '\n' }, 'kubectl apply -f deep.yaml', /^error: error parsing deep\.yaml: error converting YAML to JSON: yaml: line 3: exceeded max depth of 10000\n$/],
  ['10,001-level nesting on the first line (kubectl)', { 'deep.yaml': '[' .repeat(10_001) + ']'.repeat(10_001) + '\n' }, 'kubectl apply -f deep.yaml', /^error: error parsing deep\.yaml: error converting YAML to JSON: yaml: exceeded max depth of 10000\n$/],
  ['10k-level nesting, mappings (compose)', { 'compose.yaml': 'services:\n  a:\n    image: nginx\n    labels: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n' }, 'docker compose config', /^yaml: line 4: nesting deeper than 200 levels is not simulated here \(go-yaml accepts up to 10000\)\n {2}--> compose\.yaml:4:/],
  ['10,001-level nesting (compose)', { 'compose.yaml': 'services:\n  a:\n    image: nginx\n    command: ' + '['.repeat(10_001) + ']'.repeat(10_001) + '\n' }, 'docker compose up -d', /^yaml: line 4: exceeded max depth of 10000\n/],
  ['duplicate keys (kubectl)', { 'dup.yaml': 'apiVersion: v1\nkind: Pod\nkind: Pod\n' }, 'kubectl apply -f dup.yaml', /line 3: key "kind" already set in map/],
  ['duplicate keys (compose)', { 'compose.yaml': 'services:\n  a:\n    image: nginx\n    image: redis\n' }, 'docker compose config', /mapping key "image" already defined at line 3/],
  // go-yaml's reader refuses non-printable characters before parsing, with no line (readerc.go yaml_parser_update_buffer).
  ['binary manifest', { 'bin.yaml': 'apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002\u00ff' }, 'kubectl apply -f bin.yaml', /^error: error parsing bin\.yaml: error converting YAML to JSON: yaml: control characters are not allowed\n$/],
  ['binary compose file', { 'compose.yaml': 'services:\n  a:\n    image: nginx\u0000\u0007\n' }, 'docker compose config', /^yaml: control characters are not allowed\n/],
  ['invalid object name', {}, 'kubectl run "<x>" --image=nginx', /metadata\.name: Invalid value: "<x>": a lowercase RFC 1123 subdomain/],
  ['invalid compose service names', { 'compose.yaml': 'services:\n  "a b": {image: nginx}\n  "<x>": {image: nginx}\n  "": {image: nginx}\n' }, 'docker compose config', /services additional properties 'a b' not allowed[\s\S]*'<x>' not allowed[\s\S]*'' not allowed/],
  ['extends loop', { 'compose.yaml': 'services:\n  a: {extends: b}\n  b: {extends: a}\n' }, 'docker compose config', /^Circular reference:\n {2}a in \/home\/learner\/d\/compose\.yaml\n {2}extends b in \/home\/learner\/d\/compose\.yaml\n {2}extends a in/],
  ['corrupt etcd object', {}, 'etcdctl put /registry/pods/default/x hello; kubectl get pod x; kubectl get ns default -o name', /Internal error occurred: failed to decode object at key "\/registry\/pods\/default\/x"[\s\S]*namespace\/default/],
  ['mistyped field', { 'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: "nginx"\n' }, 'kubectl apply -f p.yaml; sleep 30', /cannot unmarshal string into Go struct field PodSpec\.spec\.containers of type \[\]v1\.Container/],
  ['ConfigMap over 1 MiB', { 'a.txt': MB, 'b.txt': MB }, 'kubectl create configmap two --from-file=a.txt --from-file=b.txt', /The ConfigMap "two" is invalid: \[\]: Too long: may not be more than 1048576 bytes/],
];

describe('hostile inputs return within 1 s with a clear message', () => {
  it.each(cases)('%s', (_, files, script, expected) => {
    // The cluster boots before the clock starts: the time measured is the hostile input's own.
    const k8s = /kubectl|etcdctl/.test(script);
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: 'd', files, ...(k8s ? { boot: ['k8s'] as 'k8s'[] } : {}) });
    // CPU time of this process, not wall time: the test machine is shared, and a busy neighbour is not a hang.
    const before = process.cpuUsage();
    const out = transcript(sh, script, {});
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    // The suite prints each class, its time and the first line of what the learner reads.
    console.log(`hostile input: ${_}: ${Math.round(ms)} ms CPU: ${out.split('\n').find((l) => l.trim()) ?? ''}`.slice(0, 220));
    expect(out).toMatch(expected);
    expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(1000);
    // The session still answers.
    expect(transcript(sh, 'echo ok', {})).toBe('ok\n');
  });
});
