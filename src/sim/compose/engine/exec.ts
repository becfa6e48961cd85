import type { Container, DockerEngine } from './docker.ts';

/**
 * `docker exec` inside a simulated container: a handful of programs a
 * learner reaches for to look around (env, hostname, cat, ls, echo, curl,
 * ping). Names resolve through the container's networks like Docker's DNS.
 */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

const r = (stdout: string, code = 0, stderr = ''): ExecResult => ({ stdout, stderr, code });

export function execIn(engine: DockerEngine, c: Container, argv: string[]): ExecResult {
  const fs = engine.fs(c);
  const [cmd = '', ...args] = argv;
  if ((cmd === 'sh' || cmd === 'bash' || cmd === '/bin/sh') && args[0] === '-c' && args[1] !== undefined) {
    const redirect = args[1].match(/^echo\s+(.*?)\s*(>>?)\s*(\S+)\s*$/);
    if (redirect) {
      const text = redirect[1]!.replace(/^(['"])(.*)\1$/, '$2') + '\n';
      const path = redirect[3]!;
      fs.write(path, redirect[2] === '>>' ? (fs.read(path) ?? '') + text : text);
      return r('');
    }
    return execIn(engine, c, args[1].trim().split(/\s+/));
  }
  switch (cmd) {
    case 'env':
    case 'printenv':
      return r(Object.entries(engine.env(c)).map(([k, v]) => `${k}=${v}\n`).join(''));
    case 'hostname':
      return r(`${engine.hostname(c)}\n`);
    case 'echo':
      return r(`${args.join(' ')}\n`);
    case 'cat': {
      let out = '';
      let err = '';
      for (const a of args) {
        const text = fs.read(a);
        if (text === undefined) err += `cat: can't open '${a}': No such file or directory\n`;
        else out += text;
      }
      return r(out, err ? 1 : 0, err);
    }
    case 'curl':
      return curl(engine, c, args);
    case 'ping':
      return ping(engine, c, args);
    default:
      return r('', 127, `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`);
  }
}

function lookup(engine: DockerEngine, c: Container, host: string): { container: Container; ip: string } | undefined {
  if (host === 'localhost' || host === '127.0.0.1') return { container: c, ip: '127.0.0.1' };
  return engine.resolveName(c, host);
}

function curl(engine: DockerEngine, c: Container, args: string[]): ExecResult {
  const url = args.find((a) => !a.startsWith('-')) ?? '';
  const m = url.match(/^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/);
  if (!m) return r('', 3, `curl: (3) URL rejected: Malformed input to a URL function\n`);
  const host = m[1]!;
  const port = Number(m[2] ?? 80);
  const target = lookup(engine, c, host);
  if (!target) return r('', 6, `curl: (6) Could not resolve host: ${host}\n`);
  const spec = target.container.image.spec;
  const ready = target.container.state === 'running' && target.container.plan && engine.now - target.container.startedAt >= target.container.plan.readyAt;
  if (!ready || spec.listens !== port) return r('', 7, `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
  if (!spec.http) return r('', 52, `curl: (52) Empty reply from server\n`);
  return r(spec.http({ fs: engine.fs(target.container) }));
}

function ping(engine: DockerEngine, c: Container, args: string[]): ExecResult {
  const host = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-c').at(-1) ?? '';
  const count = Number(args[args.indexOf('-c') + 1] ?? 1) || 1;
  const target = lookup(engine, c, host);
  if (!target) return r('', 1, `ping: bad address '${host}'\n`);
  let out = `PING ${host} (${target.ip}): 56 data bytes\n`;
  for (let i = 0; i < count; i++) out += `64 bytes from ${target.ip}: seq=${i} ttl=64 time=0.${String(87 + i * 13).padStart(3, '0')} ms\n`;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = 0.087/0.087/0.087 ms\n`;
  return r(out);
}
