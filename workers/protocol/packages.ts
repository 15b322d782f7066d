// Package files as they travel from the page (which fetched them and checked each against the
// index's sha256) to a worker's Python: the runner, the executor (through its sandbox frame),
// a Node worker thread. Workers never fetch packages themselves.

export interface PackageFile {
  /** The distribution's name ("numpy"). */
  name: string;
  version: string;
  /** The wheel or zip's file name, as the index names it. */
  fileName: string;
  /** 'site' (site-packages) or 'dynlib' (shared libraries). */
  installDir: 'site' | 'dynlib';
  /** Verified before it was handed over. */
  sha256: string;
  /** Where it came from: 'index' (the Pyodide package index) or 'pypi'. */
  source: 'index' | 'pypi';
  /** The file's bytes; absent where the host hands them over another way (the executor's sandbox frame). */
  bytes?: ArrayBuffer;
}

/** What to load into a worker: the files (dependencies first) and modules to import ahead of the program. */
export interface PackageSet {
  files: PackageFile[];
  /**
   * Dotted modules the program imports from these packages ("matplotlib.pyplot"): imported
   * before the program runs, so they survive the runner's clean state between runs and
   * cost the executor's handling code nothing.
   */
  preload: string[];
}

export interface PackageInstallReport {
  /** Names installed by this call. */
  installed: string[];
  /** Files that could not be installed, with the reason. */
  failed: { name: string; error: string }[];
  /** Modules that failed to import ahead of the program (the program will meet the same error). */
  preloadErrors: { module: string; error: string }[];
  ms: number;
}
