import { dockerEngine, type Container, type DockerEngine } from '../../../sim/compose/engine/docker.ts';
import { rfc3339Nano } from '../../../sim/containers/logtime.ts';
import { ago, humanSize } from '../../../sim/compose/engine/humanize.ts';
import { JobHandle } from '../../job.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { completeCompose, runCompose } from './compose.ts';
import { has, last, parseFlags } from './flags.ts';
import { portsText, shortCommand, statusText, table } from './render.ts';
import { SUMMARY } from '../summaries.ts';
import { formatRows, renderTemplate, TemplateError } from './gotemplate.ts';
import { exec, info, pull, rmi, run } from './run.ts';

/** Plain `docker`: enough of it to see what Compose created and what `down` removed. */
type Sub = (ctx: CommandContext, args: string[], engine: DockerEngine) => CommandResult;

const err = (ctx: CommandContext, msg: string, code = 1) => (ctx.stderr.write(`${msg}\n`), code);

const containerPs: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, { bool: [['-a', '--all'], ['-q', '--quiet']], value: [['--format'], ['-f', '--filter']] });
  if (p.error) return err(ctx, `${p.error}\nSee 'docker ps --help'.`, 125);
  const list = [...engine.containers.values()].filter((c) => has(p, '--all') || c.state === 'running' || c.state === 'restarting' || c.state === 'paused').sort((a, b) => b.created - a.created);
  if (has(p, '--quiet')) return (ctx.stdout.write(list.map((c) => `${c.id.slice(0, 12)}\n`).join('')), 0);
  const format = last(p, '--format');
  if (format && format !== 'table') return formatPs(ctx, engine, list, format);
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of list) rows.push([c.id.slice(0, 12), c.spec.image, shortCommand(engine.commandLine(c)), ago(engine.now - c.created), statusText(c, engine.now), portsText(c), c.spec.name]);
  ctx.stdout.write(table(rows));
  return 0;
};

/** docker ps's formatter.ContainerContext: what `--format` templates see. */
function psContext(engine: DockerEngine, c: Container): Record<string, string> {
  return {
    Command: shortCommand(engine.commandLine(c)),
    CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
    ID: c.id.slice(0, 12),
    Image: c.spec.image,
    Labels: Object.entries(c.spec.labels).map(([k, v]) => `${k}=${v}`).join(','),
    LocalVolumes: String(c.spec.mounts.filter((m) => m.type === 'volume').length),
    Mounts: c.spec.mounts.filter((m) => m.type === 'volume').map((m) => (m.source.length === 64 ? m.source.slice(0, 15) + '…' : m.source)).join(','),
    Names: c.spec.name,
    Networks: c.spec.networks.map((n) => n.name).join(','),
    Ports: portsText(c),
    RunningFor: ago(engine.now - c.created),
    Size: '0B',
    State: c.state,
    Status: statusText(c, engine.now),
  };
}

// cli/command/formatter/container.go: the header each field gets under `table`.
const PS_HEADERS: Record<string, string> = { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS', LocalVolumes: 'LOCAL VOLUMES' };

function formatPs(ctx: CommandContext, engine: DockerEngine, list: Container[], format: string): number {
  return formatRows(ctx, list.map((c) => psContext(engine, c)), format, (f) => PS_HEADERS[f] ?? f.toUpperCase());
}

const imageLs: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, { bool: [['-a', '--all'], ['-q', '--quiet']], value: [] });
  const list = [...engine.images.values()].sort((a, b) => b.created - a.created);
  if (has(p, '--quiet')) return (ctx.stdout.write(list.map((i) => `${i.id.slice(0, 12)}\n`).join('')), 0);
  const rows = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  for (const i of list) rows.push([i.repo, i.tag, i.id.slice(0, 12), ago(engine.now - i.created), humanSize(i.size)]);
  ctx.stdout.write(table(rows));
  return 0;
};

function eachContainer(ctx: CommandContext, engine: DockerEngine, names: string[], verb: string, fn: (c: Container) => string | undefined): number {
  if (names.length === 0) return err(ctx, `"docker ${verb}" requires at least 1 argument.\nSee 'docker ${verb} --help'.`);
  let code = 0;
  for (const n of names) {
    const c = engine.findContainer(n);
    if (!c) {
      ctx.stderr.write(`Error response from daemon: No such container: ${n}\n`);
      code = 1;
      continue;
    }
    const e = fn(c);
    if (e) {
      ctx.stderr.write(`${e}\n`);
      code = 1;
    } else ctx.stdout.write(`${n}\n`);
  }
  return code;
}

