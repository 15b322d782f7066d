// Small helpers shared by the worker hosts.

/** Rejects with "<what> did not finish within N s" (a wrong wasm MIME type makes Pyodide hang forever). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
