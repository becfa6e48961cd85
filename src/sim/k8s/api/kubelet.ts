/**
 * The kubelet's API as the API server sees it when it proxies pods/log and
 * pods/exec to a node (kubelet port 10250). Shared by both sides so neither
 * imports the other.
 */
import type { Result } from '../../errors.ts';
import type { LineResult, Listener, ShellSessionState } from '../../containers/index.ts';
import type { Pod } from './types.ts';

export interface LogOptions {
  container: string;
  previous?: boolean;
  /** Only the last N lines (`--tail`); undefined or negative: all. */
  tailLines?: number;
  timestamps?: boolean;
  follow?: boolean;
}

/** What a log request streams: the text so far, and with follow a way to read more. */
export interface LogStream {
  text: string;
  /** With follow: new text since the last read, and whether the container still writes. */
  follow?: { read(): string; open(): boolean };
}

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** With ExecInput, for an interactive shell: its prompt now, and what the typed line did. */
  session?: { prompt: string; result?: LineResult };
}

/**
 * A typed line for an interactive shell over an open exec (or attach)
 * stream, `kubectl exec -it POD -- sh`: the stream stays open between lines,
 * so the shell's state travels with it. Without `line` it only asks for the prompt.
 */
export interface ExecInput {
  line?: string;
  state?: ShellSessionState;
  /** Attached to the main process (kubectl run -it): when the shell exits, the container does. */
  attach?: boolean;
}

/** Errors carry the kubelet's wording in `message` and an HTTP-ish reason in `code` (BadRequest, NotFound). */
export interface KubeletServer {
  containerLogs(pod: Pod, opts: LogOptions): Result<LogStream>;
  exec(pod: Pod, container: string, argv: string[], input?: ExecInput): Result<ExecOutput>;
  /** One port-forward connection: what answers on localhost:port inside the pod's network namespace (undefined: refused). */
  portForward(pod: Pod, port: number): Result<Listener | undefined>;
  /** GET /metrics/resource. */
  resourceStats?(): ResourceStats;
}

/** The kubelet's /metrics/resource, as metrics-server scrapes it: usage per running container and of the node. */
export interface ResourceStats {
  node: { cpuMilli: number; memoryBytes: number };
  pods: { namespace: string; name: string; containers: { name: string; cpuMilli: number; memoryBytes: number }[] }[];
}
