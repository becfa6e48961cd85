/**
 * The short-lived programs a container's shell or an exec runs: coreutils /
 * busybox basics over the container's own files, and the network tools people
 * reach for (curl, wget, ping, ip, nslookup), over the engine's network.
 */
import { abs, busyboxy, hasBinary, versionOf } from './binaries.ts';
import { dateTime } from './logtime.ts';
import type { CmdIO, CmdResult } from './shell.ts';
import type { ContainerSys, Listener } from './types.ts';

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const ok = (stdout = ''): CmdResult => ({ stdout, stderr: '', code: 0 });
const bad = (stderr: string, code = 1, stdout = ''): CmdResult => ({ stdout, stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, code });

export const KERNEL = '6.8.0-51-generic';

function parseUrl(raw: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return undefined;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ?? '/' };
}

function resolveHost(sys: ContainerSys, host: string): string | undefined {
  if (host === 'localhost' || host === '127.0.0.1') return '127.0.0.1';
  if (host === sys.hostname) return sys.ip;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  return sys.net.lookup(host);
}

function request(sys: ContainerSys, ip: string, port: number): Listener | undefined {
  return sys.net.connect(ip, port);
}

function curl(sys: ContainerSys, args: string[]): CmdResult {
  let include = false;
  let head = false;
  let fail = false;
  let url: string | undefined;
  let output: string | undefined;
  let writeOut: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-w' || a === '--write-out') writeOut = args[++i];
    else if (['--max-time', '-m', '-H', '--header', '-X', '--request', '-d', '--data', '-u', '--user', '--connect-timeout', '-A', '--user-agent', '--retry'].includes(a)) i++;
    else if (a === '--fail') fail = true;
    else if (a === '--head') head = true;
    else if (a === '--include') include = true;
    else if (a.startsWith('--')) continue;
    else if (a.startsWith('-') && a.length > 1) {
      if (a.includes('i')) include = true;
      if (a.includes('I')) head = true;
      if (a.includes('f')) fail = true;
    } else url = a;
  }
  if (!url) return bad("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const u = parseUrl(url);
  if (!u) return bad('curl: (3) URL rejected: Malformed input to a URL function', 3);
  const ip = resolveHost(sys, u.host);
  if (!ip) return bad(`curl: (6) Could not resolve host: ${u.host}`, 6);
  const listener = request(sys, ip, u.port);
  if (!listener) return bad(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`, 7);
  const method = head ? 'HEAD' : 'GET';
  const ans = listener({ method, path: u.path, agent: 'curl/8.14.1', client: ip === '127.0.0.1' ? '127.0.0.1' : sys.ip });
  if (ans === 'empty') return bad('curl: (52) Empty reply from server', 52);
  if (fail && ans.status >= 400) return bad(`curl: (22) The requested URL returned error: ${ans.status}`, 22);
  const reason = ans.status === 200 ? 'OK' : ans.status === 404 ? 'Not Found' : ans.status === 403 ? 'Forbidden' : ans.status === 302 ? 'Found' : 'Error';
  const headers = `HTTP/1.1 ${ans.status} ${reason}\r\n${ans.server ? `Server: ${ans.server}\r\n` : ''}Content-Length: ${ans.body.length}\r\n\r\n`;
  const written = writeOut === undefined ? '' : writeOut.replace(/%\{http_code\}/g, String(ans.status)).replace(/%\{remote_ip\}/g, ip).replace(/\\n/g, '\n');
  if (head) return ok(headers + written);
  const body = output !== undefined ? '' : (include ? headers : '') + ans.body;
  if (output !== undefined && output !== '/dev/null') sys.fs.write(abs(output, sys.workdir), ans.body);
  return ok(body + written);
}

function wget(sys: ContainerSys, args: string[]): CmdResult {
  const quiet = args.some((a) => /^-\w*q/.test(a));
  const spider = args.includes('--spider');
  // -O FILE, -O- and the bundled -qO- all name the output.
  let outFile: string | undefined;
  args.forEach((a, i) => {
    const m = /^-[a-zA-Z]*O(.*)$/.exec(a);
    if (m && !a.startsWith('--')) outFile = m[1] || args[i + 1];
  });
  const url = args.filter((a, i) => !a.startsWith('-') && !/^-[a-zA-Z]*O$/.test(args[i - 1] ?? '') && !['-T', '-U', '--header'].includes(args[i - 1] ?? '')).at(-1);
  if (!url) return bad('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...', 1);
  const u = parseUrl(url);
  if (!u) return bad(`wget: bad address '${url}'`, 1);
  const ip = resolveHost(sys, u.host);
  if (!ip) return bad(`wget: bad address '${u.host}'`, 1);
  const connecting = quiet ? '' : `Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${ip}:${u.port})\n`;
  const listener = request(sys, ip, u.port);
  if (!listener) return bad(`${connecting}wget: can't connect to remote host (${ip}): Connection refused`, 1);
  const ans = listener({ method: spider ? 'HEAD' : 'GET', path: u.path, agent: 'Wget', client: ip === '127.0.0.1' ? '127.0.0.1' : sys.ip });
  if (ans === 'empty') return bad(`${connecting}wget: error getting response: Connection reset by peer`, 1);
  if (ans.status >= 400) return bad(`${connecting}wget: server returned error: HTTP/1.1 ${ans.status} Not Found`, 1);
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, code: 0 };
  const toStdout = outFile === '-';
  const name = outFile ?? (base(u.path) || 'index.html');
  if (!toStdout) sys.fs.write(abs(name, sys.workdir), ans.body);
  const progress = quiet ? '' : `${toStdout ? 'writing to stdout' : `saving to '${name}'`}\n${(toStdout ? '-' : name).padEnd(20)} 100% |********************************|   ${ans.body.length}  0:00:00 ETA\n${toStdout ? 'written to stdout' : `'${name}' saved`}\n`;
  return { stdout: toStdout ? ans.body : '', stderr: connecting + progress, code: 0 };
}

