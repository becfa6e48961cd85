/**
 * The `kubectl` shell command: parses with parseKubectl, boots (or finds) the
 * world's cluster and hands the call to one module per subcommand under cmd/.
 * Everything goes through the API server as the `kubectl` identity, logs
 * and exec too (the pods/log and pods/exec subresources reach the kubelet).
 */
import { getCluster, type Cluster } from '../../../sim/k8s/cluster.ts';
import type { Command } from '../../types.ts';
import { completeKubectl, parseKubectl } from './args.ts';
import { annotate } from './cmd/annotate.ts';
import { apply } from './cmd/apply.ts';
import { auth } from './cmd/auth.ts';
import { autoscale } from './cmd/autoscale.ts';
import { top } from './cmd/top.ts';
import { makeKctx, type Subcommand } from './cmd/context.ts';
import { config } from './cmd/config.ts';
import { create } from './cmd/create.ts';
import { run } from './cmd/run.ts';
import { del } from './cmd/delete.ts';
import { describe } from './cmd/describe.ts';
import { edit } from './cmd/edit.ts';
import { exec } from './cmd/exec.ts';
import { events } from './cmd/events.ts';
import { explain } from './cmd/explain.ts';
import { expose } from './cmd/expose.ts';
import { apiResources, clusterInfo, version } from './cmd/info.ts';
import { label } from './cmd/label.ts';
import { logs } from './cmd/logs.ts';
import { cordon, drain, taint, uncordon } from './cmd/node.ts';
import { patch } from './cmd/patch.ts';
import { portForward } from './cmd/portforward.ts';
import { rollout } from './cmd/rollout.ts';
import { scale } from './cmd/scale.ts';
import { setCmd } from './cmd/set.ts';
import { get } from './cmd/get.ts';
import { wait } from './cmd/wait.ts';
import { SUMMARY } from '../summaries.ts';

const SUBCOMMANDS: Record<string, Subcommand> = {
  get,
  describe,
  apply,
  create,
  run,
  delete: del,
  edit,
  scale,
  rollout,
  set: setCmd,
  logs,
  exec,
  'port-forward': portForward,
  expose,
  label,
  annotate,
  patch,
  auth,
  events,
  cordon,
  uncordon,
  drain,
  taint,
  explain,
  'api-resources': apiResources,
  'cluster-info': clusterInfo,
  version,
  wait,
  top,
  autoscale,
  config,
};

export const SUPPORTED: readonly string[] = Object.keys(SUBCOMMANDS);

const HELP_EN = `kubectl controls the simulated Kubernetes cluster (kind-control-plane, kind-worker, kind-worker2).

Supported commands:
  get, describe                 show objects (-o wide|yaml|json|name|jsonpath=|custom-columns=, -l, -A, -w)
  apply -f, create, run         create or update objects
  delete, scale, label, expose  change objects
  edit TYPE/NAME                open an object in the editor; saving applies it
  set image, rollout            status | history | undo | restart
  logs, exec                    look inside pods (logs -f, exec POD -- CMD, exec -it POD -- sh)
  port-forward svc/web 8080:80  localhost:8080 reaches the pod while it runs; it holds the
                                terminal until Ctrl-C, or add & to run it in the background
                                (then jobs, fg, kill %1), and curl localhost:8080 works
  cordon, uncordon, drain, taint   nodes
  wait                          --for=condition=Ready|Available or --for=delete
  explain, api-resources, cluster-info, version, get --raw /readyz
  config                        current-context | get-contexts | view |
                                set-context --current --namespace=NS

Examples:
  kubectl create deployment web --image=nginx --replicas=3
  kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml
  kubectl get pods -o wide
  kubectl rollout status deployment/web
`;

const HELP_KO = `kubectl 로 시뮬레이션된 쿠버네티스 클러스터(kind-control-plane, kind-worker, kind-worker2)를 다룹니다.

지원하는 명령:
  get, describe                 오브젝트 보기 (-o wide|yaml|json|name|jsonpath=|custom-columns=, -l, -A, -w)
  apply -f, create, run         오브젝트 만들기와 고치기
  delete, scale, label, expose  오브젝트 바꾸기
  edit 종류/이름                 오브젝트를 편집기에서 열고, 저장하면 적용
  set image, rollout            status | history | undo | restart
  logs, exec                    파드 안 들여다보기 (logs -f, exec POD -- CMD, exec -it POD -- sh)
  port-forward svc/web 8080:80  실행되는 동안 localhost:8080 이 파드로 이어집니다. Ctrl-C 까지
                                터미널을 잡고 있으니, 끝에 & 를 붙여 백그라운드로 돌리면
                                (jobs, fg, kill %1) 같은 터미널에서 curl localhost:8080 을 쓸 수 있어요
  cordon, uncordon, drain, taint   노드 다루기
  wait                          --for=condition=Ready|Available 또는 --for=delete
  explain, api-resources, cluster-info, version, get --raw /readyz
  config                        current-context | get-contexts | view |
                                set-context --current --namespace=NS

예:
  kubectl create deployment web --image=nginx --replicas=3
  kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml
  kubectl get pods -o wide
  kubectl rollout status deployment/web
`;

export const kubectl: Command = {
  name: 'kubectl',
  summary: SUMMARY.kubectl,
  help: { ko: HELP_KO, en: HELP_EN },
  run(ctx) {
    const argv = ctx.argv.slice(1);
    if (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      ctx.stdout.write(ctx.lang === 'ko' ? HELP_KO : HELP_EN);
      return 0;
    }
    const parsed = parseKubectl(argv);
    if (!parsed.ok) {
      ctx.stderr.write(parsed.error);
      return 1;
    }
    const args = parsed.value;
    if (args.flags['help'] === true) {
      ctx.stdout.write(ctx.lang === 'ko' ? HELP_KO : HELP_EN);
      return 0;
    }
    const sub = SUBCOMMANDS[args.command];
    if (!sub) {
      ctx.stderr.write(`error: kubectl ${args.command} is not simulated here (simulated: ${SUPPORTED.join(', ')})\n`);
      return 1;
    }
    const cluster = getCluster(ctx.world);
    return sub(makeKctx(ctx, cluster.api.as('kubectl'), args));
  },
  complete(words, current, ctx) {
    // Completion only reads a cluster that already exists: pressing Tab must not boot one.
    const cluster = ctx.world.peek<Cluster>('k8s.cluster');
    return completeKubectl(words, current, (resource, ns) => {
      if (!cluster) return [];
      const r = cluster.api.as('kubectl').list(resource, resource === 'nodes' || resource === 'namespaces' ? undefined : (ns ?? 'default'));
      return r.ok ? r.value.items.map((o) => o.metadata.name) : [];
    });
  },
};
