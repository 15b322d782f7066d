// Pyodide's runtime files as the page hands them to a sandboxed executor (which cannot
// fetch anything itself). Fetched from our own origin once per page; postMessage copies them
// into each executor's frame.

export interface SandboxFiles {
  wasm: ArrayBuffer;
  stdlib: ArrayBuffer;
  /** pyodide-lock.json as text. */
  lock: string;
  /** The memory snapshot, when one is used. */
  snapshot: ArrayBuffer | null;
}

/** A package file as the frame copies it into each worker (the page hands them over as the program needs them). */
export interface SandboxPackageFile {
  fileName: string;
  bytes: ArrayBuffer;
}

export interface SandboxAssets {
  /** The classic worker script (classicWorkerSource). */
  source: string;
  files: SandboxFiles;
}
