// Node worker_threads entry: registers tsx so the TypeScript worker can load.
import { register } from 'tsx/esm/api';

register();
await import('./runner.node-worker.ts');
