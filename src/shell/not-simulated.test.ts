import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Every real subcommand of the four tools is either simulated or answered
 * "not simulated here", never "unknown command" (issue #12). The lists are
 * the tools' own: `docker --help` (docker/cli 27), `docker compose --help`
 * (compose v2.32), `kubectl --help` (v1.33), `etcdctl --help` (v3.5).
 */
const DOCKER = ['attach', 'build', 'builder', 'buildx', 'checkpoint', 'commit', 'compose', 'config', 'container', 'context', 'cp', 'create', 'diff', 'events', 'exec', 'export', 'history', 'image', 'images', 'import', 'info', 'init', 'inspect', 'kill', 'load', 'login', 'logout', 'logs', 'manifest', 'network', 'node', 'pause', 'plugin', 'port', 'ps', 'pull', 'push', 'rename', 'restart', 'rm', 'rmi', 'run', 'save', 'search', 'secret', 'service', 'stack', 'start', 'stats', 'stop', 'swarm', 'system', 'tag', 'top', 'trust', 'unpause', 'update', 'version', 'volume', 'wait'];
const COMPOSE = ['attach', 'build', 'commit', 'config', 'cp', 'create', 'down', 'events', 'exec', 'export', 'images', 'kill', 'logs', 'ls', 'pause', 'port', 'ps', 'pull', 'push', 'restart', 'rm', 'run', 'scale', 'start', 'stats', 'stop', 'top', 'unpause', 'up', 'version', 'wait', 'watch'];
const KUBECTL = ['annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'kustomize', 'label', 'logs', 'options', 'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait'];
const ETCDCTL = ['alarm', 'auth', 'check', 'compaction', 'defrag', 'del', 'elect', 'endpoint', 'get', 'lease', 'lock', 'make-mirror', 'member', 'move-leader', 'put', 'role', 'snapshot', 'txn', 'user', 'version', 'watch'];

describe('real commands are never unknown', () => {
  const sh = createSession({ seed: 1, lang: 'en', tty: { color: false } });
  it.each([...DOCKER.map((c) => `docker ${c}`), ...COMPOSE.map((c) => `docker compose ${c}`), ...KUBECTL.map((c) => `kubectl ${c}`), ...ETCDCTL.map((c) => `etcdctl ${c}`)])('%s', (line) => {
    const out = transcript(sh, [line], { echo: false, followMs: 1000 });
    expect(out).not.toMatch(/unknown command|is not a docker command|unknown docker command/i);
  });
});
