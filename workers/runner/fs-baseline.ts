// The in-memory file system as it was before the first run, put back after every run: files
// and folders a program created are removed, files it changed or removed are written back,
// and the working directory is restored. Python's own state is interpreter_baseline.py's job;
// files are here because Emscripten's FS is a JavaScript object (a walk costs well under a ms).
//
// A file counts as changed when its kind, size, mode, inode, mtime or ctime differ (writes set
// ctime, which Python cannot set back). Contents are kept only for files up to
// MAX_SAVED_FILE_BYTES (our Python sources): a change to a bigger one (the standard library's
// zip) cannot be undone here and is reported, so the host replaces the worker.

import type { PyodideAPI } from 'pyodide';

type FS = PyodideAPI['FS'];

export const MAX_SAVED_FILE_BYTES = 1 << 20;
const SKIPPED = new Set(['/dev', '/proc', '/sys']);

interface Entry {
  kind: 'file' | 'dir' | 'link' | 'other';
  mode: number;
  size: number;
  mtime: number;
  ctime: number;
  ino: number;
  contents?: Uint8Array;
  target?: string;
}

export interface FsRestoreReport {
  /** Paths put back (written, recreated or removed). */
  changed: string[];
  /** Paths that could not be put back (changes to big files, or failures). */
  unrestorable: string[];
}

function describe(fs: FS, path: string): Entry | undefined {
  let stats;
  try {
    stats = fs.lstat(path);
  } catch {
    return undefined;
  }
  const kind = fs.isDir(stats.mode) ? 'dir' : fs.isFile(stats.mode) ? 'file' : fs.isLink(stats.mode) ? 'link' : 'other';
  return {
    kind,
    mode: stats.mode,
    size: stats.size,
    ino: stats.ino,
    mtime: new Date(stats.mtime).getTime(),
    ctime: new Date(stats.ctime).getTime(),
  };
}

function walk(fs: FS, visit: (path: string, entry: Entry) => void, path = '/'): void {
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    const child = path === '/' ? `/${name}` : `${path}/${name}`;
    if (SKIPPED.has(child)) continue;
    const entry = describe(fs, child);
    if (!entry) continue;
    visit(child, entry);
    if (entry.kind === 'dir') walk(fs, visit, child);
  }
}

function same(a: Entry, b: Entry): boolean {
  if (a.kind !== b.kind || a.mode !== b.mode) return false;
  if (a.kind === 'dir') return true; // its times change with its entries, which are compared one by one
  return a.size === b.size && a.ino === b.ino && a.mtime === b.mtime && a.ctime === b.ctime;
}

export class FsBaseline {
  private constructor(
    private readonly entries: Map<string, Entry>,
    private readonly cwd: string,
  ) {}

  /**
   * `noContents`: folders whose files are described but not copied (installed packages: a run
   * that changes one cannot be undone here, and the host replaces the worker).
   */
  static take(fs: FS, options: { noContents?: readonly string[] } = {}): FsBaseline {
    const entries = new Map<string, Entry>();
    const skipped = (path: string) => options.noContents?.some((dir) => path.startsWith(`${dir}/`)) ?? false;
    walk(fs, (path, entry) => {
      if (entry.kind === 'file' && entry.size <= MAX_SAVED_FILE_BYTES && !skipped(path)) entry.contents = fs.readFile(path);
      if (entry.kind === 'link') entry.target = fs.readlink(path);
      entries.set(path, entry);
    });
    return new FsBaseline(entries, fs.cwd());
  }

  /** Puts the file system back; cheap when nothing changed (one walk, no reads). */
  restore(fs: FS): FsRestoreReport {
    const report: FsRestoreReport = { changed: [], unrestorable: [] };
    const current = new Map<string, Entry>();
    walk(fs, (path, entry) => current.set(path, entry));
    // New paths go first, deepest first, so folders are empty when they are removed.
    const added = [...current.keys()]
      .filter((path) => !this.entries.has(path))
      .sort()
      .reverse();
    for (const path of added) {
      try {
        if (current.get(path)!.kind === 'dir') fs.rmdir(path);
        else fs.unlink(path);
        report.changed.push(path);
      } catch {
        report.unrestorable.push(path);
      }
    }
    // Then what was there, parents before children (sorted paths).
    for (const path of [...this.entries.keys()].sort()) {
      const saved = this.entries.get(path)!;
      const now = current.get(path);
      if (now && same(now, saved)) continue;
      if (!this.put(fs, path, saved, now)) {
        report.unrestorable.push(path);
        continue;
      }
      report.changed.push(path);
      const fresh = describe(fs, path);
      if (fresh) this.entries.set(path, { ...saved, ino: fresh.ino, mtime: fresh.mtime, ctime: fresh.ctime });
    }
    try {
      if (fs.cwd() !== this.cwd) {
        fs.chdir(this.cwd);
        report.changed.push(`working directory (${this.cwd})`);
      }
    } catch {
      report.unrestorable.push(`working directory (${this.cwd})`);
    }
    return report;
  }

  private put(fs: FS, path: string, saved: Entry, now: Entry | undefined): boolean {
    try {
      if (now && now.kind !== saved.kind) {
        if (now.kind === 'dir') return false; // a folder where a file was: its contents are unknown to us
        fs.unlink(path);
        now = undefined;
      }
      if (saved.kind === 'dir') {
        if (!now) fs.mkdir(path, saved.mode & 0o7777);
        else fs.chmod(path, saved.mode & 0o7777);
        return true;
      }
      if (saved.kind === 'link') {
        if (now) fs.unlink(path);
        fs.symlink(saved.target!, path);
        return true;
      }
      if (saved.kind !== 'file' || !saved.contents) return false;
      fs.writeFile(path, saved.contents);
      fs.chmod(path, saved.mode & 0o7777);
      fs.utime(path, saved.mtime, saved.mtime);
      return true;
    } catch {
      return false;
    }
  }
}
