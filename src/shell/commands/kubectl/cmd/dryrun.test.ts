/**
 * --dry-run and -o on the writing commands. Suffixes from kubectl's
 * PrintFlagsWithDryRunStrategy: "%s (dry run)" for client, "%s (server dry
 * run)" for server. Generated YAML as kubectl v1.33 prints it (typed objects:
 * creationTimestamp: null, resources: {}, strategy: {}, status: {}).
 */
import { describe, expect, it } from 'vitest';
import { out, session, webSession } from './testing.ts';

const DEPLOY_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`;

describe('kubectl --dry-run', () => {
  it('create deployment --dry-run=client -o yaml prints the manifest and creates nothing', () => {
    const sh = session();
    expect(out(sh, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --dry-run=client -o yaml')).toBe(DEPLOY_YAML);
    expect(out(sh, 'kubectl get deploy')).toBe('No resources found in default namespace.\n');
    // The learner's usual next step: save it, edit it, apply it.
    out(sh, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --dry-run=client -o yaml > web-deploy.yaml');
    expect(out(sh, 'kubectl apply -f web-deploy.yaml')).toBe('deployment.apps/web created\n');
  });

  it('run --dry-run=client -o yaml prints the pod kubectl would send', () => {
    expect(out(session(), 'kubectl run tmp --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 60')).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: tmp
  name: tmp
spec:
  containers:
  - args:
    - sleep
    - "60"
    image: busybox
    name: tmp
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`);
  });

  it('puts the namespace in the manifest only when -n is given', () => {
    const sh = session();
    expect(out(sh, 'kubectl create deployment web --image=nginx:1.27 -n kube-system --dry-run=client -o yaml')).toContain('  name: web\n  namespace: kube-system\n');
    expect(out(sh, 'kubectl create configmap cfg --from-literal=a=1 --dry-run=client -o yaml')).toBe('apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n');
  });

  it('--dry-run=server is validated and defaulted by the server, and not stored', () => {
    const sh = session();
    expect(out(sh, 'kubectl create deployment web --image=nginx:1.27 --dry-run=server')).toBe('deployment.apps/web created (server dry run)\n');
    expect(out(sh, 'kubectl create deployment web --image=nginx:1.27 --dry-run=server -o yaml')).toContain('  strategy:\n    rollingUpdate:\n');
    expect(out(sh, 'kubectl get deploy')).toBe('No resources found in default namespace.\n');
    expect(out(sh, 'kubectl create deployment Web --image=nginx:1.27 --dry-run=server')).toMatch(/^The Deployment "Web" is invalid/);
  });

  it('changes nothing on scale, label, annotate, set image, delete, cordon, expose and apply', () => {
    const sh = webSession();
    const before = out(sh, 'kubectl get deploy web -o yaml');
    expect(out(sh, 'kubectl scale deploy web --replicas=5 --dry-run=client')).toBe('deployment.apps/web scaled (dry run)\n');
    expect(out(sh, 'kubectl label deploy web tier=front --dry-run=server')).toBe('deployment.apps/web labeled (server dry run)\n');
    expect(out(sh, 'kubectl annotate deploy web note=x --dry-run=client')).toBe('deployment.apps/web annotated (dry run)\n');
    expect(out(sh, 'kubectl set image deploy/web nginx=nginx:1.28 --dry-run=client')).toBe('deployment.apps/web image updated (dry run)\n');
    expect(out(sh, 'kubectl delete deploy web --dry-run=client')).toBe('deployment.apps "web" deleted (dry run)\n');
    const worker = out(sh, 'kubectl get nodes -o name').split('\n')[1]!.replace('node/', '');
    expect(out(sh, `kubectl cordon ${worker} --dry-run=client`)).toBe(`node/${worker} cordoned (dry run)\n`);
    expect(out(sh, 'kubectl expose deploy web --name=web2 --port=80 --dry-run=client')).toBe('service/web2 exposed (dry run)\n');
    expect(out(sh, 'kubectl apply -f web.yaml --dry-run=client')).toBe('deployment.apps/web unchanged (dry run)\nservice/web unchanged (dry run)\n');
    out(sh, 'sleep 5');
    expect(out(sh, 'kubectl get deploy web -o yaml')).toBe(before);
    expect(out(sh, `kubectl get node ${worker} --no-headers`)).toMatch(new RegExp(`^${worker}\\s+Ready\\s`));
    expect(out(sh, 'kubectl get svc web2 2>&1')).toBe('Error from server (NotFound): services "web2" not found\n');
  });

  it('-o on a real create prints the server\'s object; several are separated by ---', () => {
    const sh = session();
    expect(out(sh, 'kubectl create namespace dev -o name')).toBe('namespace/dev\n');
    const made = out(sh, 'kubectl create deployment web --image=nginx:1.27 -o yaml');
    expect(made).toMatch(/\n  uid: [0-9a-f-]{36}\n/);
    expect(out(sh, 'kubectl apply -f web.yaml --dry-run=client -o yaml').split('\n---\n')).toHaveLength(2);
  });
});