function ping(sys: ContainerSys, args: string[]): CmdResult {
  const cIdx = args.indexOf('-c');
  const count = cIdx >= 0 ? Number(args[cIdx + 1]) || 1 : 4;
  const host = args.filter((a, i) => !a.startsWith('-') && !['-c', '-W', '-w', '-i'].includes(args[i - 1] ?? '')).at(-1) ?? '';
  if (!host) return bad('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST', 1);
  const ip = resolveHost(sys, host);
  if (!ip) return bad(`ping: bad address '${host}'`, 1);
  let out = `PING ${host} (${ip}): 56 data bytes\n`;
  for (let i = 0; i < count; i++) out += `64 bytes from ${ip}: seq=${i} ttl=64 time=0.${String(87 + ((i * 13) % 900)).padStart(3, '0')} ms\n`;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = 0.087/0.087/0.087 ms\n`;
  return { ...ok(out), ms: (count - 1) * 1000 };
}

/** The bridge CNI / docker0 derive the MAC from the IP (0a:58 or 02:42 + the four octets). */
function ipAddr(ip: string): string {
  const mac = ['0a', '58', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
  return [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue ',
    `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${ip}/${ip.startsWith('172.') ? 16 : 24} brd ${ip.startsWith('172.') ? ip.replace(/\.\d+\.\d+$/, '.255.255') : ip.replace(/\.\d+$/, '.255')} scope global eth0`,
    '       valid_lft forever preferred_lft forever',
    '',
  ].join('\n');
}

function envsubst(input: string, env: Record<string, string>, only?: string): string {
  const allowed = only === undefined ? undefined : new Set([...only.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]!));
  return input.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => {
    const k = (a ?? b)!;
    if (allowed && !allowed.has(k)) return m;
    return env[k] ?? '';
  });
}

function test(args: string[], sys: ContainerSys, cwd: string): boolean {
  const a = args[args.length - 1] === ']' ? args.slice(0, -1) : args;
  if (a[0] === '!') return !test(a.slice(1), sys, cwd);
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, x = ''] = a;
    if (op === '-z') return x === '';
    if (op === '-n') return x !== '';
    if (op === '-f' || op === '-e' || op === '-r' || op === '-s') return sys.fs.read(abs(x, cwd)) !== undefined;
    if (op === '-d') return (sys.fs.list?.(abs(x, cwd)).length ?? 0) > 0 || ['/', '/tmp', '/etc', '/usr', '/var', '/root', '/home'].includes(abs(x, cwd));
    if (op === '-x') return hasBinary(sys, x);
    return false;
  }
  const [x = '', op, y = ''] = a;
  switch (op) {
    case '=':
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '-eq':
      return Number(x) === Number(y);
    case '-ne':
      return Number(x) !== Number(y);
    case '-lt':
      return Number(x) < Number(y);
    case '-le':
      return Number(x) <= Number(y);
    case '-gt':
      return Number(x) > Number(y);
    case '-ge':
      return Number(x) >= Number(y);
  }
  return false;
}

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

/** Files to read: the arguments, or stdin when there are none (or "-"). */
function inputs(args: string[], io: CmdIO, sys: ContainerSys, cmd: string): { text: string; err: string } {
  if (args.length === 0) return { text: io.stdin, err: '' };
  let text = '';
  let err = '';
  for (const f of args) {
    if (f === '-') {
      text += io.stdin;
      continue;
    }
    const t = sys.fs.read(abs(f, io.cwd));
    if (t === undefined) err += busyboxy(sys.image) ? `${cmd}: can't open '${f}': No such file or directory\n` : `${cmd}: ${f}: No such file or directory\n`;
    else text += t;
  }
  return { text, err };
}

