import { z } from 'zod';
import { durationMs as parseDuration } from '../../duration.ts';

// Zod compiles fast parsers with new Function() unless told not to; the site's Content-Security-Policy has no 'unsafe-eval'
// (src/integrations/csp.ts), and even zod's probe for it would be reported as a violation.
z.config({ jitless: true });

/**
 * The Compose Specification as one zod schema, written from the spec's
 * meaning. The loader validates with it and the editor gets the very same
 * rules as JSON Schema (`composeJsonSchema`). Attributes the simulator models
 * are typed closely; the rest are typed loosely but still known, so a typo
 * anywhere is reported as an additional property.
 */

/** An object that rejects unknown keys but allows `x-*` extensions, like the spec's patternProperties. */
function ext<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .check(
      z.superRefine(
        (v: unknown, ctx) => {
          if (!v || typeof v !== 'object' || Array.isArray(v)) return;
          const extra = Object.keys(v).filter((k) => !Object.hasOwn(shape, k) && !k.startsWith('x-'));
          if (extra.length) ctx.addIssue({ code: 'unrecognized_keys', keys: extra, input: v as Record<string, unknown> });
        },
        // Report unknown keys even when a known key has the wrong type.
        { when: () => true },
      ),
    )
    .meta({ additionalProperties: false, patternProperties: { '^x-': {} } });
}

const str = z.string();
const num = z.number();
const int = z.number().int();
const bool = z.boolean();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const stringOrList = z.union([str, z.array(str)]);
const listOrDict = z.union([z.record(str, scalar), z.array(str)]);
const intOrString = z.union([int, str]);
const duration = z.string().check(
  z.refine((s: string) => parseDuration(s) !== undefined, { params: { format: 'duration' } }),
);
const loose = z.unknown();

const build = z.union([
  str,
  ext({
    context: str.optional(),
    dockerfile: str.optional(),
    dockerfile_inline: str.optional(),
    args: listOrDict.optional(),
    target: str.optional(),
    labels: listOrDict.optional(),
    cache_from: z.array(str).optional(),
    cache_to: z.array(str).optional(),
    no_cache: bool.optional(),
    pull: bool.optional(),
    network: str.optional(),
    platforms: z.array(str).optional(),
    tags: z.array(str).optional(),
    secrets: z.array(loose).optional(),
    ssh: loose.optional(),
    extra_hosts: listOrDict.optional(),
    shm_size: intOrString.optional(),
    additional_contexts: listOrDict.optional(),
    isolation: str.optional(),
    privileged: bool.optional(),
    ulimits: loose.optional(),
    entitlements: z.array(str).optional(),
    provenance: z.union([str, bool]).optional(),
    sbom: z.union([str, bool]).optional(),
  }),
]);

const port = z.union([
  num,
  str,
  ext({
    name: str.optional(),
    mode: str.optional(),
    host_ip: str.optional(),
    target: int,
    published: intOrString.optional(),
    protocol: str.optional(),
    app_protocol: str.optional(),
  }),
]);

const volumeMount = z.union([
  str,
  ext({
    type: z.enum(['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image']),
    source: str.optional(),
    target: str.optional(),
    read_only: bool.optional(),
    consistency: str.optional(),
    bind: ext({ propagation: str.optional(), create_host_path: bool.optional(), selinux: z.enum(['z', 'Z']).optional(), recursive: str.optional() }).optional(),
    volume: ext({ nocopy: bool.optional(), subpath: str.optional(), labels: listOrDict.optional() }).optional(),
    tmpfs: ext({ size: intOrString.optional(), mode: num.optional() }).optional(),
    image: ext({ subpath: str.optional() }).optional(),
  }),
]);

const dependsOn = z.union([
  z.array(str),
  z.record(
    str,
    ext({
      condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
      restart: bool.optional(),
      required: bool.optional(),
    }),
  ),
]);

const healthcheck = ext({
  test: stringOrList.optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: num.optional(),
  start_period: duration.optional(),
  start_interval: duration.optional(),
  disable: bool.optional(),
});

const serviceNetworks = z.union([
  z.array(str),
  z.record(
    str,
    z.union([
      z.null(),
      ext({
        aliases: z.array(str).optional(),
        ipv4_address: str.optional(),
        ipv6_address: str.optional(),
        link_local_ips: z.array(str).optional(),
        mac_address: str.optional(),
        driver_opts: z.record(str, scalar).optional(),
        priority: num.optional(),
        gw_priority: num.optional(),
        interface_name: str.optional(),
      }),
    ]),
  ),
]);

const deploy = ext({
  mode: str.optional(),
  replicas: int.optional(),
  endpoint_mode: str.optional(),
  labels: listOrDict.optional(),
  placement: loose.optional(),
  resources: loose.optional(),
  restart_policy: loose.optional(),
  rollback_config: loose.optional(),
  update_config: loose.optional(),
});

const envFile = z.union([str, z.array(z.union([str, ext({ path: str, required: z.union([bool, str]).optional(), format: str.optional() })]))]);

