import { createSignal } from 'solid-js';
import type { BlockingMode, LoadProgress } from '../workers/protocol/runner.ts';
import { Playground } from './components/Playground.tsx';
import { createBrowserRunner } from '../workers/runner/browser-runner.ts';

const BLOCKING_MODES: BlockingMode[] = ['jspi', 'atomics', 'report-only'];

export function App() {
  const params = new URLSearchParams(location.search);
  const [progress, setProgress] = createSignal<LoadProgress>();
  const [restarts, setRestarts] = createSignal(0);
  // Troubleshooting switches: ?snapshot=0 forces a plain Pyodide start,
  // ?blocking=atomics|report-only prefers another way of pausing.
  const blocking = params.get('blocking') as BlockingMode | null;
  const runner = createBrowserRunner({
    useSnapshot: params.get('snapshot') !== '0',
    preferBlocking: blocking && BLOCKING_MODES.includes(blocking) ? blocking : undefined,
    onProgress: setProgress,
    onRestart: () => setRestarts((n) => n + 1),
  });
  return <Playground runner={runner} progress={progress} restarts={restarts} />;
}
