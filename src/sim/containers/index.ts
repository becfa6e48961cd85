/**
 * One container world for the Docker engine and the kubelet's runtime:
 * registries and tags, image configs, the programs images run, exec, logs.
 */
export { execIn, notFoundMessage } from './exec.ts';
export { imageConfig, PATH, type Distro, type ImageConfig } from './images.ts';
export { launch, piDigits, processArgv, quickStop, type Launch, type LogLine, type Program, type RunContext, type StopPlan } from './programs.ts';
export { familiarString, parseReference, referenceError, type ImageRef } from './reference.ts';
export { buildkitPullError, containerdPullError, dockerPullError, resolveImage, resolveTag, type Resolution, type ResolvedImage } from './registry.ts';
export type { ContainerFs, ContainerNet, ContainerSys, ExecResult, HttpAnswer, HttpRequest, Listener } from './types.ts';
export { execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession, type LineResult, type ShellSessionState } from './exec.ts';