const service = ext({
  // modelled
  image: str.optional(),
  build: build.optional(),
  command: z.union([stringOrList, z.null()]).optional(),
  entrypoint: z.union([stringOrList, z.null()]).optional(),
  environment: listOrDict.optional(),
  env_file: envFile.optional(),
  ports: z.array(port).optional(),
  volumes: z.array(volumeMount).optional(),
  networks: serviceNetworks.optional(),
  depends_on: dependsOn.optional(),
  healthcheck: healthcheck.optional(),
  restart: str.optional(),
  deploy: z.union([deploy, z.null()]).optional(),
  scale: int.optional(),
  container_name: str.optional(),
  hostname: str.optional(),
  working_dir: str.optional(),
  user: str.optional(),
  labels: listOrDict.optional(),
  profiles: z.array(str).optional(),
  stop_grace_period: duration.optional(),
  // known but not simulated
  annotations: listOrDict.optional(),
  attach: bool.optional(),
  blkio_config: loose.optional(),
  cap_add: z.array(str).optional(),
  cap_drop: z.array(str).optional(),
  cgroup: str.optional(),
  cgroup_parent: str.optional(),
  configs: z.array(loose).optional(),
  cpu_count: intOrString.optional(),
  cpu_percent: intOrString.optional(),
  cpu_period: intOrString.optional(),
  cpu_quota: intOrString.optional(),
  cpu_rt_period: intOrString.optional(),
  cpu_rt_runtime: intOrString.optional(),
  cpu_shares: intOrString.optional(),
  cpus: z.union([num, str]).optional(),
  cpuset: str.optional(),
  credential_spec: loose.optional(),
  develop: loose.optional(),
  device_cgroup_rules: z.array(str).optional(),
  devices: z.array(loose).optional(),
  dns: stringOrList.optional(),
  dns_opt: z.array(str).optional(),
  dns_search: stringOrList.optional(),
  domainname: str.optional(),
  expose: z.array(z.union([str, num])).optional(),
  extends: z.union([str, ext({ service: str, file: str.optional() })]).optional(),
  external_links: z.array(str).optional(),
  extra_hosts: listOrDict.optional(),
  gpus: loose.optional(),
  group_add: z.array(z.union([str, num])).optional(),
  init: bool.optional(),
  ipc: str.optional(),
  isolation: str.optional(),
  label_file: stringOrList.optional(),
  links: z.array(str).optional(),
  logging: ext({ driver: str.optional(), options: z.record(str, scalar).optional() }).optional(),
  mac_address: str.optional(),
  mem_limit: z.union([num, str]).optional(),
  mem_reservation: z.union([num, str]).optional(),
  mem_swappiness: int.optional(),
  memswap_limit: z.union([num, str]).optional(),
  models: loose.optional(),
  network_mode: str.optional(),
  oom_kill_disable: bool.optional(),
  oom_score_adj: int.optional(),
  pid: z.union([str, z.null()]).optional(),
  pids_limit: intOrString.optional(),
  platform: str.optional(),
  post_start: z.array(loose).optional(),
  pre_stop: z.array(loose).optional(),
  privileged: bool.optional(),
  provider: loose.optional(),
  pull_policy: str.optional(),
  read_only: bool.optional(),
  runtime: str.optional(),
  secrets: z.array(loose).optional(),
  security_opt: z.array(str).optional(),
  shm_size: z.union([num, str]).optional(),
  stdin_open: bool.optional(),
  stop_signal: str.optional(),
  storage_opt: loose.optional(),
  sysctls: listOrDict.optional(),
  tmpfs: stringOrList.optional(),
  tty: bool.optional(),
  ulimits: loose.optional(),
  use_api_socket: bool.optional(),
  userns_mode: str.optional(),
  uts: str.optional(),
  volumes_from: z.array(str).optional(),
});

const externalFlag = z.union([bool, ext({ name: str.optional() })]);

const network = z.union([
  z.null(),
  ext({
    name: str.optional(),
    driver: str.optional(),
    driver_opts: z.record(str, scalar).optional(),
    ipam: loose.optional(),
    external: externalFlag.optional(),
    internal: bool.optional(),
    enable_ipv4: bool.optional(),
    enable_ipv6: bool.optional(),
    attachable: bool.optional(),
    labels: listOrDict.optional(),
  }),
]);

const volume = z.union([
  z.null(),
  ext({
    name: str.optional(),
    driver: str.optional(),
    driver_opts: z.record(str, scalar).optional(),
    external: externalFlag.optional(),
    labels: listOrDict.optional(),
  }),
]);

const fileObject = ext({
  name: str.optional(),
  file: str.optional(),
  environment: str.optional(),
  content: str.optional(),
  external: externalFlag.optional(),
  labels: listOrDict.optional(),
  driver: str.optional(),
  driver_opts: z.record(str, scalar).optional(),
  template_driver: str.optional(),
});

/** compose-spec's patternProperties for services, networks and volumes: anything else is an "additional property". */
const resourceName = z.string().regex(/^[a-zA-Z0-9._-]+$/);

export const composeSchema = ext({
  version: str.optional(),
  name: str.optional(),
  include: z.array(z.union([str, ext({ path: stringOrList, env_file: stringOrList.optional(), project_directory: str.optional() })])).optional(),
  services: z.record(resourceName, service).optional(),
  networks: z.record(resourceName, network).optional(),
  volumes: z.record(resourceName, volume).optional(),
  secrets: z.record(str, fileObject).optional(),
  configs: z.record(str, fileObject).optional(),
  models: z.record(str, loose).optional(),
});

export type ComposeFileInput = z.input<typeof composeSchema>;
