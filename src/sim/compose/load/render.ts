import { stringify } from 'yaml';
import type { ComposeProject, ServiceConfig } from '../types.ts';
import { formatDuration } from '../../duration.ts';

type Obj = Record<string, unknown>;

const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A service as `docker compose config` prints it: attributes and map keys in alphabetical order (Go marshals maps sorted), long forms. */
function service(s: ServiceConfig): Obj {
  const o: Obj = {};
  if (s.build) {
    const b: Obj = { context: s.build.context, dockerfile: s.build.dockerfile };
    if (Object.keys(s.build.args).length) b.args = sorted(s.build.args);
    if (s.build.target) b.target = s.build.target;
    o.build = b;
  }
  if (s.command) o.command = s.command;
  if (s.containerName) o.container_name = s.containerName;
  if (Object.keys(s.dependsOn).length) {
    o.depends_on = sorted(
      Object.fromEntries(Object.entries(s.dependsOn).map(([k, d]) => [k, { condition: d.condition, ...(d.restart ? { restart: true } : {}), required: d.required }])),
    );
  }
  if (s.replicas !== 1) o.deploy = { replicas: s.replicas };
  if (s.entrypoint) o.entrypoint = s.entrypoint;
  if (Object.keys(s.environment).length) o.environment = sorted(s.environment);
  if (s.healthcheck) {
    const h = s.healthcheck;
    // compose-go's HealthCheckConfig field order; a field the file did not set stays out (no 30s defaults).
    const given = (k: string) => !h.given || h.given.includes(k);
    o.healthcheck = h.disable
      ? { disable: true }
      : {
          test: h.test,
          ...(given('timeout') ? { timeout: formatDuration(h.timeout) } : {}),
          ...(given('interval') ? { interval: formatDuration(h.interval) } : {}),
          ...(given('retries') ? { retries: h.retries } : {}),
          ...(given('start_period') ? { start_period: formatDuration(h.startPeriod) } : {}),
        };
  }
  if (s.hostname) o.hostname = s.hostname;
  if (s.image) o.image = s.image;
  if (Object.keys(s.labels).length) o.labels = sorted(s.labels);
  if (Object.keys(s.networks).length) {
    o.networks = sorted(Object.fromEntries(Object.entries(s.networks).map(([k, n]) => [k, n.aliases.length ? { aliases: n.aliases } : null])));
  }
  if (s.ports.length) {
    o.ports = s.ports.map((p) => ({
      mode: 'ingress',
      ...(p.hostIp ? { host_ip: p.hostIp } : {}),
      target: p.target,
      // compose prints the published port as a string.
      ...(p.published !== undefined ? { published: String(p.published) } : {}),
      protocol: p.protocol,
    }));
  }
  if (s.profiles.length) o.profiles = s.profiles;
  if (s.restart !== 'no') o.restart = s.restartMaxRetries !== undefined ? `${s.restart}:${s.restartMaxRetries}` : s.restart;
  if (s.stopGracePeriod !== 10_000) o.stop_grace_period = formatDuration(s.stopGracePeriod);
  if (s.user) o.user = s.user;
  if (s.volumes.length) {
    o.volumes = s.volumes.map((v) => {
      const m: Obj = { type: v.type };
      if (v.source !== undefined) m.source = v.source;
      m.target = v.target;
      if (v.readOnly) m.read_only = true;
      if (v.type === 'bind') m.bind = { create_host_path: true };
      if (v.type === 'volume') m.volume = {};
      return m;
    });
  }
  if (s.workingDir) o.working_dir = s.workingDir;
  for (const [k, refs] of [['secrets', s.secrets], ['configs', s.configs]] as const) {
    if (refs?.length) o[k] = refs.map((r) => ({ source: r.source, ...(r.givenTarget !== undefined ? { target: r.givenTarget } : {}) }));
  }
  // Attributes the simulator does not model are still the file's: config prints them.
  Object.assign(o, s.unmodelled ?? {});
  return sorted(o);
}

/** Top-level secrets and configs: compose-go names them <project>_<key> (the key itself when external). */
function fileObjects(project: string, all: NonNullable<ComposeProject['secrets']>): Obj {
  const out: Obj = {};
  for (const [k, f] of Object.entries(sorted(all))) {
    out[k] = {
      name: f.external ? k : `${project}_${k}`,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.environment !== undefined ? { environment: f.environment } : {}),
      ...(f.content !== undefined ? { content: f.content } : {}),
      ...(f.external ? { external: true } : {}),
    };
  }
  return out;
}

function resources(all: ComposeProject['networks'] | ComposeProject['volumes'], defaultDriver: string): Obj {
  const out: Obj = {};
  for (const [k, r] of Object.entries(sorted(all))) {
    const o: Obj = { name: r.name };
    if (r.driver !== defaultDriver) o.driver = r.driver;
    if (r.external) o.external = true;
    if (Object.keys(r.labels).length) o.labels = sorted(r.labels);
    out[k] = o;
  }
  return out;
}

/** The YAML `docker compose config` prints for a loaded project. */
export function renderConfig(project: ComposeProject): string {
  const used = new Set(Object.values(project.services).flatMap((s) => Object.keys(s.networks)));
  // `default` is always in the model but only printed when a service joins it.
  const networks = Object.fromEntries(Object.entries(project.networks).filter(([k]) => k !== 'default' || used.has('default')));
  const doc: Obj = { name: project.name, services: sorted(Object.fromEntries(Object.entries(project.services).map(([k, s]) => [k, service(s)]))) };
  if (Object.keys(networks).length) doc.networks = resources(networks, 'bridge');
  if (Object.keys(project.volumes).length) doc.volumes = resources(project.volumes, 'local');
  if (project.secrets && Object.keys(project.secrets).length) doc.secrets = fileObjects(project.name, project.secrets);
  if (project.configs && Object.keys(project.configs).length) doc.configs = fileObjects(project.name, project.configs);
  return stringify(doc, { lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
}
