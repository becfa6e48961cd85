/**
 * Mounts over a container's own files, as the kernel's mount table shows them
 * to its processes: the longest mount target containing a path wins, what is
 * under a mount point in the image is hidden (an emptyDir on
 * /usr/share/nginx/html hides nginx's index.html), a subPath mounts one
 * directory or file of the volume, and a read-only mount refuses writes with
 * EROFS. The volume's files live in a VolumeDir that several containers (and
 * pods, for hostPath and persistent volumes) share, so one container's write
 * is the next one's read.
 */
import type { ContainerFs } from './types.ts';

/** A volume's files, by path relative to its root ("index.html", "conf/app.ini"); a Map is one. */
export interface VolumeDir {
  get(path: string): string | undefined;
  set(path: string, text: string): unknown;
  delete(path: string): unknown;
  keys(): Iterable<string>;
}

/** The files under `prefix` of a bigger tree (a hostPath directory of the node's disk), as a volume. */
export function subDir(tree: VolumeDir, prefix: string): VolumeDir {
  const p = prefix.replace(/^\/+|\/+$/g, '');
  const full = (k: string) => (p ? `${p}/${k}` : k);
  return {
    get: (k) => tree.get(full(k)),
    set: (k, v) => tree.set(full(k), v),
    delete: (k) => tree.delete(full(k)),
    *keys() {
      for (const k of tree.keys()) if (!p) yield k;
      else if (k.startsWith(`${p}/`)) yield k.slice(p.length + 1);
    },
  };
}

export interface FsMount {
  /** Absolute mount point in the container. */
  target: string;
  dir: VolumeDir;
  /** Directory or file inside the volume mounted instead of its root. */
  subPath?: string;
  readOnly?: boolean;
}

/** Deleted from the writable layer: hides the image's file of that name (an overlayfs whiteout). */
export const WHITEOUT = '\u0000whiteout';

export const EROFS = 'Read-only file system';

interface BaseFs {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  remove(path: string): void;
  list(dir: string): string[];
}

const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

export function withMounts(base: BaseFs, mounts: FsMount[]): ContainerFs {
  const ms = mounts.map((m) => ({ ...m, target: trim(m.target), subPath: m.subPath ? m.subPath.replace(/^\/+|\/+$/g, '') : undefined })).sort((a, b) => b.target.length - a.target.length);
  const find = (path: string) => ms.find((m) => path === m.target || path.startsWith(`${m.target}/`));
  const key = (m: (typeof ms)[number], path: string) => {
    const rel = path.slice(m.target.length).replace(/^\/+/, '');
    return m.subPath ? (rel ? `${m.subPath}/${rel}` : m.subPath) : rel;
  };
  return {
    read: (path) => {
      const m = find(path);
      return m ? m.dir.get(key(m, path)) : base.read(path);
    },
    write: (path, text) => {
      const m = find(path);
      if (!m) return base.write(path, text);
      if (!m.readOnly) m.dir.set(key(m, path), text);
    },
    remove: (path) => {
      const m = find(path);
      if (!m) return base.remove(path);
      if (!m.readOnly) m.dir.delete(key(m, path));
    },
    writeError: (path) => (find(path)?.readOnly ? EROFS : undefined),
    list: (dir) => {
      const prefix = dir === '/' ? '/' : `${trim(dir)}/`;
      const out = new Set<string>();
      for (const p of base.list(dir)) if (find(p) === undefined) out.add(p);
      for (const m of ms) {
        const sub = m.subPath ? `${m.subPath}/` : '';
        for (const k of m.dir.keys()) {
          if (sub && !k.startsWith(sub)) continue;
          const p = `${m.target}/${k.slice(sub.length)}`;
          // A deeper mount hides this one's files beneath it.
          if (find(p) === m) out.add(p);
        }
      }
      return [...out].filter((p) => p.startsWith(prefix)).sort();
    },
  };
}
