/** The labels Compose puts on what it creates. A module of its own, so a check can read them without loading the engine. */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  hash: 'com.docker.compose.config-hash',
  image: 'com.docker.compose.image',
  workdir: 'com.docker.compose.project.working_dir',
  files: 'com.docker.compose.project.config_files',
  oneoff: 'com.docker.compose.oneoff',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;
