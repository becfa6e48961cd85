// monaco-yaml's worker, re-exported so Vite bundles it as a worker of our own (see monaco-yaml's README, "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
