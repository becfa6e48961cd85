/**
 * The kubelet's API as the API server sees it when it proxies pods/log and
 * pods/exec to a node (kubelet port 10250). Shared by both sides so neither
 * imports the other.
 */
import type { Result } from '../../errors.ts';
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
}

/** Errors carry the kubelet's wording in `message` and an HTTP-ish reason in `code` (BadRequest, NotFound). */
export interface KubeletServer {
  containerLogs(pod: Pod, opts: LogOptions): Result<LogStream>;
  exec(pod: Pod, container: string, argv: string[]): Result<ExecOutput>;
}
