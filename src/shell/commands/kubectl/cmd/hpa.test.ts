/**
 * Metrics and autoscaling as in the Kubernetes walkthrough
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/
 * on a kind cluster: no metrics-server at first (kubectl/pkg/cmd/top: "Metrics API
 * not available"; the HPA controller's FailedGetResourceMetric, horizontal.go), then
 * the metrics-server addon (kubernetes-sigs/metrics-server, 15 s resolution), `kubectl
 * top` columns, `kubectl autoscale`, `get hpa` (printers.go printHorizontalPodAutoscaler,
 * formatHPAMetrics) and scaling up under load and back down after the 5-minute window.
 */
import { describe, expect, it } from 'vitest';
import { out, run, session } from './testing.ts';

const PHP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

const LOAD = 'kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"';

describe('metrics and the HorizontalPodAutoscaler', () => {
  it('a fresh kind cluster has no Metrics API: kubectl top fails and an HPA shows <unknown> with the controller\'s events', () => {
    const sh = session({ 'php.yaml': PHP });
    expect(out(sh, 'kubectl top pods')).toBe('error: Metrics API not available\n');
    expect(out(sh, 'kubectl top nodes')).toBe('error: Metrics API not available\n');
    run(sh, 'kubectl apply -f php.yaml');
    expect(out(sh, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
    run(sh, 'sleep 40s');
    expect(out(sh, 'kubectl get hpa')).toMatch(/^NAME +REFERENCE +TARGETS +MINPODS +MAXPODS +REPLICAS +AGE\nphp-apache +Deployment\/php-apache +cpu: <unknown>\/50% +1 +10 +1 +\d+s\n$/);
    expect(out(sh, 'kubectl describe hpa php-apache')).toMatch(
      /Warning +FailedGetResourceMetric +\S+ \(x\d+ over \S+\) +horizontal-pod-autoscaler +failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)/,
    );
  });

  it('with metrics-server: top pod/node columns, then the HPA scales up under load and back down after the stabilization window', () => {
    const sh = session({ 'php.yaml': PHP });
    run(sh, 'sim addon metrics-server', 'kubectl apply -f php.yaml', 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10', 'sleep 60s');
    expect(out(sh, 'kubectl top pod')).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\)\nphp-apache-\S+ +1m +\d+Mi\n$/);
    expect(out(sh, 'kubectl top node')).toMatch(/^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\)\nkind-control-plane +\d+m +\d+% +\d+Mi +\d+%\nkind-worker /);
    expect(out(sh, 'kubectl get pods -n kube-system -l k8s-app=metrics-server')).toMatch(/\nmetrics-server-\S+ +1\/1 +Running/);
    expect(out(sh, 'kubectl get hpa php-apache')).toMatch(/\nphp-apache +Deployment\/php-apache +cpu: 0%\/50% +1 +10 +1 +/);
    run(sh, LOAD, 'sleep 90s');
    // 100 requests/s at the CPU limit (500m of a 200m request = 250%): desired = ceil(1 × 250/50) = 5.
    expect(out(sh, 'kubectl get hpa php-apache')).toMatch(/\nphp-apache +Deployment\/php-apache +cpu: \d+%\/50% +1 +10 +5 +/);
    expect(out(sh, 'kubectl describe hpa php-apache')).toMatch(/Normal +SuccessfulRescale +\S+ +horizontal-pod-autoscaler +New size: 5; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(out(sh, 'kubectl get deploy php-apache')).toMatch(/\nphp-apache +5\/5 /);
    // Load gone: the recommendation drops, but scale-down waits out the 5-minute stabilization window.
    run(sh, 'kubectl delete pod load-generator', 'sleep 2m');
    expect(out(sh, 'kubectl get deploy php-apache')).toMatch(/\nphp-apache +5\/5 /);
    const held = out(sh, 'kubectl describe hpa php-apache');
    expect(held).toMatch(/\nReference: +Deployment\/php-apache\nMetrics: +\( current \/ target \)\n  resource cpu on pods  \(as a percentage of request\): +0% \(1m\) \/ 50%\nMin replicas: +1\nMax replicas: +10\n/);
    expect(held).toMatch(/\nDeployment pods: +5 current \/ 5 desired\nConditions:\n  Type +Status +Reason +Message\n  -+ +-+ +-+ +-+\n  AbleToScale +True +ScaleDownStabilized +recent recommendations were higher than current one, applying the highest recent recommendation\n  ScalingActive +True +ValidMetricFound +/);
    run(sh, 'sleep 5m');
    expect(out(sh, 'kubectl get deploy php-apache')).toMatch(/\nphp-apache +1\/1 /);
    expect(out(sh, 'kubectl describe hpa php-apache')).toMatch(/Normal +SuccessfulRescale +\S+ +horizontal-pod-autoscaler +New size: 1; reason: All metrics below target/);
  });

  it('autoscale needs --max; validation answers with the API server\'s message', () => {
    const sh = session({ 'php.yaml': PHP });
    run(sh, 'kubectl apply -f php.yaml');
    expect(out(sh, 'kubectl autoscale deployment php-apache --cpu-percent=50')).toBe('error: --max=MAXPODS is required and must be at least 1, max: -1\n');
    expect(out(sh, 'kubectl autoscale deployment nope --max=3')).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(out(sh, 'kubectl autoscale deployment php-apache --min=5 --max=3')).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 5\n');
  });
});
