import { imageConfig } from '../../../sim/containers/images.ts';
import type { ContainerSys } from '../../../sim/containers/types.ts';
import { runUtility } from '../../../sim/containers/utils.ts';
import { hostNet } from '../../../sim/hostnet.ts';
import { HOME } from '../../../sim/world.ts';
import type { Command } from '../../types.ts';
import { SUMMARY } from '../summaries.ts';

/**
 * `curl` on the learner's machine: the same curl as in the containers
 * (containers/utils.ts), over the host's network: localhost reaches the
 * ports Docker publishes and those `kubectl port-forward` listens on; no
 * other names resolve. -o writes into the learner's files.
 */
export const curl: Command = {
  name: 'curl',
  summary: SUMMARY.curl,
  run(ctx) {
    const { world } = ctx;
    const net = hostNet(world);
    const sys: ContainerSys = {
      image: imageConfig('debian', '12', ''),
      fs: {
        read: (p) => world.vfs.readFile(p),
        write: (p, t) => void world.vfs.writeFile(p, t),
      },
      hostname: 'kube-lessons',
      ip: '127.0.0.1',
      env: { HOME, PATH: '/usr/local/bin:/usr/bin:/bin' },
      workdir: ctx.cwd,
      now: world.clock.now(),
      net: {
        lookup: (name) => (name === 'localhost' ? '127.0.0.1' : undefined),
        connect: (ip, port) => (ip === '127.0.0.1' ? net.connect(port) : undefined),
      },
    };
    const r = runUtility(sys, ['curl', ...ctx.argv.slice(1)], { stdin: ctx.stdin ?? '', env: sys.env, cwd: ctx.cwd, at: 0 });
    if (!r) return 127;
    ctx.stdout.write(r.stdout);
    ctx.stderr.write(r.stderr);
    return r.code;
  },
};
