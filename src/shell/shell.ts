import { HOME, type World } from '../sim/world.ts';
import { Vfs } from '../sim/vfs.ts';
import type { SimError as SimErrorLike } from '../sim/errors.ts';
import { styler } from './ansi.ts';
import { isJob, isSession } from './job.ts';
import { expandCommand, expandHereDoc, parseLine, type HereDoc, type ListItem, type Pipeline, type SimpleCommand } from './parse.ts';
import type { Command, CommandContext, Job, Lang, Session, Tty, Writer } from './types.ts';

export interface ShellOptions {
  world: World;
  commands: Command[];
  cwd?: string;
  lang?: Lang;
  tty?: Partial<Tty>;
}

/** What the shell is given: a typed line, Ctrl-C, or a file saved from the editor (recorded so a reload replays it). */
export type ShellInput = { type: 'line'; line: string } | { type: 'interrupt' } | { type: 'eof' } | { type: 'write'; path: string; text: string };

/**
 * The page's editor, as the shell sees it: `vi`, `nano` and `kubectl edit`
 * ask it to open a file. Absent in the headless runner and in tests, where
 * those commands say that there is no editor.
 */
export interface EditorHost {
  /** Opens path (absolute) in a tab and shows the editor; `close` is called when the tab should go away (edit finished). */
  open(path: string, opts?: { purpose?: 'edit' | 'kubectl-edit' }): { close(): void };
}

export interface ShellIO {
  stdout: Writer;
  stderr: Writer;
}

/** A job started with `&` (bash's job table). */
export interface BgJob {
  n: number;
  pid: number;
  /** The command as jobs and fg show it. */
  text: string;
  job: Job;
  /** Set by kill: its end is reported as Terminated. */
  killed?: boolean;
  /** Brought back with fg: its end is not reported. */
  foreground?: boolean;
}

/** Keeps at most this many history entries, like HISTSIZE. */
const HISTORY_LIMIT = 1000;

/**
 * The shell: parses a line, runs builtins and tool commands, wires pipes and
 * redirections through the virtual files, and keeps cwd, environment and
 * history. It knows nothing about xterm or stdin; the terminal widget and the
 * headless runner both drive it through run() and interrupt().
 */
export class Shell {
  readonly world: World;
  readonly commands = new Map<string, Command>();
  readonly env = new Map<string, string>();
  readonly history: string[] = [];
  lang: Lang;
  tty: Tty;
  cwd: string;
  lastExit = 0;
  /** Set by the page when an editor is available (see EditorHost). */
  editor: EditorHost | undefined;
  /**
   * Set by a page: a fresh frame budget for each flush a command asks for
   * (VirtualClock.advance's stop), so `kubectl scale --replicas=1000`
   * answers at once and the controllers' work goes on in slices. Work left
   * due is finished before the next line runs, so every line sees what a
   * headless run (no budget) would. Unset: flushes run to their end.
   */
  budget: (() => () => boolean) | undefined;
  #foreground: Job | undefined;
  /** True while a line typed into an attached session runs. */
  #sessionBusy = false;
  #loading = false;
  /** What lines wait for before they run (see waitBeforeLines); cleared once it has settled. */
  #before: (() => Promise<void>) | undefined;
  /** A line with here-documents whose bodies are still being typed. */
  #pending: { list: ListItem[]; docs: HereDoc[]; lines: string[] } | undefined;
  #lineListeners = new Set<(line: string, code: number) => void>();
  /** Background jobs, oldest first. */
  readonly jobs: BgJob[] = [];
  /** "[1]+  Done …" lines, printed when the current line ends (before the next prompt), as bash does. */
  #notices: string[] = [];
  #lastPid = 0;
  #inputListeners = new Set<(e: ShellInput) => void>();

