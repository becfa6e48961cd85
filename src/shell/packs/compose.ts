import { dockerCompose } from '../commands/docker/compose.ts';
import { docker } from '../commands/docker/docker.ts';
import { curl } from '../commands/curl/curl.ts';
import type { Command } from '../types.ts';

/** The Docker and Compose simulator's commands: one chunk, loaded by Compose pages or the first `docker`. */
export function composeCommands(): Command[] {
  return [docker, dockerCompose, curl];
}
