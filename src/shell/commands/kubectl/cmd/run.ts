/**
 * `kubectl run NAME --image=… [-i] [-t] [--rm] [--restart] [-- args…]`,
 * after kubectl's pkg/cmd/run/run.go: the pod is created; with -i (or
 * --attach) kubectl waits for it to run, then attaches to its main process
 * (an interactive shell becomes the terminal's), or prints the logs of a
 * pod that already completed; --rm deletes it afterwards.
 */
import type { ExecInput } from '../../../../sim/k8s/api/kubelet.ts';
import type { KubeObject, Pod } from '../../../../sim/k8s/api/types.ts';
import { AttachedShell } from '../../../attach.ts';
import type { CommandResult } from '../../../types.ts';
import { createGenerated } from './create.ts';
import { apiError, clientError, parseDuration, warningPrinter, type Kctx, type Subcommand } from './context.ts';

export const run: Subcommand = (k) => {
  const name = k.args.args[0];
  if (!name) return clientError(k, 'NAME is required for run');
  if (!k.args.image) return clientError(k, 'required flag(s) "image" not set');
  const interactive = k.args.stdin;
  const tty = k.args.tty;
  // run.go Validate, in its order.
  if (tty && !interactive) return clientError(k, '-i/--stdin is required for containers with -t/--tty=true');
  const attach = k.args.flags['attach'] === true || interactive;
  const remove = k.args.flags['rm'] === true;
  if (!attach && remove) return clientError(k, '--rm should only be used for attached containers');
  if (attach && k.args.dryRun && k.args.dryRun !== 'none') return clientError(k, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  // getRestartPolicy: an interactive pod defaults to OnFailure.
  const restart = (k.args.flags['restart'] as string | undefined) || (interactive ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return clientError(k, `invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`);
  const labels: Record<string, string> = {};
  const l = k.args.flags['labels'] as string | undefined;
  if (l) for (const kv of l.split(',')) labels[kv.split('=')[0]!] = kv.split('=').slice(1).join('=');
  else labels['run'] = name;
  const env = ((k.args.flags['env'] as string[] | undefined) ?? []).map((e) => ({ name: e.split('=')[0]!, value: e.split('=').slice(1).join('=') }));
  const argv = [...k.args.args.slice(1), ...k.args.dashArgs];
  const container: Record<string, unknown> = { name, image: k.args.image };
  if (argv.length) container[k.args.flags['command'] === true ? 'command' : 'args'] = argv;
  if (env.length) container['env'] = env;
  if (k.args.port) container['ports'] = [{ containerPort: Number(k.args.port) }];
  // createPod: Stdin and StdinOnce with -i, TTY with -t.
  if (interactive) Object.assign(container, { stdin: true, stdinOnce: true });
  if (tty) container['tty'] = true;
  // run.go's pod: DNSPolicy ClusterFirst, as --dry-run=client -o yaml shows it.
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart } } as KubeObject;
  if (!attach) return createGenerated(k, pod);
  const r = k.api.create(pod, { namespace: k.ns });
  warningPrinter(k)(r);
  if (!r.ok) return apiError(k, r.errors[0]);
  k.flush();
  return attachToPod(k, name, { interactive, tty, remove, restart });
};

interface AttachOpts {
  interactive: boolean;
  tty: boolean;
  remove: boolean;
  restart: string;
}

