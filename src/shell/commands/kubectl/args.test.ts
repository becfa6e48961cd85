import { describe, expect, it } from 'vitest';
import { completeKubectl, parseKubectl, resourceTargets } from './args.ts';

const parse = (line: string) => parseKubectl(line.split(' ').filter(Boolean));
const ok = (line: string) => {
  const r = parse(line);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const err = (line: string) => {
  const r = parse(line);
  if (r.ok) throw new Error(`${line} parsed`);
  return r.error;
};

describe('parseKubectl flags', () => {
  it.each([
    ['get pods -n kube-system', { namespace: 'kube-system' }],
    ['-n kube-system get pods', { namespace: 'kube-system', args: ['pods'] }],
    ['get pods -nkube-system', { namespace: 'kube-system' }],
    ['get pods --namespace=dev -A', { namespace: 'dev', allNamespaces: true }],
    ['get pods -l app=web,tier!=db --field-selector status.phase=Running', { selector: 'app=web,tier!=db', fieldSelector: 'status.phase=Running' }],
    ['get pods -o wide -w --show-labels', { output: 'wide', watch: true, showLabels: true }],
    ['get pods -ojsonpath={.items[*].metadata.name}', { output: 'jsonpath={.items[*].metadata.name}' }],
    ['get pods -L app -L tier,zone --no-headers', { labelColumns: ['app', 'tier', 'zone'], noHeaders: true }],
    ['apply -f a.yaml -f b.yaml --dry-run=client -o yaml', { filenames: ['a.yaml', 'b.yaml'], dryRun: 'client', output: 'yaml' }],
    ['delete pod web --force --grace-period=0', { force: true, gracePeriod: 0, args: ['pod', 'web'] }],
    ['scale deploy/web --replicas 5', { replicas: 5, args: ['deploy/web'] }],
    ['create deployment web --image=nginx:1.27 --replicas=3 --port=80', { image: 'nginx:1.27', replicas: 3, port: '80', path: 'create deployment' }],
    ['run web --image nginx --port 80 -l app=web', { image: 'nginx', port: '80', selector: undefined }],
    ['logs web -c sidecar --previous --tail=20 -f', { container: 'sidecar', previous: true, tail: 20, follow: true }],
    ['logs web -p', { previous: true }],
    ['exec -it web -- sh -c ls', { stdin: true, tty: true, args: ['web'], dashArgs: ['sh', '-c', 'ls'] }],
    ['rollout status deployment/web', { path: 'rollout status', args: ['status', 'deployment/web'] }],
  ])('%s', (line, want) => expect(ok(line)).toMatchObject(want));
});

describe('parseKubectl errors, worded like kubectl', () => {
  it.each([
    ['get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -z', "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['get pods --namespace', "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n"],
    ['scale deploy web --replicas=three', 'error: invalid argument "three" for "--replicas" flag: strconv.ParseInt: parsing "three": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
    ['get pods -w=maybe', 'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
    ['rollout status deploy/web --bogus', "error: unknown flag: --bogus\nSee 'kubectl rollout status --help' for usage.\n"],
    ['apply -f x.yaml --dry-run', 'error: Invalid dry-run value (unchanged). Must be "none", "server", or "client".\n'],
    ['apply -f x.yaml --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
    ['gett pods', 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n'],
  ])('%s', (line, want) => expect(err(line)).toBe(want));
});

describe('resourceTargets', () => {
  const targets = (args: string[]) => {
    const r = resourceTargets(args, 'get');
    if (!r.ok) throw new Error(r.error);
    return r.value.map((t) => `${t.resource.resource}:${t.names.join('+')}`);
  };
  it.each([
    [['po'], ['pods:']],
    [['Pods', 'web', 'api'], ['pods:web+api']],
    [['deploy'], ['deployments:']],
    [['deployments.apps', 'web'], ['deployments:web']],
    [['rs'], ['replicasets:']],
    [['svc,ep'], ['services:', 'endpoints:']],
    [['no'], ['nodes:']],
    [['ns'], ['namespaces:']],
    [['ev'], ['events:']],
    [['ds,cm'], ['daemonsets:', 'configmaps:']],
    [['endpointslices', 'leases', 'jobs'].slice(0, 1), ['endpointslices:']],
    [['pod/web', 'svc/web', 'po/api'], ['pods:web+api', 'services:web']],
    [['all'], ['pods:', 'services:', 'daemonsets:', 'deployments:', 'replicasets:', 'statefulsets:', 'horizontalpodautoscalers:', 'cronjobs:', 'jobs:']],
  ])('%j', (args, want) => expect(targets(args)).toEqual(want));

  it.each([
    [['podz'], 'error: the server doesn\'t have a resource type "podz"\n'],
    [['pod', 'pod/web'], "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    [['pod/web', 'api'], 'error: arguments in resource/name form must have a single resource and name\n'],
    [['pod/'], 'error: arguments in resource/name form must have a single resource and name\n'],
  ])('%j fails', (args, want) => {
    const r = resourceTargets(args, 'get');
    expect(r.ok ? '' : r.error).toBe(want);
  });

  it('explains a missing type per verb', () => {
    const get = resourceTargets([], 'get');
    expect(get.ok ? '' : get.error).toMatch(/^You must specify the type of resource to get\. .*\n\nerror: Required resource not specified\.\n/);
    const describe = resourceTargets([], 'describe');
    expect(describe.ok ? '' : describe.error).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  });
});

describe('completeKubectl', () => {
  const names = (resource: string, ns: string | undefined) =>
    ({ pods: ns === 'kube-system' ? ['coredns-1', 'etcd-cp'] : ['web-1', 'web-2', 'api-1'], namespaces: ['default', 'kube-system'], nodes: ['cp', 'kind-worker'], deployments: ['web'] })[resource] ?? [];
  it.each([
    [[], 'ge', ['get']],
    [['get'], 'po', ['poddisruptionbudgets', 'pods']],
    [['get'], 'de', ['deployments']],
    [['get', 'pods'], 'web', ['web-1', 'web-2']],
    [['get', 'pods', 'web-1'], 'web', ['web-2']],
    [['describe'], 'deploy/', ['deploy/web']],
    [['get', '-n'], 'kube', ['kube-system']],
    [['-n', 'kube-system', 'logs'], 'e', ['etcd-cp']],
    [['get', 'pods', '-o'], 'j', ['json', 'jsonpath=']],
    [['get', 'pods'], '--show-l', ['--show-labels']],
    [['rollout'], 'st', ['status']],
    [['rollout', 'status'], 'deploy', ['deployments']],
    [['cordon'], 'kind-w', ['kind-worker']],
  ])('%j + %s', (words, current, want) => expect(completeKubectl(words, current, names)).toEqual(want));
});