const volume: Sub = (ctx, args, engine) => {
  const [verb, ...rest] = args;
  if (verb === 'ls') {
    const p = parseFlags(rest, { bool: [['-q', '--quiet']], value: [] });
    const vols = [...engine.volumes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    if (has(p, '--quiet')) return (ctx.stdout.write(vols.map((v) => `${v.name}\n`).join('')), 0);
    ctx.stdout.write(table([['DRIVER', 'VOLUME NAME'], ...vols.map((v) => [v.driver, v.name])]));
    return 0;
  }
  if (verb === 'inspect') {
    const out = [];
    for (const n of rest) {
      const v = engine.volumes.get(n);
      if (!v) return err(ctx, `Error response from daemon: get ${n}: no such volume`);
      out.push({ CreatedAt: new Date(v.created).toISOString().replace(/\.\d+Z$/, 'Z'), Driver: v.driver, Labels: v.labels, Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, Name: v.name, Options: null, Scope: 'local' });
    }
    ctx.stdout.write(JSON.stringify(out, null, 4) + '\n');
    return 0;
  }
  if (verb === 'rm') {
    let code = 0;
    for (const n of rest.filter((a) => !a.startsWith('-'))) {
      const r = engine.removeVolume(n);
      if (r.ok) ctx.stdout.write(`${n}\n`);
      else code = err(ctx, r.errors[0]!.message);
    }
    return code;
  }
  if (verb === 'create') {
    const p = parseFlags(rest, { bool: [], value: [['-d', '--driver'], ['--name'], ['--label'], ['-o', '--opt']] });
    if (p.error) return err(ctx, `${p.error}\nSee 'docker volume create --help'.`, 125);
    if (p.args.length > 1) return err(ctx, `"docker volume create" requires at most 1 argument.\nSee 'docker volume create --help'.\n\nUsage:  docker volume create [OPTIONS] [VOLUME]\n\nCreate a volume`);
    const name = p.args[0] ?? last(p, '--name');
    const labels = Object.fromEntries((p.flags.get('--label') ?? []).map((l) => [l.split('=')[0]!, l.split('=').slice(1).join('=')]));
    // Creating a volume that exists is not an error: Docker hands back the existing one.
    ctx.stdout.write(`${engine.createVolume(name, labels).name}\n`);
    return 0;
  }
  if (verb === 'prune') {
    const p = parseFlags(rest, { bool: [['-f', '--force'], ['-a', '--all']], value: [['--filter']] });
    if (p.error) return err(ctx, `${p.error}\nSee 'docker volume prune --help'.`, 125);
    const all = has(p, '--all');
    if (!has(p, '--force')) {
      ctx.stdout.write(`WARNING! This will remove ${all ? 'all' : 'anonymous'} local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] `);
      if (!/^y(es)?$/i.test((ctx.stdin ?? '').split('\n')[0]!.trim())) return (ctx.stdout.write('\n'), 0);
    }
    const gone = [...engine.volumes.values()].filter((v) => (all || v.anonymous) && engine.volumeUsers(v.name).length === 0);
    for (const v of gone) engine.removeVolume(v.name);
    const bytes = gone.reduce((n, v) => n + [...v.files.values()].reduce((m, t) => m + t.length, 0), 0);
    ctx.stdout.write(`${gone.length ? `Deleted Volumes:\n${gone.map((v) => `${v.name}\n`).join('')}\n` : ''}Total reclaimed space: ${humanSize(bytes)}\n`);
    return 0;
  }
  return noVerb(ctx, 'volume', verb);
};

const network: Sub = (ctx, args, engine) => {
  const [verb, ...rest] = args;
  if (verb === 'ls') {
    const nets = [...engine.networks.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    ctx.stdout.write(table([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [n.id.slice(0, 12), n.name, n.driver, 'local'])]));
    return 0;
  }
  if (verb === 'inspect') {
    const out = [];
    for (const name of rest) {
      const n = engine.findNetwork(name);
      if (!n) return err(ctx, `Error response from daemon: network ${name} not found`);
      const containers = Object.fromEntries(engine.containersOn(n.name).filter((c) => c.ips.has(n.name)).map((c) => [c.id, { Name: c.spec.name, IPv4Address: `${c.ips.get(n.name)}/16` }]));
      out.push({ Name: n.name, Id: n.id, Created: new Date(n.created).toISOString(), Scope: 'local', Driver: n.driver, IPAM: { Config: [{ Subnet: n.subnet, Gateway: n.subnet.replace(/0\/16$/, '1') }] }, Containers: containers, Labels: n.labels });
    }
    ctx.stdout.write(JSON.stringify(out, null, 4) + '\n');
    return 0;
  }
  if (verb === 'create') {
    const p = parseFlags(rest, { bool: [['--internal'], ['--attachable']], value: [['-d', '--driver'], ['--label'], ['--subnet']] });
    if (p.error) return err(ctx, `${p.error}\nSee 'docker network create --help'.`, 125);
    if (p.args.length !== 1) return err(ctx, `"docker network create" requires exactly 1 argument.\nSee 'docker network create --help'.\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nCreate a network`);
    const r = engine.createNetwork(p.args[0]!, {}, last(p, '--driver') ?? 'bridge');
    if (!r.ok) return err(ctx, r.errors[0]!.message);
    ctx.stdout.write(`${r.value.id}\n`);
    return 0;
  }
  if (verb === 'rm' || verb === 'remove') {
    const names = rest.filter((a) => !a.startsWith('-'));
    if (names.length === 0) return err(ctx, `"docker network rm" requires at least 1 argument.\nSee 'docker network rm --help'.\n\nUsage:  docker network rm NETWORK [NETWORK...]\n\nRemove one or more networks`);
    let code = 0;
    for (const n of names) {
      const r = engine.removeNetwork(n);
      if (r.ok) ctx.stdout.write(`${n}\n`);
      else code = err(ctx, r.errors[0]!.message);
    }
    return code;
  }
  return noVerb(ctx, 'network', verb);
};

const SUBS: Record<string, Sub> = {
  ps: containerPs,
  images: imageLs,
  volume,
  network,
  stop: (ctx, args, engine) => eachContainer(ctx, engine, args.filter((a) => !a.startsWith('-')), 'stop', (c) => (engine.stopAndWait(c), undefined)),
  start: (ctx, args, engine) => eachContainer(ctx, engine, args, 'start', (c) => {
    const r = engine.start(c);
    return r.ok ? undefined : r.errors[0]!.message;
  }),
  rm: (ctx, args, engine) => {
    const p = parseFlags(args, { bool: [['-f', '--force'], ['-v', '--volumes']], value: [] });
    return eachContainer(ctx, engine, p.args, 'rm', (c) => {
      const r = engine.remove(c, has(p, '--force'));
      return r.ok ? undefined : r.errors[0]!.message;
    });
  },
  logs: (ctx, args, engine) => {
    const p = parseFlags(args, { bool: [['-f', '--follow'], ['-t', '--timestamps']], value: [['-n', '--tail']] });
    const c = p.args[0] ? engine.findContainer(p.args[0]) : undefined;
    if (!c) return err(ctx, p.args[0] ? `Error response from daemon: No such container: ${p.args[0]}` : `"docker logs" requires exactly 1 argument.\nSee 'docker logs --help'.`);
    const tail = Number(last(p, '--tail') ?? Infinity);
    const line = (at: number, text: string) => `${has(p, '--timestamps') ? rfc3339Nano(at) + ' ' : ''}${text}\n`;
    for (const e of tail === Infinity ? c.logs : c.logs.slice(-tail)) ctx.stdout.write(line(e.at, e.text));
    if (!has(p, '--follow')) return 0;
    const job = new JobHandle((j) => (off(), j.exit(130)));
    const off = engine.on((e) => {
      if (e.type === 'log' && e.container === c) ctx.stdout.write(line(e.entry.at, e.entry.text));
    });
    return job;
  },
  inspect: (ctx, args, engine) => {
    const p = parseFlags(args, { bool: [['-s', '--size']], value: [['-f', '--format'], ['--type']] });
    if (p.error) return err(ctx, `${p.error}\nSee 'docker inspect --help'.`, 125);
    const format = last(p, '--format');
    const out = [];
    for (const n of p.args) {
      const c = engine.findContainer(n);
      if (!c) {
        if (format) return err(ctx, `Error: No such object: ${n}`);
        return err(ctx, `[]\nError: No such object: ${n}`);
      }
      out.push({
        Id: c.id,
        Created: new Date(c.created).toISOString(),
        Path: engine.commandLine(c).split(' ')[0],
        State: { Status: c.state, Running: c.state === 'running', Restarting: c.state === 'restarting', ExitCode: c.exitCode, StartedAt: c.startedAt ? new Date(c.startedAt).toISOString() : '0001-01-01T00:00:00Z', FinishedAt: c.finishedAt ? new Date(c.finishedAt).toISOString() : '0001-01-01T00:00:00Z', ...(c.health ? { Health: { Status: c.health, FailingStreak: c.failingStreak } } : {}) },
        Image: `sha256:${c.image.id}`,
        Name: `/${c.spec.name}`,
        RestartCount: c.restartCount,
        Mounts: c.spec.mounts.map((m) => ({ Type: m.type, Name: m.type === 'volume' ? m.source : undefined, Source: m.type === 'volume' ? `/var/lib/docker/volumes/${m.source}/_data` : m.source, Destination: m.target, RW: !m.readOnly })),
        Config: { Hostname: engine.hostname(c), Env: Object.entries(engine.env(c)).map(([k, v]) => `${k}=${v}`), Image: c.spec.image, Labels: c.spec.labels },
        NetworkSettings: { Networks: Object.fromEntries(c.spec.networks.map((n) => [n.name, { Aliases: n.aliases, IPAddress: c.ips.get(n.name) ?? '' }])) },
      });
    }
    if (format) {
      try {
        // The daemon's JSON decoded into Go maps: missing keys print <no value>.
        const data = JSON.parse(JSON.stringify(out)) as unknown[];
        ctx.stdout.write(data.map((d) => `${renderTemplate(format, d)}\n`).join(''));
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        return err(ctx, e.message.includes('executing') ? e.message : `template parsing error: ${e.message}`);
      }
      return 0;
    }
    ctx.stdout.write(JSON.stringify(out, null, 4) + '\n');
    return 0;
  },
  run,
  exec,
  pull,
  rmi,
  info,
  version: (ctx) => {
    ctx.stdout.write(`Client:
 Version:           27.4.1
 API version:       1.47
 Go version:        go1.22.10
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community (simulated by kube-lessons)
 Engine:
  Version:          27.4.1
  API version:      1.47 (minimum version 1.24)
  OS/Arch:          linux/amd64
`);
    return 0;
  },
};

// docker/cli 27's top-level commands (docker --help): real, so never "not a docker command".
const REAL_DOCKER = new Set(['push', 'attach', 'build', 'buildx', 'builder', 'checkpoint', 'commit', 'config', 'container', 'context', 'cp', 'create', 'diff', 'events', 'export', 'history', 'image', 'import', 'init', 'kill', 'load', 'login', 'logout', 'manifest', 'node', 'pause', 'plugin', 'port', 'rename', 'restart', 'save', 'scout', 'search', 'secret', 'service', 'stack', 'stats', 'swarm', 'system', 'tag', 'top', 'trust', 'unpause', 'update', 'wait', 'debug']);

/** docker/cli's management commands: the verbs each has (cli/command/volume, network). */
const REAL_VERBS: Record<'volume' | 'network', [string, string][]> = {
  volume: [['create', 'Create a volume'], ['inspect', 'Display detailed information on one or more volumes'], ['ls', 'List volumes'], ['prune', 'Remove unused local volumes'], ['rm', 'Remove one or more volumes'], ['update', 'Update a volume (cluster volumes only)']],
  network: [['connect', 'Connect a container to a network'], ['create', 'Create a network'], ['disconnect', 'Disconnect a container from a network'], ['inspect', 'Display detailed information on one or more networks'], ['ls', 'List networks'], ['prune', 'Remove all unused networks'], ['rm', 'Remove one or more networks']],
};

/** `docker network` alone prints its usage; a real verb not modelled is "not simulated here"; anything else is cobra's "not a docker command". */
function noVerb(ctx: CommandContext, group: 'volume' | 'network', verb: string | undefined): number {
  if (verb === undefined) {
    const what = group === 'volume' ? 'volumes' : 'networks';
    ctx.stdout.write(`\nUsage:  docker ${group} COMMAND\n\nManage ${what}\n\nCommands:\n${REAL_VERBS[group].map(([v, d]) => `  ${v.padEnd(12)}${d}`).join('\n')}\n\nRun 'docker ${group} COMMAND --help' for more information on a command.\n`);
    return 0;
  }
  if (REAL_VERBS[group].some(([v]) => v === verb)) return err(ctx, `docker ${group} ${verb}: not simulated here (a real Docker Engine's docker CLI has it)`);
  return err(ctx, `docker: '${group} ${verb}' is not a docker command.\nSee 'docker --help'`);
}

const VERBS = { volume: ['create', 'inspect', 'ls', 'prune', 'rm'], network: ['create', 'inspect', 'ls', 'rm'] };
const CONTAINER_ARGS = new Set(['stop', 'start', 'rm', 'logs', 'inspect']);

export const docker: Command = {
  name: 'docker',
  summary: SUMMARY.docker,
  help: {
    ko: 'docker compose up -d / ps / logs / stop / start / restart / down [-v] / run [--rm] / exec / kill / rm / pause / unpause / cp / events / version 와\ndocker run [-d --rm -it -p -e -v --name --network], exec, pull, rmi, info, ps [-a] [--format], images, volume create|ls|inspect|rm|prune, network create|ls|inspect|rm, logs, inspect [-f], rm [-f], stop, start, version.',
    en: 'docker compose up -d / ps / logs / stop / start / restart / down [-v] / run [--rm] / exec / kill / rm / pause / unpause / cp / events / version, and\ndocker run [-d --rm -it -p -e -v --name --network], exec, pull, rmi, info, ps [-a] [--format], images, volume create|ls|inspect|rm|prune, network create|ls|inspect|rm, logs, inspect [-f], rm [-f], stop, start, version.',
  },
  run(ctx) {
    const [name, ...rest] = ctx.argv.slice(1);
    if (name === 'compose') return runCompose(ctx, rest, 'docker compose');
    if (!name || name === '--help') {
      ctx.stdout.write(`Usage:  docker [OPTIONS] COMMAND\n\nCommands:\n  compose\n${Object.keys(SUBS).map((s) => `  ${s}`).join('\n')}\n`);
      return 0;
    }
    const sub = SUBS[name === 'container' && rest[0] === 'ls' ? 'ps' : name === 'image' && rest[0] === 'ls' ? 'images' : name === 'image' && (rest[0] === 'rm' || rest[0] === 'pull') ? rest[0] === 'rm' ? 'rmi' : 'pull' : name === 'container' && rest[0] && ['run', 'exec', 'rm', 'stop', 'start', 'logs', 'inspect'].includes(rest[0]) ? rest[0] : name];
    if (!sub) {
      if (REAL_DOCKER.has(name)) return err(ctx, `docker ${name}: not simulated here (a real Docker Engine's docker CLI has it)`);
      return err(ctx, `docker: '${name}' is not a docker command.\nSee 'docker --help'`);
    }
    return sub(ctx, name === 'container' || name === 'image' ? rest.slice(1) : rest, dockerEngine(ctx.world));
  },
  complete(words, current, ctx) {
    const match = (list: string[]) => list.filter((n) => n.startsWith(current));
    if (words.length === 0) return match(['compose', ...Object.keys(SUBS)]);
    if (words[0] === 'compose') return completeCompose(words.slice(1), current, ctx);
    const engine = dockerEngine(ctx.world);
    if (words.length === 1 && (words[0] === 'volume' || words[0] === 'network')) return match(VERBS[words[0]]);
    if (words[0] === 'volume' && (words[1] === 'rm' || words[1] === 'inspect')) return match([...engine.volumes.keys()].sort());
    if (words[0] === 'network' && (words[1] === 'rm' || words[1] === 'inspect')) return match([...engine.networks.keys()].sort());
    if (CONTAINER_ARGS.has(words[0]!) && !current.startsWith('-')) return match([...engine.containers.values()].map((c) => c.spec.name).sort());
    return [];
  },
};
