/**
 * `kubectl exec POD [-c C] [-it] -- CMD…`: a POST to the pods/exec
 * subresource; the API server passes it to the kubelet of the pod's node,
 * which runs the command in the container.
 */
import { requirementsString, selectorFromSet, selectorString } from '../../../../sim/k8s/api/labels.ts';
import type { LabelSelector, Labels, Pod } from '../../../../sim/k8s/api/types.ts';
import type { ExecInput } from '../../../../sim/k8s/api/kubelet.ts';
import { AttachedShell } from '../../../attach.ts';
import { apiError, clientError, type Kctx, type Subcommand } from './context.ts';

/** Every container name of a pod as kubectl lists them: `a, b, init (init)`. */
export function allContainerNames(pod: Pod): string {
  return [...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

/** -c, else the first container with kubectl's "Defaulted container" note when there is a choice. */
export function pickContainer(k: Kctx, pod: Pod, quiet = false): string {
  if (k.args.container) return k.args.container;
  const first = pod.spec.containers[0]!.name;
  if (!quiet && (pod.spec.containers.length > 1 || pod.spec.initContainers?.length)) k.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}

/** A pod from `web`, `pod/web` or `deploy/web` (the first of its pods), as logs and exec resolve them. */
export function resolvePod(k: Kctx, arg: string): Pod | number {
  const slash = arg.indexOf('/');
  const type = slash > 0 ? arg.slice(0, slash) : 'pod';
  const name = slash > 0 ? arg.slice(slash + 1) : arg;
  if (['pod', 'pods', 'po'].includes(type)) {
    const r = k.api.get<Pod>('pods', k.ns, name);
    return r.ok ? r.value : apiError(k, r.errors[0]);
  }
  const res = { deploy: 'deployments', deployment: 'deployments', deployments: 'deployments', rs: 'replicasets', replicaset: 'replicasets', replicasets: 'replicasets', job: 'jobs', jobs: 'jobs', ds: 'daemonsets', daemonset: 'daemonsets', daemonsets: 'daemonsets', svc: 'services', service: 'services', services: 'services' }[type];
  if (!res) return clientError(k, `cannot attach to *v1.${type}: selector for *v1.${type} not implemented`);
  const r = k.api.get(res, k.ns, name);
  if (!r.ok) return apiError(k, r.errors[0]);
  // polymorphichelpers.SelectorsForObject: a workload's LabelSelector, a Service's map.
  const sel = (r.value as { spec?: { selector?: LabelSelector | Labels } }).spec?.selector;
  let selector: string;
  if (res === 'services') {
    const set = (sel ?? {}) as Labels;
    if (!Object.keys(set).length) return clientError(k, `invalid service '${name}': Service is defined without a selector`);
    selector = requirementsString(selectorFromSet(set).requirements);
  } else selector = selectorString(sel as LabelSelector | undefined);
  const pods = k.api.list<Pod>('pods', k.ns, { labelSelector: selector });
  const items = pods.ok ? pods.value.items.filter((p) => !p.metadata.deletionTimestamp) : [];
  // kubectl prefers running pods; ties go to the first by name.
  const pick = items.find((p) => p.status?.phase === 'Running') ?? items[0];
  if (!pick) return clientError(k, `timed out waiting for the condition`);
  if (items.length > 1) k.err(`Found ${items.length} pods, using pod/${pick.metadata.name}\n`);
  return pick;
}

export const exec: Subcommand = (k) => {
  const [target, ...extra] = k.args.args;
  if (!target) return clientError(k, 'pod, type/name or --filename must be specified');
  const argv = [...extra, ...k.args.dashArgs];
  if (!argv.length) return clientError(k, 'you must specify at least one command for the container');
  const pod = resolvePod(k, target);
  if (typeof pod === 'number') return pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return clientError(k, `cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = pickContainer(k, pod, k.args.flags['quiet'] === true);
  const ns = pod.metadata.namespace ?? k.ns;
  // SetupTTY: without -i there is no stdin (and no TTY): a shell reads nothing and exits at once.
  const input: ExecInput | undefined = k.args.stdin ? {} : undefined;
  const r = k.api.podExec(ns, pod.metadata.name, { container, command: argv, stdin: k.args.stdin, tty: k.args.tty && k.args.stdin, ...(input ? { input } : {}) });
  if (!r.ok) {
    // The API server's own checks answer with a Status; the kubelet's 404 fails the stream upgrade.
    const e = r.errors[0];
    if (e.code === 'NotFound') return clientError(k, `unable to upgrade connection: ${e.message}`);
    return apiError(k, e);
  }
  if (input && r.value.session) return shellOverExec(k, ns, pod.metadata.name, container, argv, input, r.value.session.prompt);
  const { stdout, stderr, exitCode } = r.value;
  k.out(stdout);
  k.err(stderr);
  // kubectl reports a non-zero exit of the remote command this way.
  if (exitCode !== 0) k.err(`command terminated with exit code ${exitCode}\n`);
  k.flush();
  return exitCode;
};

/** `exec -it POD -- sh`: the terminal is the shell's until `exit` or Ctrl-D; each line is sent over the open stream. */
function shellOverExec(k: Kctx, ns: string, pod: string, container: string, argv: string[], input: ExecInput, firstPrompt: string): AttachedShell {
  const tty = k.args.tty;
  let prompt = firstPrompt;
  return new AttachedShell({
    clock: k.ctx.world.clock,
    // A shell without a terminal prints no prompt.
    prompt: () => (tty ? prompt : ''),
    line: (text) => {
      input.line = text;
      const r = k.api.podExec(ns, pod, { container, command: argv, stdin: true, tty, input });
      if (!r.ok) return `error: ${r.errors[0].message}\n`;
      if (!r.value.session?.result) return '';
      prompt = r.value.session.prompt;
      return r.value.session.result;
    },
    eofText: tty ? (argv[0]!.endsWith('bash') ? 'exit\n' : '\n') : '',
    interrupted: () => input.state && (input.state.status = 130),
    end: (code) => {
      // As for any remote command, a non-zero exit is reported.
      if (code !== 0) k.err(`command terminated with exit code ${code}\n`);
      return code;
    },
  });
}