  constructor(opts: ShellOptions) {
    this.world = opts.world;
    for (const c of opts.commands) this.commands.set(c.name, c);
    this.lang = opts.lang ?? 'ko';
    this.tty = { color: true, columns: 80, ...opts.tty };
    this.cwd = opts.cwd ?? HOME;
    this.world.vfs.mkdir(this.cwd);
    this.env.set('HOME', HOME);
    this.env.set('USER', 'learner');
    this.env.set('SHELL', '/bin/bash');
    this.env.set('PATH', '/usr/local/bin:/usr/bin:/bin');
  }

  /** A foreground job owns the terminal (an attached session waiting at its prompt does not count: lines go to it). */
  get busy(): boolean {
    return this.#foreground !== undefined && !this.session;
  }

  /** The interactive session attached to the terminal and waiting at its prompt (`docker run -it … sh`), if any. */
  get session(): Session | undefined {
    const f = this.#foreground;
    return f && isSession(f) && f.attached && !f.exited && !this.#sessionBusy && !this.#loading ? f : undefined;
  }

  /** True while a line waits for a command's code to load; virtual time should stand still meanwhile. */
  get loading(): boolean {
    return this.#loading;
  }

  /**
   * Lines wait for load() before they run, at the same virtual instant, as for a stand-in command (set by a page: the
   * exercise checks it fetches after the terminal starts, which must see every line from the first). The first line
   * starts it if nothing has yet; once it has resolved, lines run at once again.
   */
  waitBeforeLines(load: () => Promise<void>): void {
    this.#before = load;
  }

  getenv(name: string): string | undefined {
    if (name === '?') return String(this.lastExit);
    if (name === 'PWD') return this.cwd;
    return this.env.get(name);
  }

  /** `~/compose-demo` style path for the prompt. */
  displayCwd(): string {
    return this.cwd === HOME ? '~' : this.cwd.startsWith(HOME + '/') ? '~' + this.cwd.slice(HOME.length) : this.cwd;
  }

  /** True while the shell is reading a here-document's body (the prompt is then `> `). */
  get continuing(): boolean {
    return this.#pending !== undefined;
  }

