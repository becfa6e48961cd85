/**
 * `kubectl exec` inside a simulated container: the handful of commands a
 * lesson uses to look at a pod's network namespace (hostname, env, /etc/hosts,
 * ip addr, curl, wget). Everything it can reach comes through ExecEnv, so the
 * same code serves localhost, the pod IP and (via the integrator) other pods.
 */
import type { HttpAnswer } from './programs.ts';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Something listening on a port: answers a request (and logs it, as the server would). */
export type Listener = (req: { method: string; path: string; agent: string; client: string }) => HttpAnswer | 'empty';

export interface ExecEnv {
  podIP: string;
  hostname: string;
  namespace: string;
  env: Record<string, string>;
  binaries: string[];
  /** Where a connection to ip:port from inside this pod lands; undefined = refused. */
  connect(ip: string, port: number): Listener | undefined;
  /** Cluster DNS from this pod; undefined = NXDOMAIN. */
  lookup(name: string): string | undefined;
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

export function hostsFile(ip: string, hostname: string): string {
  return ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters', `${ip}\t${hostname}`, ''].join('\n');
}

export function resolvConf(namespace: string, nameserver = '10.96.0.10'): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${nameserver}\noptions ndots:5\n`;
}

/** The bridge CNI derives the MAC from the IP (0a:58 + the four octets). */
function ipAddr(ip: string): string {
  const mac = ['0a', '58', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
  return [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue ',
    `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${ip}/24 brd ${ip.replace(/\.\d+$/, '.255')} scope global eth0`,
    '       valid_lft forever preferred_lft forever',
    '',
  ].join('\n');
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode: number): ExecResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode });

function resolveHost(env: ExecEnv, host: string): string | undefined {
  if (host === 'localhost' || host === '127.0.0.1') return '127.0.0.1';
  if (host === env.hostname) return env.podIP;
  if (IPV4.test(host)) return host;
  return env.lookup(host);
}

function parseUrl(raw: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return undefined;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ?? '/' };
}

function curl(env: ExecEnv, args: string[]): ExecResult {
  let include = false;
  let head = false;
  let fail = false;
  let url: string | undefined;
  let output: string | undefined;
  let writeOut: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    // -o and -w are how people check a service from a pod: curl -s -o /dev/null -w '%{http_code}' URL
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (a === '--max-time' || a === '-m' || a === '-H') i++;
    else if (a.startsWith('--')) continue;
    else if (a.startsWith('-')) {
      if (a.includes('i')) include = true;
      if (a.includes('I')) head = true;
      if (a.includes('f')) fail = true;
    } else url = a;
  }
  if (!url) return err("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const u = parseUrl(url);
  if (!u) return err(`curl: (3) URL rejected: Malformed input to a URL function`, 3);
  const ip = resolveHost(env, u.host);
  if (!ip) return err(`curl: (6) Could not resolve host: ${u.host}`, 6);
  const listener = env.connect(ip, u.port);
  if (!listener) return err(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`, 7);
  const method = head ? 'HEAD' : 'GET';
  const ans = listener({ method, path: u.path, agent: 'curl/8.11.1', client: ip === '127.0.0.1' ? '127.0.0.1' : env.podIP });
  if (ans === 'empty') return err('curl: (52) Empty reply from server', 52);
  if (fail && ans.status >= 400) return err(`curl: (22) The requested URL returned error: ${ans.status}`, 22);
  const headers = `HTTP/1.1 ${ans.status} ${ans.status === 200 ? 'OK' : 'Not Found'}\r\n${ans.server ? `Server: ${ans.server}\r\n` : ''}Content-Length: ${ans.body.length}\r\n\r\n`;
  const written = writeOut === undefined ? '' : writeOut.replace(/%\{http_code\}/g, String(ans.status)).replace(/%\{remote_ip\}/g, ip).replace(/\\n/g, '\n');
  if (head) return ok(headers + written);
  // Only /dev/null (or a file the learner will not see again) is a target: the body is dropped.
  const body = output !== undefined ? '' : (include ? headers : '') + ans.body;
  return ok(body + written);
}

function wget(env: ExecEnv, args: string[]): ExecResult {
  const quiet = args.some((a) => /^-\w*q/.test(a));
  const url = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-O' && args[i - 1] !== '-T').at(-1);
  if (!url) return err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...', 1);
  const u = parseUrl(url);
  if (!u) return err(`wget: bad address '${url}'`, 1);
  const ip = resolveHost(env, u.host);
  if (!ip) return err(`wget: bad address '${u.host}'`, 1);
  const connecting = quiet ? '' : `Connecting to ${u.host}:${u.port} (${ip}:${u.port})\n`;
  const listener = env.connect(ip, u.port);
  if (!listener) return { stdout: '', stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 };
  const ans = listener({ method: 'GET', path: u.path, agent: 'Wget', client: ip === '127.0.0.1' ? '127.0.0.1' : env.podIP });
  if (ans === 'empty') return { stdout: '', stderr: `${connecting}wget: error getting response: Connection reset by peer\n`, exitCode: 1 };
  if (ans.status >= 400) return { stdout: '', stderr: `${connecting}wget: server returned error: HTTP/1.1 ${ans.status} Not Found\n`, exitCode: 1 };
  const progress = quiet ? '' : `writing to stdout\n-                    100% |********************************|   ${ans.body.length}  0:00:00 ETA\nwritten to stdout\n`;
  return { stdout: ans.body, stderr: connecting + progress, exitCode: 0 };
}

function cat(env: ExecEnv, files: string[]): ExecResult {
  let out = '';
  for (const f of files) {
    if (f === '/etc/hosts') out += hostsFile(env.podIP, env.hostname);
    else if (f === '/etc/hostname') out += `${env.hostname}\n`;
    else if (f === '/etc/resolv.conf') out += resolvConf(env.namespace);
    else return { stdout: out, stderr: `cat: ${f}: No such file or directory\n`, exitCode: 1 };
  }
  return ok(out);
}

export function runExec(env: ExecEnv, argv: string[]): ExecResult {
  const [cmd, ...args] = argv;
  if (!cmd) return err('you must specify at least one command for the container', 1);
  const bin = cmd.slice(cmd.lastIndexOf('/') + 1);
  if (!env.binaries.includes(bin)) {
    return err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`, 127);
  }
  switch (bin) {
    case 'sh':
    case 'bash':
      if (args[0] === '-c' && args[1]) return runExec(env, args[1].trim().split(/\s+/));
      return ok('');
    case 'hostname':
      return ok(`${args.includes('-i') ? env.podIP : env.hostname}\n`);
    case 'env':
    case 'printenv': {
      const all = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: env.hostname, ...env.env, HOME: '/root' };
      if (bin === 'printenv' && args[0]) return all[args[0] as keyof typeof all] !== undefined ? ok(`${all[args[0] as keyof typeof all]}\n`) : { stdout: '', stderr: '', exitCode: 1 };
      return ok(Object.entries(all).map(([k, v]) => `${k}=${v}\n`).join(''));
    }
    case 'cat':
      return cat(env, args);
    case 'ip':
      if (args[0] === 'addr' || args[0] === 'a' || args[0] === 'address') return ok(ipAddr(env.podIP));
      return err('ip: simulator supports `ip addr` only', 1);
    case 'curl':
      return curl(env, args);
    case 'wget':
      return wget(env, args);
    case 'echo':
      return ok(`${args.join(' ')}\n`);
    case 'true':
    case 'sleep':
      return ok('');
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    default:
      return err(`${bin}: not simulated`, 1);
  }
}
