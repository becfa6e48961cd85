import { simError, type SimError } from './errors.ts';

/**
 * The virtual file system shared by the terminal and the editor. Plain paths,
 * text files only. Every change is reported to listeners so the editor and the
 * saved state follow what the shell did (and the other way round).
 */
export type VfsChange = { type: 'write' | 'delete' | 'mkdir'; path: string };

/** Big enough for any real compose file or manifest, small enough that a stray paste cannot freeze the page. */
export const MAX_FILE_BYTES = 1_000_000;

export class Vfs {
  #files = new Map<string, string>();
  #dirs = new Set<string>(['/']);
  #listeners = new Set<(c: VfsChange) => void>();

  static normalize(path: string): string {
    const parts: string[] = [];
    for (const p of path.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return '/' + parts.join('/');
  }

  /** Resolves path against cwd, expanding a leading ~ to home. */
  static resolve(cwd: string, path: string, home = '/home/learner'): string {
    if (path === '~' || path.startsWith('~/')) path = home + path.slice(1);
    return Vfs.normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
  }

  static dirname(path: string): string {
    const n = Vfs.normalize(path);
    const i = n.lastIndexOf('/');
    return i <= 0 ? '/' : n.slice(0, i);
  }

  static basename(path: string): string {
    const n = Vfs.normalize(path);
    return n.slice(n.lastIndexOf('/') + 1);
  }

  onChange(fn: (c: VfsChange) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(c: VfsChange) {
    for (const l of this.#listeners) l(c);
  }

  exists(path: string): boolean {
    const p = Vfs.normalize(path);
    return this.#files.has(p) || this.#dirs.has(p);
  }

  isDir(path: string): boolean {
    return this.#dirs.has(Vfs.normalize(path));
  }

  isFile(path: string): boolean {
    return this.#files.has(Vfs.normalize(path));
  }

  readFile(path: string): string | undefined {
    return this.#files.get(Vfs.normalize(path));
  }

  mkdir(path: string): void {
    const p = Vfs.normalize(path);
    const missing: string[] = [];
    for (let d = p; !this.#dirs.has(d); d = Vfs.dirname(d)) missing.unshift(d);
    for (const d of missing) {
      this.#dirs.add(d);
      this.#emit({ type: 'mkdir', path: d });
    }
  }

  /** Writes a file, creating parent directories. Returns an error value instead of throwing. */
  writeFile(path: string, content: string): SimError | undefined {
    const p = Vfs.normalize(path);
    if (this.#dirs.has(p)) return simError('EISDIR', `${p}: Is a directory`);
    if (content.length > MAX_FILE_BYTES) {
      return simError('EFBIG', `${p}: File too large (${content.length} bytes; the limit is ${MAX_FILE_BYTES})`);
    }
    this.mkdir(Vfs.dirname(p));
    if (this.#files.get(p) === content) return undefined;
    this.#files.set(p, content);
    this.#emit({ type: 'write', path: p });
    return undefined;
  }

  /** Removes a file, or a directory with everything under it. */
  remove(path: string): boolean {
    const p = Vfs.normalize(path);
    if (p === '/') return false;
    if (this.#files.delete(p)) {
      this.#emit({ type: 'delete', path: p });
      return true;
    }
    if (!this.#dirs.has(p)) return false;
    const prefix = p + '/';
    for (const f of [...this.#files.keys()]) if (f.startsWith(prefix)) this.#files.delete(f);
    for (const d of [...this.#dirs]) if (d === p || d.startsWith(prefix)) this.#dirs.delete(d);
    this.#emit({ type: 'delete', path: p });
    return true;
  }

  /** Direct children of a directory, sorted, or undefined when it is not a directory. */
  list(path: string): { name: string; dir: boolean }[] | undefined {
    const p = Vfs.normalize(path);
    if (!this.#dirs.has(p)) return undefined;
    const prefix = p === '/' ? '/' : p + '/';
    const out = new Map<string, boolean>();
    for (const d of this.#dirs) {
      if (d !== p && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) out.set(d.slice(prefix.length), true);
    }
    for (const f of this.#files.keys()) {
      if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) out.set(f.slice(prefix.length), false);
    }
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, dir]) => ({ name, dir }));
  }

  /** All files under a directory (recursive), as absolute paths, sorted. */
  walk(path = '/'): string[] {
    const p = Vfs.normalize(path);
    const prefix = p === '/' ? '/' : p + '/';
    return [...this.#files.keys()].filter((f) => f.startsWith(prefix)).sort();
  }

  /** A plain snapshot for saving (files and empty directories). */
  snapshot(): { files: Record<string, string>; dirs: string[] } {
    const files: Record<string, string> = {};
    for (const f of [...this.#files.keys()].sort()) files[f] = this.#files.get(f)!;
    return { files, dirs: [...this.#dirs].sort() };
  }
}
