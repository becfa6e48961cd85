import type { ComposeProject, ServiceConfig } from '../types.ts';

/** Hand-written projects for engine tests, shaped as the loader normalises them. */
export function service(name: string, over: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    name,
    environment: {},
    ports: [],
    volumes: [],
    networks: {},
    dependsOn: {},
    restart: 'no',
    replicas: 1,
    labels: {},
    profiles: [],
    stopGracePeriod: 10_000,
    ...over,
  };
}

export function project(name: string, dir: string, services: ServiceConfig[], volumes: string[] = []): ComposeProject {
  return {
    name,
    workingDir: dir,
    composeFiles: [`${dir}/compose.yaml`],
    services: Object.fromEntries(services.map((s) => [s.name, s])),
    networks: { default: { name: `${name}_default`, driver: 'bridge', external: false, labels: {} } },
    volumes: Object.fromEntries(volumes.map((v) => [v, { name: `${name}_${v}`, driver: 'local', external: false, labels: {} }])),
    environment: {},
    warnings: [],
  };
}

/** The compose-demo scenario (src/lessons/scenarios.ts) as the loader would give it. */
export function demoProject(dir = '/home/learner/compose-demo'): ComposeProject {
  return project('compose-demo', dir, [
    service('web', {
      build: { context: `${dir}/web`, dockerfile: 'Dockerfile', args: {} },
      ports: [{ target: 80, published: 8080, protocol: 'tcp' }],
      dependsOn: { db: { condition: 'service_started', restart: false, required: true } },
    }),
    service('db', {
      image: 'postgres:16',
      environment: { POSTGRES_PASSWORD: 'example' },
      volumes: [{ type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', readOnly: false }],
    }),
  ], ['db-data']);
}
