import type { ImageConfig } from './images.ts';

/** The container's files as its processes see them: mounts, its own layer, the image. */
export interface ContainerFs {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  /** Deletes a file (a whiteout over the image's copy); engines without it get an empty file instead. */
  remove?(path: string): void;
  /** Why a write to path would fail ("Read-only file system"), or undefined when it can be written. */
  writeError?(path: string): string | undefined;
  /** Paths of files under dir (any depth), when the engine can list them. */
  list?(dir: string): string[];
}

export interface HttpRequest {
  method: string;
  path: string;
  agent: string;
  /** Client address as the server logs it. */
  client: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  server?: string;
}

/** Something listening on a port; 'empty' for a server that does not speak HTTP. */
export type Listener = (req: HttpRequest) => HttpAnswer | 'empty';

/** What a container can reach: names it can resolve and ip:port it can connect to. */
export interface ContainerNet {
  lookup(name: string): string | undefined;
  /** A listener at ip:port, or undefined when the connection is refused. */
  connect(ip: string, port: number): Listener | undefined;
}

/** Everything a process or an exec inside one container sees of its world. */
export interface ContainerSys {
  image: ImageConfig;
  fs: ContainerFs;
  hostname: string;
  ip: string;
  /** The process environment (image env, then the engine's, then the user's). */
  env: Record<string, string>;
  workdir: string;
  /** Virtual time now. */
  now: number;
  net: ContainerNet;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** How long it ran, in virtual ms (Infinity: it would never end by itself); what an exec probe's timeout is held against. */
  ms?: number;
}