  prompt(): string {
    if (this.#pending) return '> ';
    const session = this.session;
    if (session) return session.prompt();
    const s = styler(this.tty);
    return `${s.green('learner@kube-lessons')}:${s.blue(this.displayCwd())}$ `;
  }

  resolve(path: string): string {
    return Vfs.resolve(this.cwd, path, HOME);
  }

  /** Called after every finished input line (exercise checks and diagrams listen here). */
  onLine(fn: (line: string, code: number) => void): () => void {
    this.#lineListeners.add(fn);
    return () => this.#lineListeners.delete(fn);
  }

  /** Called when a line is submitted or Ctrl-C is pressed, before anything runs (the session recorder listens). */
  onInput(fn: (e: ShellInput) => void): () => void {
    this.#inputListeners.add(fn);
    return () => this.#inputListeners.delete(fn);
  }

  /** Ctrl-C: interrupts the foreground job. Returns false when nothing was running. */
  interrupt(): boolean {
    if (this.#pending) {
      // Ctrl-C while typing a here-document drops the whole command, as bash does.
      for (const l of this.#inputListeners) l({ type: 'interrupt' });
      this.#pending = undefined;
      this.lastExit = 130;
      return true;
    }
    const job = this.#foreground;
    // A line waiting for its command's code cannot be cut short: a replay, which never waits, would run it whole.
    // At an attached session's prompt Ctrl-C only clears the line (the terminal does that).
    if (!job || this.#loading || this.session) return false;
    for (const l of this.#inputListeners) l({ type: 'interrupt' });
    job.interrupt();
    return true;
  }

  /**
   * Runs one input line. done(code) is called when the line has finished:
   * at once for ordinary commands, later for a foreground job.
   */
  run(line: string, io: ShellIO, whenDone: (code: number) => void = () => {}): void {
    // whenDone means "ready for the next line": for a line that attaches a session that is when the session's prompt shows, long before the line itself finishes.
    let readied = false;
    const ready = (code: number) => {
      if (readied) return;
      readied = true;
      whenDone(code);
    };
    const done = (code: number) => {
      if (this.#notices.length) io.stderr.write(this.#notices.splice(0).join(''));
      ready(code);
      for (const l of this.#lineListeners) l(line, code);
    };
    for (const l of this.#inputListeners) l({ type: 'line', line });
    if (this.#pending) {
      this.#heredocLine(line, io, done);
      return;
    }
    const session = this.session;
    if (session) {
      this.#remember(line);
      this.#toSession(session, (d) => session.input(line, io, d), done);
      return;
    }
    if (this.busy) {
      io.stderr.write('a command is still running; press Ctrl-C first\n');
      done(1);
      return;
    }
    this.#remember(line);
    const parsed = parseLine(line);
    if (!parsed.ok) {
      io.stderr.write(`bash: ${parsed.error.message}\n`);
      this.lastExit = 2;
      done(2);
      return;
    }
    if (parsed.heredocs.length) {
      this.#pending = { list: parsed.list, docs: parsed.heredocs, lines: [] };
      done(this.lastExit);
      return;
    }
    this.#runList(parsed.list, io, done, false, ready);
  }

  #remember(line: string): void {
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
  }

  /**
   * Ctrl-D on an empty line. In an attached session it is end of input (the
   * shell inside exits); at the host prompt it does nothing here (a real
   * bash would close the terminal). Returns false when nothing took it.
   */
  eof(io: ShellIO, whenDone: (code: number) => void = () => {}): boolean {
    const session = this.session;
    if (!session) return false;
    for (const l of this.#inputListeners) l({ type: 'eof' });
    this.#toSession(session, (d) => session.eof(io, d), whenDone);
    return true;
  }

  /** Hands input to the attached session; done when the terminal is the learner's again (the session's next prompt, or the host's once the rest of the line that attached it has run). */
  #toSession(session: Session, give: (done: () => void) => void, done: (code: number) => void): void {
    this.#sessionBusy = true;
    give(() => {
      this.#sessionBusy = false;
      this.#whenIdle(() => done(this.lastExit));
    });
  }

  #whenIdle(fn: () => void): void {
    const f = this.#foreground;
    if (!f || f.exited || this.session) fn();
    else f.onExit(() => this.#whenIdle(fn));
  }

  /** One line of a here-document body; the delimiter line ends it and, after the last one, runs the command. */
  #heredocLine(line: string, io: ShellIO, done: (code: number) => void): void {
    const p = this.#pending!;
    const doc = p.docs[0]!;
    const text = doc.stripTabs ? line.replace(/^\t+/, '') : line;
    if (text !== doc.delimiter) {
      p.lines.push(text);
      done(this.lastExit);
      return;
    }
    doc.body = p.lines.length ? p.lines.join('\n') + '\n' : '';
    p.lines = [];
    p.docs.shift();
    if (p.docs.length) {
      done(this.lastExit);
      return;
    }
    this.#pending = undefined;
    this.#runList(p.list, io, done);
  }

  #runList(items: ListItem[], io: ShellIO, done: (code: number) => void, loaded = false, ready: (code: number) => void = done): void {
    const loads = loaded ? [] : this.#loadsFor(items);
    if (loads.length) {
      // The line was recorded already; it runs when the code has arrived, at the same virtual instant.
      this.#loading = true;
      this.#foreground = { interrupt() {}, onExit() {}, exited: false };
      Promise.all(loads).then(
        () => {
          this.#loading = false;
          this.#foreground = undefined;
          this.#runList(items, io, done, true, ready);
        },
        (e: unknown) => {
          this.#loading = false;
          this.#foreground = undefined;
          io.stderr.write(`bash: could not load the simulator (${e instanceof Error ? e.message : String(e)}); check the connection and try again\n`);
          this.lastExit = 1;
          done(1);
        },
      );
      return;
    }
    const step = (k: number) => {
      for (; k < items.length; k++) {
        const item = items[k]!;
        if (item.join === '&&' && this.lastExit !== 0) continue;
        if (item.join === '||' && this.lastExit === 0) continue;
        if (item.background) {
          this.#background(item.pipeline, io);
          continue;
        }
        const r = this.#runPipeline(item.pipeline, io);
        if (isJob(r)) {
          this.#foreground = r;
          const next = k + 1;
          r.onExit((code) => {
            this.#foreground = undefined;
            this.lastExit = code;
            step(next);
          });
          // An attached session reads the next lines: the terminal shows its prompt now.
          if (isSession(r)) r.onReady(() => ready(0));
          return;
        }
        this.lastExit = r;
      }
      done(this.lastExit);
    };
    step(0);
  }

  /** `cmd &`: bash prints "[N] PID" and the job runs on while the prompt is back. */
  #background(p: Pipeline, io: ShellIO): void {
    const n = Math.max(0, ...this.jobs.map((j) => j.n)) + 1;
    // PIDs count up from one seeded start, as a fresh login shell's children do.
    this.#lastPid = this.#lastPid ? this.#lastPid + 1 + this.world.rng.int(3) : 2000 + this.world.rng.int(6000);
    const text = p.commands.map((c) => expandCommand(c, (v) => this.getenv(v)).argv.join(' ')).join(' | ');
    io.stderr.write(`[${n}] ${this.#lastPid}\n`);
    const r = this.#runPipeline(p, io);
    const job: Job = isJob(r) ? r : { interrupt() {}, onExit: (fn) => fn(r), exited: true };
    const entry: BgJob = { n, pid: this.#lastPid, text, job };
    this.jobs.push(entry);
    job.onExit((code) => {
      const i = this.jobs.indexOf(entry);
      if (i >= 0) this.jobs.splice(i, 1);
      if (entry.foreground) return;
      const state = entry.killed ? 'Terminated' : code === 0 ? 'Done' : `Exit ${code}`;
      this.#notices.push(`${this.#jobLine(entry, i === this.jobs.length ? '+' : '-', state)}\n`);
    });
    this.lastExit = 0;
  }

  #jobLine(j: BgJob, mark: string, state: string): string {
    return `[${j.n}]${mark}  ${state.padEnd(24)}${j.text}${state === 'Running' ? ' &' : ''}`;
  }

  /** `jobs`: every background job with bash's current (+) and previous (-) marks. */
  jobsText(): string {
    const last = this.jobs.length - 1;
    return this.jobs.map((j, i) => `${this.#jobLine(j, i === last ? '+' : i === last - 1 ? '-' : ' ', 'Running')}\n`).join('');
  }

  /** %N, %+, %% or %- (or nothing: the current job). */
  findJob(spec: string | undefined): BgJob | undefined {
    if (spec === undefined || spec === '%' || spec === '%%' || spec === '%+') return this.jobs.at(-1);
    if (spec === '%-') return this.jobs.at(-2);
    const m = /^%(\d+)$/.exec(spec);
    return m ? this.jobs.find((j) => j.n === Number(m[1])) : undefined;
  }

  /** fg: the job becomes the foreground one again (Ctrl-C reaches it). */
  foregroundJob(j: BgJob): Job {
    j.foreground = true;
    return j.job;
  }

  /** kill: SIGTERM, which the simulated programs take as Ctrl-C; reported as Terminated. */
  terminateJob(j: BgJob): void {
    j.killed = true;
    j.job.interrupt();
  }

  /** A command's flush: all due work, or a frame's worth when a page set a budget (the rest runs before the next line). */
  flush(): void {
    this.world.clock.flush(this.budget?.());
  }

  /** Finishes the work a budgeted flush left due, a frame's worth per task. */
  async #drainDue(): Promise<void> {
    const clock = this.world.clock;
    while (clock.due()) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      clock.flush(this.budget?.());
    }
  }

  /** Loads for the stand-in commands a parsed line uses (see Command.load), and the due work a budgeted flush left. */
  #loadsFor(items: ListItem[]): Promise<void>[] {
    const loads = new Map<string, Promise<void>>();
    if (this.budget && this.world.clock.due()) loads.set('(due work)', this.#drainDue());
    const before = this.#before;
    if (before)
      loads.set(
        '(before lines)',
        before().then(() => {
          if (this.#before === before) this.#before = undefined;
        }),
      );
    for (const item of items)
      for (const c of item.pipeline.commands) {
        const name = expandCommand(c, (n) => this.getenv(n)).argv[0];
        const cmd = name === undefined ? undefined : this.commands.get(name);
        if (cmd?.load && !loads.has(cmd.name)) loads.set(cmd.name, cmd.load(this));
      }
    return [...loads.values()];
  }

  #runPipeline(p: Pipeline, io: ShellIO): number | Job {
    let stdin: string | undefined;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      if (last) return this.#runSimple(p.commands[i]!, stdin, io);
      const buf = boundedBuffer(io.stderr, 'pipe');
      const r = this.#runSimple(p.commands[i]!, stdin, { stdout: buf, stderr: io.stderr });
      // A streaming command in the middle of a pipe gives what it has printed so far.
      if (isJob(r)) r.interrupt();
      stdin = buf.text();
    }
    return 0;
  }

