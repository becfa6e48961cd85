// Stands in for prettier/standalone and its YAML and estree plugins inside monaco-yaml's worker. The editor turns
// monaco-yaml's formatter off (format.enable: false), so Prettier never runs; without this it is bundled anyway
// (about 220 KB gzip of the worker). If formatting were ever asked for, the worker catches this error.
export function format(): Promise<string> {
  return Promise.reject(new Error('YAML formatting is not available in this editor'));
}
export default {};
