import { describe, expect, it } from 'vitest';
import { getCluster } from '../../../../sim/k8s/cluster.ts';
import { out, run, session, webSession } from './testing.ts';

describe('kubectl get', () => {
  const sh = webSession();
  it.each([
    ['short name and TYPE/NAME', 'kubectl get deploy/web svc/web -o name', 'deployment.apps/web\nservice/web\n'],
    ['several names', 'kubectl get svc web kubernetes -o name', 'service/web\nservice/kubernetes\n'],
    ['-l', 'kubectl get pods -l app=nope', 'No resources found in default namespace.\n'],
    ['--field-selector', 'kubectl get pods --field-selector spec.nodeName=kind-control-plane -o name', ''],
    ['jsonpath', 'kubectl get svc kubernetes -o jsonpath={.spec.clusterIP}', '10.96.0.1'],
    ['custom-columns', 'kubectl get nodes -o custom-columns=NAME:.metadata.name --no-headers', 'kind-control-plane\nkind-worker\nkind-worker2\n'],
    ['-L', 'kubectl get deploy -L app --no-headers', 'web   3/3   3     3     30s   web\n'],
    ['a missing name among found ones', 'kubectl get svc web nope -o name', 'Error from server (NotFound): services "nope" not found\nservice/web\n'],
  ])('%s', (_, line, want) => expect(out(sh, line)).toBe(want));

  it.each([
    ['an empty namespace', 'kubectl get pods -n kube-public', 'No resources found in kube-public namespace.\n'],
    ['-A over an empty kind', 'kubectl get jobs -A', 'No resources found\n'],
  ])('says so for %s', (_, line, want) => expect(out(sh, line)).toBe(want));

  it('-o yaml of one object prints it bare, of a list as a List', () => {
    expect(out(sh, 'kubectl get deploy web -o yaml')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(out(sh, 'kubectl get deploy -o yaml')).toMatch(/^apiVersion: v1\nitems:\n/);
  });

  it('-A adds a NAMESPACE column and --show-labels a LABELS one', () => {
    expect(out(sh, 'kubectl get deploy -A --show-labels')).toMatch(/^NAMESPACE\s+NAME\s+READY.*LABELS\ndefault\s+web\s+3\/3.*app=web\nkube-system\s+coredns\s+2\/2.*k8s-app=kube-dns\n$/);
  });

  it('-w prints the table, then one row per change without a new header, until Ctrl-C', () => {
    const w = webSession();
    const t = run(w, 'kubectl get deploy web -w');
    expect(t.startsWith('$ kubectl get deploy web -w\nNAME   READY')).toBe(true);
    expect(t.endsWith('^C')).toBe(true);
    const watched = webSession();
    // Another client scales the deployment while the watch runs.
    watched.world.clock.setTimeout(() => getCluster(watched.world).api.as('test').updateScale('deployments', 'default', 'web', 1), 2000);
    const lines = run(watched, 'kubectl get deploy web -w').split('\n');
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.some((l) => /^web\s+\d\/1\s/.test(l))).toBe(true);
  });
});

describe('kubectl get -o go-template', () => {
  it('prints each object through the template (-o go-template=, -o template=, --template)', () => {
    const sh = session();
    expect(out(sh, `kubectl get ns -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`)).toBe('default\nkube-node-lease\nkube-public\nkube-system\n');
    expect(out(sh, `kubectl get ns default -o go-template --template='{{.metadata.name}}={{.status.phase}}'`)).toBe('default=Active');
    expect(out(sh, `kubectl get ns default -o template='{{index .metadata.labels "kubernetes.io/metadata.name"}}'`)).toBe('default');
  });

  it('says what is wrong with a template, as kubectl does', () => {
    const sh = session();
    expect(out(sh, 'kubectl get ns default -o go-template')).toBe('error: template format specified but no template given\n');
    expect(out(sh, `kubectl get ns default -o go-template='{{.x | nope}}'`)).toBe('error: error parsing template {{.x | nope}}, template: output:1: function "nope" not defined\n');
  });
});