  #runSimple(raw: SimpleCommand, stdin: string | undefined, io: ShellIO): number | Job {
    const c = expandCommand(raw, (n) => this.getenv(n));
    const vfs = this.world.vfs;
    const err = io.stderr;
    if (c.stdinFile !== undefined) {
      const p = this.resolve(c.stdinFile);
      const text = vfs.readFile(p);
      if (text === undefined) {
        err.write(`bash: ${c.stdinFile}: ${vfs.isDir(p) ? 'Is a directory' : 'No such file or directory'}\n`);
        return 1;
      }
      stdin = text;
    }
    if (c.heredoc) stdin = expandHereDoc(c.heredoc, (n) => this.getenv(n));
    if (c.stdinText !== undefined) stdin = c.stdinText;
    let stdout = io.stdout;
    let stderr = io.stderr;
    const pending: { path: string; append: boolean; text: () => string }[] = [];
    for (const r of c.redirects) {
      if (r.op === '>&1') {
        if (r.fd === 2) stderr = stdout;
        continue;
      }
      if (r.op === '>&2') {
        if (r.fd === 1) stdout = stderr;
        continue;
      }
      const path = this.resolve(r.target);
      if (path === '/dev/null') {
        const sink: Writer = { write: () => {} };
        if (r.fd === 1) stdout = sink;
        else stderr = sink;
        continue;
      }
      if (vfs.isDir(path)) {
        err.write(`bash: ${r.target}: Is a directory\n`);
        return 1;
      }
      if (!vfs.isDir(Vfs.dirname(path))) {
        err.write(`bash: ${r.target}: No such file or directory\n`);
        return 1;
      }
      const w = boundedBuffer(err, r.target);
      if (r.fd === 1) stdout = w;
      else stderr = w;
      // Like bash, '>' truncates the file before the command runs.
      if (r.op === '>') vfs.writeFile(path, '');
      pending.push({ path, append: r.op === '>>', text: () => w.text() });
    }
    const name = c.argv[0]!;
    const cmd = this.commands.get(name);
    let result: number | Job;
    if (!cmd) {
      stderr.write(`${name}: command not found\n`);
      const hint = this.suggest(name);
      if (hint) stderr.write(this.lang === 'ko' ? `  혹시 '${hint}' 을(를) 입력하려고 했나요?\n` : `  did you mean '${hint}'?\n`);
      result = 127;
    } else {
      const ctx: CommandContext = {
        argv: c.argv,
        stdin,
        stdout,
        stderr,
        shell: this,
        world: this.world,
        tty: pending.length ? { ...this.tty, color: false } : this.tty,
        lang: this.lang,
        cwd: this.cwd,
      };
      result = cmd.run(ctx);
    }
    const save = () => {
      for (const p of pending) {
        const before = p.append ? (vfs.readFile(p.path) ?? '') : '';
        const e = vfs.writeFile(p.path, before + p.text());
        if (e) err.write(`bash: ${e.message}\n`);
      }
    };
    if (isJob(result)) result.onExit(save);
    else save();
    return result;
  }

  /**
   * Writes a file on behalf of the editor (a save). It goes through the
   * input listeners like a typed line, so the session log replays it.
   */
  saveFile(path: string, text: string): SimErrorLike | undefined {
    const p = this.resolve(path);
    const e = this.world.vfs.writeFile(p, text);
    // After the write, so a listener (kubectl edit) sees the saved file and may rewrite it.
    if (!e) for (const l of this.#inputListeners) l({ type: 'write', path: p, text });
    return e;
  }

  /** A known command within two typing mistakes of name, for "did you mean". */
  suggest(name: string): string | undefined {
    let best: string | undefined;
    let bestD = 3;
    for (const known of this.commands.keys()) {
      const d = editDistance(name, known);
      if (d < bestD) {
        bestD = d;
        best = known;
      }
    }
    return name.length > 2 ? best : undefined;
  }

  /**
   * Tab completion for the word under the cursor (the end of line).
   * Returns the candidates and the start index of the word they replace.
   */
  complete(line: string): { start: number; candidates: string[] } {
    const start = Math.max(line.lastIndexOf(' '), line.lastIndexOf('|'), line.lastIndexOf(';'), line.lastIndexOf('&')) + 1;
    const current = line.slice(start);
    const before = line.slice(0, start);
    const seg = before.split(/[|;&]/).pop() ?? '';
    const words = seg.trim() === '' ? [] : seg.trim().split(/\s+/);
    let candidates: string[];
    if (words.length === 0) {
      candidates = [...this.commands.keys()].filter((n) => n.startsWith(current));
    } else {
      const cmd = this.commands.get(words[0]!);
      const own = cmd?.complete?.(words.slice(1), current, { world: this.world, cwd: this.cwd, shell: this });
      candidates = own && own.length ? own.filter((c) => c.startsWith(current)) : this.completePath(current);
    }
    return { start, candidates: [...new Set(candidates)].sort() };
  }

  completePath(current: string): string[] {
    const slash = current.lastIndexOf('/');
    const dirPart = slash >= 0 ? current.slice(0, slash + 1) : '';
    const base = current.slice(slash + 1);
    const entries = this.world.vfs.list(this.resolve(dirPart || '.')) ?? [];
    return entries.filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.'))).map((e) => dirPart + e.name + (e.dir ? '/' : ''));
  }
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/**
 * Pipes and redirections hold the whole output in one string (nothing here
 * streams), so it is capped: past PIPE_LIMIT characters the rest is dropped
 * with one note, instead of a RangeError from an over-long string.
 */
export const PIPE_LIMIT = 32 * 1024 * 1024;

function boundedBuffer(stderr: Writer, what: string): Writer & { text(): string } {
  const parts: string[] = [];
  let size = 0;
  let cut = false;
  return {
    write(s: string) {
      if (cut) return;
      if (size + s.length > PIPE_LIMIT) {
        parts.push(s.slice(0, PIPE_LIMIT - size));
        size = PIPE_LIMIT;
        cut = true;
        stderr.write(`note: ${what}: output beyond ${PIPE_LIMIT / 1024 / 1024} MiB is not simulated here; the rest was dropped\n`);
        return;
      }
      parts.push(s);
      size += s.length;
    },
    text: () => parts.join(''),
  };
}
