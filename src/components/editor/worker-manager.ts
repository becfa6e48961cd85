/**
 * Stands in for `monaco-worker-manager` (used by monaco-yaml on the page
 * side). monaco-editor 0.5x's createWebWorker() takes a Worker instead of a
 * label and createData, so the manager's call made Monaco start a plain
 * editor worker without the YAML settings ("Missing requestHandler or method:
 * getFoldingRanges"). This version creates the worker through
 * MonacoEnvironment.getWorker and sends the two opening messages Monaco's own
 * language workers get ("ignore", then createData), then hands it to Monaco.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';

interface Options<C> {
  createData: C;
  interval?: number;
  label: string;
  moduleId: string;
  stopWhenIdleFor?: number;
}

export function createWorkerManager<T extends object, C>(monaco: typeof Monaco, options: Options<C>) {
  let { createData } = options;
  const { interval = 30_000, label, moduleId, stopWhenIdleFor = 120_000 } = options;
  let worker: Monaco.editor.MonacoWebWorker<T> | undefined;
  let lastUsedTime = 0;
  let disposed = false;
  const stopWorker = () => {
    worker?.dispose();
    worker = undefined;
  };
  const intervalId = setInterval(() => {
    if (worker && Date.now() - lastUsedTime > stopWhenIdleFor) stopWorker();
  }, interval);
  return {
    dispose() {
      disposed = true;
      clearInterval(intervalId);
      stopWorker();
    },
    getWorker(...resources: Monaco.Uri[]): Promise<T> {
      if (disposed) throw new Error('Worker manager has been disposed');
      lastUsedTime = Date.now();
      if (!worker) {
        const env = (globalThis as { MonacoEnvironment?: { getWorker?(id: string, label: string): Worker | Promise<Worker> } }).MonacoEnvironment;
        const w = Promise.resolve(env!.getWorker!(moduleId, label)).then((w) => {
          w.postMessage('ignore');
          w.postMessage(createData);
          return w;
        });
        worker = monaco.editor.createWebWorker<T>({ worker: w });
      }
      return worker.withSyncedResources(resources);
    },
    updateCreateData(newCreateData: C) {
      createData = newCreateData;
      stopWorker();
    },
  };
}
