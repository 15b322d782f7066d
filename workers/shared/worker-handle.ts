// How a client sees its worker, whatever hosts it (a module Web Worker, a worker_threads
// thread in Node, a Blob worker inside the executor's sandboxed frame): a Comlink endpoint,
// a way to end it, and news of it ending on its own.
import type { Endpoint } from 'comlink';

export interface WorkerHandle {
  endpoint: Endpoint;
  terminate(): void;
  /** Called when the worker dies on its own (crash, out of memory). */
  onExit(listener: (reason: string) => void): void;
}