function attachToPod(k: Kctx, name: string, o: AttachOpts): CommandResult {
  const ns = k.ns;
  const clock = k.ctx.world.clock;
  const quiet = k.args.flags['quiet'] === true;
  const timeoutMs = parseDuration(String(k.args.flags['pod-running-timeout'] ?? '1m')) ?? 60_000;
  let stops: (() => void)[] = [];
  const stop = () => {
    for (const s of stops) s();
    stops = [];
  };
  let attachedShell = false;

  /** After the attach: Session ended (restart Always), the --rm delete, then the exit code as run.go derives it. */
  const after = (code: number): number => {
    stop();
    if (attachedShell && o.interactive && o.tty && o.restart === 'Always' && !quiet) k.out(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`);
    if (o.remove) {
      const d = k.api.delete('pods', ns, name);
      if (d.ok) k.out(`pod "${name}" deleted\n`);
      k.flush();
    }
    // waitForExitCode only with Never / OnFailure; the pod's phase gives the code.
    if (o.restart === 'Always' || code === 0) return 0;
    k.err(`pod ${ns}/${name} terminated (Error)\n`);
    return code;
  };

  const input: ExecInput = { attach: true };
  let prompt = '';
  const exec = (line?: string) => {
    input.line = line;
    // The main process is attached: the kubelet runs the line in the container's own shell (PID 1).
    return k.api.podExec(ns, name, { container: name, command: [], stdin: true, tty: o.tty, input });
  };
  const session: AttachedShell = new AttachedShell({
    clock,
    prompt: () => (o.tty ? prompt : ''),
    line: (text) => {
      const r = exec(text);
      if (!r.ok || !r.value.session?.result) return r.ok ? '' : `error: ${r.errors[0].message}\n`;
      prompt = r.value.session.prompt;
      return r.value.session.result;
    },
    eofText: o.tty ? '\n' : '',
    end: (code) => after(code),
    interrupted: () => input.state && (input.state.status = 130),
    starting: { interrupt: () => (stop(), session.exit(130)) },
  });

  const podNow = (): Pod | undefined => {
    const g = k.api.get<Pod>('pods', ns, name);
    return g.ok ? g.value : undefined;
  };
  const phaseDone = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const exitCodeOf = (p: Pod) => p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? 0;
  const logs = (): string => {
    const lg = k.api.podLog(ns, name, { container: name });
    return lg.ok ? lg.value.text : '';
  };

  // Streams the main process's output until it ends (a command, not a shell): kubectl attach without a prompt.
  const follow = () => {
    const lg = k.api.podLog(ns, name, { container: name, follow: true });
    let printed = lg.ok ? lg.value.text.length : 0;
    const check = () => {
      const text = logs();
      if (text.length > printed) k.out(text.slice(printed));
      printed = Math.max(printed, text.length);
      const p = podNow();
      const cs = p?.status?.containerStatuses?.[0];
      if (!p || phaseDone(p) || cs?.state?.terminated) {
        const code = cs?.state?.terminated?.exitCode ?? 0;
        session.exit(after(code));
      }
    };
    stops.push(clock.every(250, check));
  };

  // waitForPod(podRunningAndReady): Running and Ready, or ErrPodCompleted.
  const onPod = (p: Pod) => {
    if (session.exited || session.attached) return;
    if (phaseDone(p)) {
      stop();
      // handleAttachPod: a completed pod's logs are printed instead of attaching.
      k.out(logs());
      session.exit(after(exitCodeOf(p)));
      return;
    }
    const ready = p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    if (!ready) return;
    stop();
    // The logs printed before attach connects, then attach.go's line.
    k.out(logs());
    if (!quiet) k.err("If you don't see a command prompt, try pressing enter.\n");
    const first = exec();
    if (first.ok && first.value.session) {
      attachedShell = true;
      prompt = first.value.session.prompt;
      session.attach();
      return;
    }
    follow();
  };

  const w = k.api.watch<Pod>('pods', { namespace: ns }, (e) => {
    if (e.object.metadata.name !== name) return;
    if (e.type === 'DELETED') {
      stop();
      k.err(`error: pods "${name}" not found\n`);
      session.exit(1);
      return;
    }
    onPod(e.object);
  });
  if (w.ok) stops.push(() => w.value.stop());
  const timer = clock.setTimeout(() => {
    if (session.exited || session.attached) return;
    stop();
    const code = after(0);
    void code;
    k.err('error: timed out waiting for the condition\n');
    session.exit(1);
  }, timeoutMs);
  stops.push(() => clock.clearTimeout(timer));
  const now = podNow();
  if (now) onPod(now);
  return session;
}
