import type { SimError } from '../errors.ts';

/**
 * The normalised Compose model: what the loader produces from compose.yaml
 * (after interpolation, merging of -f files, validation and defaults) and
 * what the engine runs. Shaped after compose-go's types; durations are in
 * milliseconds of virtual time. `docker compose config` prints this model.
 */
export interface ComposeProject {
  /** Normalised like Docker Compose: lowercase, only [a-z0-9_-], must start with a letter or digit. */
  name: string;
  /** Absolute virtual path of the project directory. */
  workingDir: string;
  /** Absolute virtual paths of the files that were merged, in order. */
  composeFiles: string[];
  /** Services in declaration order (object key order is preserved). */
  services: Record<string, ServiceConfig>;
  /** Services the file declares whose profiles are not active (compose-go's DisabledServices). */
  disabledServices?: string[];
  /** Declared networks; `default` is always present. */
  networks: Record<string, NetworkConfig>;
  /** Declared named volumes. */
  volumes: Record<string, VolumeConfig>;
  /** Top-level `secrets:` and `configs:`, when declared. */
  secrets?: Record<string, FileObject>;
  configs?: Record<string, FileObject>;
  /** Variables used for interpolation (.env plus the shell environment). */
  environment: Record<string, string>;
  /**
   * Warnings to print once before the command's own output, e.g. the obsolete
   * `version` attribute, or `note: 'secrets' are not simulated` for valid
   * features the simulator accepts but does not model.
   */
  warnings: SimError[];
}

export interface BuildConfig {
  /** Absolute virtual path of the build context. */
  context: string;
  /** Dockerfile path relative to the context (default "Dockerfile"). */
  dockerfile: string;
  args: Record<string, string>;
  target?: string;
}

export interface PortMapping {
  /** Container port. */
  target: number;
  /** Host port; undefined means an ephemeral host port is picked. */
  published?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp';
}

export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (as declared, before the project prefix) or host path (absolute, virtual) for binds; undefined for anonymous volumes. */
  source?: string;
  target: string;
  readOnly: boolean;
}

export type DependsOnCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependsOn {
  condition: DependsOnCondition;
  restart: boolean;
  required: boolean;
}

export interface HealthcheckConfig {
  /** ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]. */
  test: string[];
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  disable: boolean;
  /** The keys the file set: `docker compose config` prints no default the file did not have. */
  given?: string[];
}

export type RestartPolicy = 'no' | 'always' | 'on-failure' | 'unless-stopped';

export interface ServiceConfig {
  name: string;
  image?: string;
  build?: BuildConfig;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  ports: PortMapping[];
  volumes: VolumeMount[];
  /** Networks the service joins (key = declared network name); `default` when none is given. */
  networks: Record<string, { aliases: string[] }>;
  dependsOn: Record<string, DependsOn>;
  healthcheck?: HealthcheckConfig;
  restart: RestartPolicy;
  /** For on-failure:N. */
  restartMaxRetries?: number;
  /** deploy.replicas or scale; default 1. */
  replicas: number;
  containerName?: string;
  hostname?: string;
  workingDir?: string;
  user?: string;
  labels: Record<string, string>;
  profiles: string[];
  /** stop_grace_period, default 10 s. */
  stopGracePeriod: number;
  /** Secrets mounted at /run/secrets/<name> (or their target), configs at /<name> (or their target). */
  secrets?: FileReference[];
  configs?: FileReference[];
  /**
   * Valid attributes the simulator does not model (expose, stop_signal, cap_add, ...), as the file
   * wrote them: `docker compose config` still prints them.
   */
  unmodelled?: Record<string, unknown>;
}

export interface FileReference {
  /** Name of the top-level secret or config. */
  source: string;
  /** Absolute path in the container. */
  target: string;
  /** The target as the file wrote it, when it did (config prints only what was given). */
  givenTarget?: string;
}

/** A top-level secret or config: from a file (absolute virtual path), an environment variable, or inline content. */
export interface FileObject {
  file?: string;
  environment?: string;
  content?: string;
  external: boolean;
}

export interface NetworkConfig {
  /** Real name on the engine: `<project>_<key>` unless `name:` or external. */
  name: string;
  driver: string;
  external: boolean;
  labels: Record<string, string>;
}

export interface VolumeConfig {
  /** Real name on the engine: `<project>_<key>` unless `name:` or external. */
  name: string;
  driver: string;
  external: boolean;
  labels: Record<string, string>;
}

export interface LoadOptions {
  /** Working directory (absolute virtual path). */
  cwd: string;
  /** -f files, in order; empty means the default file names in cwd. */
  files?: string[];
  /** -p NAME. */
  projectName?: string;
  /** The shell environment, which wins over .env. */
  env?: Record<string, string>;
  /** --profile names. */
  profiles?: string[];
}