/** Runs a utility, or returns undefined when the name is not one (a server or an interpreter: see programs.ts). */
export function runUtility(sys: ContainerSys, argv: string[], io: CmdIO): CmdResult | undefined {
  const [cmd = '', ...args] = argv;
  const now = sys.now + io.at;
  const version = versionOf(sys.image, base(cmd), args);
  if (version) return version;
  switch (base(cmd)) {
    case 'echo': {
      let a = args;
      let nl = true;
      if (a[0] === '-n') {
        nl = false;
        a = a.slice(1);
      }
      const e = a[0] === '-e';
      if (e) a = a.slice(1);
      const text = a.join(' ');
      return ok((e ? text.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : text) + (nl ? '\n' : ''));
    }
    case 'printf': {
      const [fmt = '', ...rest] = args;
      let i = 0;
      const out = fmt.replace(/%([sdx%])/g, (_m, c: string) => (c === '%' ? '%' : (rest[i++] ?? (c === 'd' ? '0' : '')))).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
      return ok(out);
    }
    case 'true':
      return ok();
    case 'false':
      return { stdout: '', stderr: '', code: 1 };
    case 'test':
    case '[':
      return { stdout: '', stderr: '', code: test(args, sys, io.cwd) ? 0 : 1 };
    case 'sleep': {
      const s = args[0] ?? '';
      if (s === 'infinity') return { ...ok(), ms: Infinity };
      const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
      if (!m) return bad(busyboxy(sys.image) ? `sleep: invalid number '${s}'` : s ? `sleep: invalid time interval '${s}'\nTry 'sleep --help' for more information.` : "sleep: missing operand\nTry 'sleep --help' for more information.", 1);
      const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
      return { ...ok(), ms: Math.round(Number(m[1]) * mult) };
    }
    case 'cat': {
      const { text, err } = inputs(args.filter((a) => !/^-[a-zA-Z]+$/.test(a)), io, sys, 'cat');
      return { stdout: text, stderr: err, code: err ? 1 : 0 };
    }
    case 'head':
    case 'tail': {
      if (base(cmd) === 'tail' && args.some((a) => a === '-F' || a === '--retry' || a === '--follow=name')) {
        // -F follows by name and retries: a file that is not there yet is waited for, the process never ends.
        const { text, err } = inputs(args.filter((a) => !a.startsWith('-') && !/^[+]?\d+$/.test(a)), io, sys, 'tail');
        return { stdout: lines(text).slice(-10).map((l) => `${l}\n`).join(''), stderr: err, code: 0, ms: Infinity };
      }
      if (base(cmd) === 'tail' && args.includes('-f')) {
        const { text } = inputs(args.filter((a) => !a.startsWith('-') && !/^\d+$/.test(a)), io, sys, 'tail');
        return { stdout: lines(text).slice(-10).map((l) => `${l}\n`).join(''), stderr: '', code: 0, ms: Infinity };
      }
      if (base(cmd) === 'tail' && args.includes('/dev/zero')) return { ...ok(), ms: Infinity };
      let n = 10;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a === '-n') n = Number(args[++i]);
        else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
        else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
        else files.push(a);
      }
      const { text, err } = inputs(files, io, sys, base(cmd));
      const l = lines(text);
      const pick = base(cmd) === 'head' ? l.slice(0, n) : l.slice(Math.max(0, l.length - n));
      return { stdout: pick.map((x) => `${x}\n`).join(''), stderr: err, code: err ? 1 : 0 };
    }
    case 'grep': {
      const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
      const rest = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
      const [pat = '', ...files] = rest;
      let re: RegExp;
      try {
        re = new RegExp(pat, flags.includes('i') ? 'i' : '');
      } catch {
        re = new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      }
      const { text, err } = inputs(files, io, sys, 'grep');
      const hit = lines(text).filter((l) => re.test(l) !== flags.includes('v'));
      if (flags.includes('c')) return { stdout: `${hit.length}\n`, stderr: err, code: hit.length ? 0 : 1 };
      return { stdout: flags.includes('q') ? '' : hit.map((l) => `${l}\n`).join(''), stderr: err, code: err ? 2 : hit.length ? 0 : 1 };
    }
    case 'wc': {
      const { text, err } = inputs(args.filter((a) => !a.startsWith('-')), io, sys, 'wc');
      const l = (text.match(/\n/g) ?? []).length;
      const w = text.split(/\s+/).filter(Boolean).length;
      const c = text.length;
      const only = args.find((a) => a.startsWith('-'));
      const v = only === '-l' ? `${l}` : only === '-w' ? `${w}` : only === '-c' ? `${c}` : `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(c).padStart(7)}`;
      return { stdout: `${v}\n`, stderr: err, code: err ? 1 : 0 };
    }
    case 'sort': {
      const { text } = inputs(args.filter((a) => !a.startsWith('-')), io, sys, 'sort');
      const l = lines(text).sort();
      if (args.includes('-r')) l.reverse();
      return ok(l.map((x) => `${x}\n`).join(''));
    }
    case 'tee': {
      for (const f of args.filter((a) => !a.startsWith('-'))) sys.fs.write(abs(f, io.cwd), (args.includes('-a') ? (sys.fs.read(abs(f, io.cwd)) ?? '') : '') + io.stdin);
      return ok(io.stdin);
    }
    case 'env':
    case 'printenv': {
      const all = io.env;
      if (base(cmd) === 'printenv' && args[0]) return all[args[0]] !== undefined ? ok(`${all[args[0]]}\n`) : { stdout: '', stderr: '', code: 1 };
      if (base(cmd) === 'env' && args.length) {
        // env VAR=x cmd …: only the listing form is modelled here.
        const assigns = args.filter((a) => a.includes('='));
        if (assigns.length === args.length) return ok([...Object.entries(all).map(([k, v]) => `${k}=${v}`), ...assigns].map((l) => `${l}\n`).join(''));
        return undefined;
      }
      return ok(Object.entries(all).map(([k, v]) => `${k}=${v}\n`).join(''));
    }
    case 'hostname':
      return ok(`${args.includes('-i') ? sys.ip : sys.hostname}\n`);
    case 'whoami':
      return ok(`${sys.image.user || 'root'}\n`);
    case 'id': {
      const user = sys.image.user || 'root';
      if (user !== 'root') return ok(`uid=1000(${user}) gid=1000(${user}) groups=1000(${user})\n`);
      return ok(busyboxy(sys.image) ? 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
    }
    case 'uname':
      if (args.includes('-a')) return ok(`Linux ${sys.hostname} ${KERNEL} #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024 x86_64${busyboxy(sys.image) ? ' Linux' : ' GNU/Linux'}\n`);
      return ok(`${args.includes('-r') ? KERNEL : args.includes('-m') ? 'x86_64' : 'Linux'}\n`);
    case 'date':
      return ok(`${dateTime(now)}\n`);
    case 'pwd':
      return ok(`${io.cwd}\n`);
    case 'nproc':
      return ok('8\n');
    case 'expr': {
      // expr A op B, integers and string comparison (what loops in scripts use).
      const [a = '', op, b = ''] = args;
      if (op === undefined) return ok(`${a}\n`);
      const x = Number(a);
      const y = Number(b);
      const v = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? Math.trunc(x / y) : op === '%' ? x % y : op === '=' ? Number(a === b) : op === '!=' ? Number(a !== b) : op === '<' ? Number(x < y) : op === '>' ? Number(x > y) : op === '<=' ? Number(x <= y) : op === '>=' ? Number(x >= y) : NaN;
      if (Number.isNaN(v)) return bad('expr: syntax error', 2);
      return { stdout: `${v}\n`, stderr: '', code: v === 0 ? 1 : 0 };
    }
    case 'basename':
      return ok(`${base(args[0] ?? '')}\n`);
    case 'dirname': {
      const p = args[0] ?? '.';
      return ok(`${p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.'}\n`);
    }
    case 'seq': {
      const [a, b] = args.length >= 2 ? [Number(args[0]), Number(args[1])] : [1, Number(args[0] ?? 1)];
      let out = '';
      for (let i = a; i <= b && i - a < 100_000; i++) out += `${i}\n`;
      return ok(out);
    }
    case 'touch':
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const err = sys.fs.writeError?.(abs(f, io.cwd));
        if (err) return bad(`touch: ${f}: ${err}`);
        if (sys.fs.read(abs(f, io.cwd)) === undefined) sys.fs.write(abs(f, io.cwd), '');
      }
      return ok();
    case 'mkdir':
    case 'chmod':
    case 'chown':
    case 'ln':
    case 'kill':
    case 'sync':
      return ok();
    case 'rm': {
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const err = sys.fs.writeError?.(abs(f, io.cwd));
        if (err) return bad(`rm: can't remove '${f}': ${err}`);
        if (sys.fs.remove) sys.fs.remove(abs(f, io.cwd));
        else sys.fs.write(abs(f, io.cwd), '');
      }
      return ok();
    }
    case 'cp': {
      const files = args.filter((a) => !a.startsWith('-'));
      const src = files[0] ?? '';
      const text = sys.fs.read(abs(src, io.cwd));
      if (text === undefined) return bad(`cp: cannot stat '${src}': No such file or directory`);
      sys.fs.write(abs(files[1] ?? '.', io.cwd), text);
      return ok();
    }
    case 'ls': {
      const dirs = args.filter((a) => !a.startsWith('-'));
      const dir = abs(dirs[0] ?? '.', io.cwd);
      if (sys.fs.read(dir) !== undefined) return ok(`${dirs[0]}\n`);
      const under = sys.fs.list?.(dir) ?? [];
      const names = [...new Set(under.map((p) => p.slice(dir === '/' ? 1 : dir.length + 1).split('/')[0]!))].filter(Boolean).sort();
      if (dir === '/') return ok(['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var', ...names].filter((v, i, a) => a.indexOf(v) === i).sort().map((n) => `${n}\n`).join(''));
      return ok(names.map((n) => `${n}\n`).join(''));
    }
    case 'envsubst': {
      return ok(envsubst(io.stdin, io.env, args.find((a) => !a.startsWith('-'))));
    }
    case 'ps': {
      const rows = busyboxy(sys.image) ? ['PID   USER     TIME  COMMAND', '    1 root      0:00 (pid 1)', '    7 root      0:00 ps'] : ['  PID TTY          TIME CMD', '    1 ?        00:00:00 (pid 1)', '    7 ?        00:00:00 ps'];
      return ok(rows.map((r) => `${r}\n`).join(''));
    }
    case 'curl':
      return curl(sys, args);
    case 'wget':
      return wget(sys, args);
    case 'ping':
      return ping(sys, args);
    case 'ip':
      if (args[0] === 'addr' || args[0] === 'a' || args[0] === 'address') return ok(ipAddr(sys.ip));
      if (args[0] === 'route' || args[0] === 'r') return ok(`default via ${sys.ip.replace(/\.\d+$/, '.1')} dev eth0 \n${sys.ip.replace(/\.\d+$/, '.0')}/24 dev eth0 scope link  src ${sys.ip} \n`);
      return bad(`ip: note: only "ip addr" and "ip route" are simulated here`, 1);
    case 'nslookup': {
      const name = args.find((a) => !a.startsWith('-')) ?? '';
      const ns = /nameserver\s+(\S+)/.exec(sys.fs.read('/etc/resolv.conf') ?? '')?.[1] ?? '127.0.0.11';
      const ip = resolveHost(sys, name);
      const head = `Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`;
      if (!ip) return { stdout: head, stderr: `** server can't find ${name}: NXDOMAIN\n\n`, code: 1 };
      return ok(`${head}Name:\t${name}\nAddress: ${ip}\n\n`);
    }
    case 'redis-cli': {
      const cmdArgs = args.filter((a, i) => !a.startsWith('-') && !['-h', '-p', '-a'].includes(args[i - 1] ?? ''));
      const hIdx = args.indexOf('-h');
      const host = hIdx >= 0 ? args[hIdx + 1]! : '127.0.0.1';
      const pIdx = args.indexOf('-p');
      const port = pIdx >= 0 ? Number(args[pIdx + 1]) : 6379;
      const ip = resolveHost(sys, host);
      if (!ip || !request(sys, ip, port)) return bad(`Could not connect to Redis at ${host}:${port}: Connection refused`, 1);
      if ((cmdArgs[0] ?? '').toLowerCase() === 'ping') return ok('PONG\n');
      return ok(`note: redis-cli ${cmdArgs.join(' ')} is not simulated here\n`);
    }
    case 'pg_isready': {
      const ip = '127.0.0.1';
      return request(sys, ip, 5432) ? ok('/var/run/postgresql:5432 - accepting connections\n') : { stdout: '/var/run/postgresql:5432 - no response\n', stderr: '', code: 2 };
    }
    default:
      return undefined;
  }
}
