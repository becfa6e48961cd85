/** The manifests under src/sim/k8s/fixtures (kinds from the Kubernetes documentation examples) load and run. */
import { describe, expect, it } from 'vitest';
import { fixtureFiles, out, run, session } from './cmd/testing.ts';

describe('real manifests load', () => {
  it('has ten or more fixtures', () => expect(Object.keys(fixtureFiles()).length).toBeGreaterThanOrEqual(10));

  it.each([
    ['pod.yaml', ['pod/nginx created'], 'kubectl get pod nginx', /nginx\s+1\/1\s+Running/],
    ['nginx-deployment.yaml', ['deployment.apps/nginx-deployment created'], 'kubectl get deploy nginx-deployment', /nginx-deployment\s+3\/3\s+3\s+3/],
    ['service.yaml', ['service/my-service created'], 'kubectl get svc my-service', /my-service\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/],
    ['two-container-pod.yaml', ['pod/two-containers created'], 'kubectl get pod two-containers', /two-containers\s+2\/2\s+Running/],
    ['job.yaml', ['job.batch/hello created'], 'kubectl logs job/hello', /^Hello from the Kubernetes cluster$/m],
    ['daemonset.yaml', ['daemonset.apps/node-agent created'], 'kubectl get ds -n kube-system', /node-agent\s+3\s+3\s+3\s+3\s+3/],
    ['probes-pod.yaml', ['pod/probed created'], 'kubectl get pod probed', /probed\s+1\/1\s+Running\s+0/],
    ['configmap-pod.yaml', ['configmap/game-demo created', 'pod/configmap-demo-pod created'], 'kubectl get cm game-demo', /game-demo\s+2/],
    ['nodeport-service.yaml', ['service/my-nodeport created'], 'kubectl get svc my-nodeport', /NodePort.*80:30007\/TCP/],
    ['multi-doc.yaml', ['namespace/shop created', 'deployment.apps/redis created', 'service/redis created'], 'kubectl get pods -n shop', /redis-\S+\s+1\/1\s+Running/],
    ['kyaml-pod.yaml', ['pod/kyaml-pod created'], 'kubectl get pod kyaml-pod --show-labels', /kyaml-pod\s+1\/1\s+Running.*app=kyaml/],
    ['ingress.yaml', ['ingress.networking.k8s.io/minimal-ingress created'], 'kubectl get ingress', /minimal-ingress/],
  ])('%s', (file, created, check, want) => {
    const sh = session();
    const applied = run(sh, `kubectl apply -f ${file}`);
    for (const line of created) expect(applied).toContain(`${line}\n`);
    run(sh, 'sleep 40s');
    expect(out(sh, check)).toMatch(want);
    // Applying the same file again changes nothing.
    expect(out(sh, `kubectl apply -f ${file}`)).toBe(created.map((l) => l.replace(/created$/, 'unchanged\n')).join(''));
  });

  it('an unsupported kind is stored and listed with its note printed once', () => {
    const sh = session({ 'two-ing.yaml': `${fixtureFiles()['ingress.yaml']}---\n${fixtureFiles()['ingress.yaml']!.replace('minimal-ingress', 'second-ingress')}` });
    const t = run(sh, 'kubectl apply -f two-ing.yaml');
    expect(t.match(/Warning: no controller in this simulator acts on Ingress objects/g)).toHaveLength(1);
    expect(out(sh, 'kubectl get ing -o name')).toBe('ingress.networking.k8s.io/minimal-ingress\ningress.networking.k8s.io/second-ingress\n');
  });

  it('a directory applies every manifest in name order', () => {
    const sh = session({ 'dir/b.yaml': fixtureFiles()['service.yaml']!, 'dir/a.yml': fixtureFiles()['pod.yaml']!, 'dir/notes.txt': 'not a manifest' });
    expect(out(sh, 'kubectl apply -f dir')).toBe('pod/nginx created\nservice/my-service created\n');
  });
});
