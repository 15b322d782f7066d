// The worker_threads entry of every worker's Node host: Node cannot start a TypeScript worker
// by itself, so this registers tsx and then loads the host's .node-worker.ts (workerData.host).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.host);
